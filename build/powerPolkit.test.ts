import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

/** Runs the rules file the way polkitd does: it calls polkit.addRule with a function. */
function loadRule(): (action: { id: string }, subject: { isInGroup(g: string): boolean }) => string {
  const rules: ((a: unknown, s: unknown) => string)[] = [];
  const polkit = {
    Result: { YES: 'yes', NO: 'no', NOT_HANDLED: 'not-handled' },
    addRule: (fn: (a: unknown, s: unknown) => string) => rules.push(fn),
  };
  runInNewContext(readFileSync(join(root, 'build/linux/50-cunban-power.rules'), 'utf8'), { polkit });
  expect(rules).toHaveLength(1);
  return rules[0] as never;
}

describe('polkit grant for the scheduled power-off and reboot', () => {
  const rule = loadRule();
  const kiosk = { isInGroup: (g: string) => g === 'cunban' };
  const stranger = { isInGroup: () => false };

  it('lets the cunban group power off and reboot through logind, and nothing else', () => {
    for (const id of [
      'org.freedesktop.login1.power-off',
      'org.freedesktop.login1.power-off-multiple-sessions',
      'org.freedesktop.login1.reboot',
      'org.freedesktop.login1.reboot-multiple-sessions',
    ]) {
      expect(rule({ id }, kiosk), id).toBe('yes');
      expect(rule({ id }, stranger), id).toBe('not-handled');
    }
    for (const id of [
      'org.freedesktop.login1.power-off-ignore-inhibit',
      'org.freedesktop.systemd1.manage-units',
      'org.freedesktop.login1.set-wall-message',
    ])
      expect(rule({ id }, kiosk), id).toBe('not-handled');
  });

  it('the .pkla for polkit 0.105 grants the same actions and both files are shipped', () => {
    const pkla = readFileSync(join(root, 'build/linux/50-cunban-power.pkla'), 'utf8');
    const actions = /^Action=(.*)$/m.exec(pkla)?.[1]?.split(';');
    expect(actions?.sort()).toEqual([
      'org.freedesktop.login1.power-off',
      'org.freedesktop.login1.power-off-multiple-sessions',
      'org.freedesktop.login1.reboot',
      'org.freedesktop.login1.reboot-multiple-sessions',
    ]);
    expect(pkla).toMatch(/^Identity=unix-group:cunban$/m);
    const builder = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(builder).toContain('- 50-cunban-power.rules');
    expect(builder).toContain('- 50-cunban-power.pkla');
  });
});
