import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RemoteSettingsStore } from './remoteSettings';

const doc = (updatedAt: string, days = [1, 2, 3, 4, 5]) => ({
  id: 'dev_1',
  openingHours: [{ days, open: '08:30', close: '17:30' }],
  idleTimeoutSeconds: 60,
  enabledServices: ['S06'],
  updatedAt,
  _deleted: false,
});

describe('RemoteSettingsStore', () => {
  it('is open around the clock until the county sent hours, then follows them in Beijing time', async () => {
    let at = new Date('2026-11-30T12:00:00+08:00'); // a Monday noon
    const store = new RemoteSettingsStore(await mkdtemp(join(tmpdir(), 'cunban-rs-')), 90, () => at);
    expect(store.get()).toMatchObject({ openNow: true, idleTimeoutSeconds: 90 });
    expect(await store.apply(doc('2026-11-29T00:00:00Z'))).toBe(true);
    expect(store.get()).toMatchObject({ openNow: true, idleTimeoutSeconds: 60, enabledServices: ['S06'] });
    at = new Date('2026-11-30T18:00:00+08:00');
    expect(store.get().openNow).toBe(false);
    at = new Date('2026-11-29T12:00:00+08:00'); // Sunday
    expect(store.get().openNow).toBe(false);
  });

  it('ignores older documents and keeps the newest across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cunban-rs-'));
    const store = new RemoteSettingsStore(dir, 90);
    await store.apply(doc('2026-11-29T00:00:00Z', [7]));
    expect(await store.apply(doc('2026-11-28T00:00:00Z'))).toBe(false);
    const again = new RemoteSettingsStore(dir, 90);
    await again.load();
    expect(again.get().openingHours[0]?.days).toEqual([7]);
  });

  it('carries the power schedule, and documents without one schedule nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cunban-rs-'));
    const store = new RemoteSettingsStore(dir, 90);
    await store.apply(doc('2026-11-29T00:00:00Z'));
    expect(store.get().powerSchedule).toEqual({
      powerOffAt: null,
      rebootAt: null,
      days: [1, 2, 3, 4, 5, 6, 7],
    });
    const schedule = { powerOffAt: '21:30', rebootAt: null, days: [1, 2, 3, 4, 5] };
    expect(await store.apply({ ...doc('2026-11-30T00:00:00Z'), powerSchedule: schedule })).toBe(true);
    expect(store.get().powerSchedule).toEqual(schedule);
    // A malformed schedule makes the whole document invalid: the kiosk keeps what it had.
    const broken = {
      ...doc('2026-12-01T00:00:00Z'),
      powerSchedule: { powerOffAt: '9pm', rebootAt: null, days: [1] },
    };
    expect(await store.apply(broken)).toBe(false);
    const again = new RemoteSettingsStore(dir, 90);
    await again.load();
    expect(again.get().powerSchedule).toEqual(schedule);
  });
});
