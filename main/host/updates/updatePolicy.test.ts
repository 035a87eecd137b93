import { describe, expect, it } from 'vitest';
import { openingHoursSchema } from './openingHours';
import { rolloutSchema } from './rollout';
import { decideInstall, decideTake } from './updatePolicy';

const hours = openingHoursSchema.parse({
  periods: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }],
});
const monday = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+08:00`);
const full = rolloutSchema.parse({ version: '1.3.0', percentage: 100 });

describe('decideTake', () => {
  const device = { deviceId: 'kiosk-7' };
  it('takes a newer release the rollout admits', () => {
    expect(decideTake({ currentVersion: '1.2.0', offeredVersion: '1.3.0', rollout: full, device })).toEqual({
      take: true,
    });
  });
  it('never takes the same or an older version', () => {
    expect(decideTake({ currentVersion: '1.3.0', offeredVersion: '1.3.0', rollout: full, device })).toEqual({
      take: false,
      reason: 'not-newer',
    });
    expect(decideTake({ currentVersion: '1.4.0', offeredVersion: '1.3.0', rollout: full, device }).take).toBe(
      false,
    );
  });
  it('follows the rollout', () => {
    const none = rolloutSchema.parse({ version: '1.3.0', percentage: 0 });
    expect(decideTake({ currentVersion: '1.2.0', offeredVersion: '1.3.0', rollout: none, device })).toEqual({
      take: false,
      reason: 'outside-percentage',
    });
  });
  it('gives up on a version that failed to install repeatedly', () => {
    const input = {
      currentVersion: '1.2.0',
      offeredVersion: '1.3.0',
      rollout: full,
      device,
      givenUp: new Set(['1.3.0']),
    };
    expect(decideTake(input)).toEqual({ take: false, reason: 'failed-before' });
  });
});

describe('decideInstall', () => {
  it('installs at night with nobody at the kiosk', () => {
    expect(decideInstall({ hours, now: monday('02:00'), sessionActive: false })).toEqual({ install: true });
  });
  it('waits during opening hours', () => {
    expect(decideInstall({ hours, now: monday('10:00'), sessionActive: false })).toEqual({
      install: false,
      reason: 'opening-hours',
    });
  });
  it('waits shortly before opening', () => {
    expect(
      decideInstall({ hours, now: monday('08:20'), sessionActive: false, marginMinutes: 20 }).install,
    ).toBe(false);
  });
  it('never installs during a session, even when closed', () => {
    expect(decideInstall({ hours, now: monday('19:00'), sessionActive: true })).toEqual({
      install: false,
      reason: 'session-active',
    });
  });
});
