import { describe, expect, it } from 'vitest';
import { idlePhase, idleRuleFor } from './idleTimer';
import { wipeSessionTraces } from './sessionWipe';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

describe('session wipe', () => {
  it('clears both storages and caches but keeps the preserved host token', async () => {
    const session = new MemoryStorage();
    const local = new MemoryStorage();
    session.setItem('cunban.hostToken', 't0k3n');
    session.setItem('draft', '{"name":"李秀英","idNumber":"441622195203150022"}');
    local.setItem('lastPerson', '李秀英');
    const deleted: string[] = [];
    const caches = {
      keys: async () => ['previews', 'forms'],
      delete: async (n: string) => {
        deleted.push(n);
        return true;
      },
    } as unknown as CacheStorage;
    await wipeSessionTraces({ sessionStorage: session, localStorage: local, caches }, ['cunban.hostToken']);
    expect(session.length).toBe(1);
    expect(session.getItem('cunban.hostToken')).toBe('t0k3n');
    expect(session.getItem('draft')).toBeNull();
    expect(local.length).toBe(0);
    expect(deleted).toEqual(['previews', 'forms']);
  });
});

describe('idle timer', () => {
  const rule = idleRuleFor(90);
  it('warns in the last 20 seconds of 90 and then expires', () => {
    expect(rule).toEqual({ timeoutSeconds: 90, warningSeconds: 20 });
    expect(idlePhase(rule, 0, 69_000).phase).toBe('active');
    expect(idlePhase(rule, 0, 70_500)).toEqual({ phase: 'warning', secondsLeft: 20 });
    expect(idlePhase(rule, 0, 85_200)).toEqual({ phase: 'warning', secondsLeft: 5 });
    expect(idlePhase(rule, 0, 90_000).phase).toBe('expired');
  });
  it('a touch restarts the count, and short timeouts keep a third for the warning', () => {
    expect(idlePhase(rule, 80_000, 100_000).phase).toBe('active');
    expect(idleRuleFor(30)).toEqual({ timeoutSeconds: 30, warningSeconds: 10 });
    expect(idleRuleFor(3).timeoutSeconds).toBe(15);
  });
});
