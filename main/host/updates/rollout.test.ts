import { describe, expect, it } from 'vitest';
import { decideRollout, rolloutBucket, rolloutSchema } from './rollout';
import { compareVersions } from './versionOrder';

const ids = Array.from({ length: 1000 }, (_, i) => `kiosk-${i.toString().padStart(4, '0')}`);
const rollout = (fields: Partial<Record<string, unknown>>) =>
  rolloutSchema.parse({ version: '1.2.0', percentage: 0, ...fields });

describe('staged rollout', () => {
  it('gives every device a stable bucket in [0, 100)', () => {
    expect(rolloutBucket('kiosk-0001')).toBe(rolloutBucket('kiosk-0001'));
    for (const id of ids) {
      const b = rolloutBucket(id);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(100);
    }
  });

  it('admits about the given percentage of a fleet', () => {
    const admitted = ids.filter(
      (deviceId) => decideRollout(rollout({ percentage: 25 }), '1.2.0', { deviceId }).eligible,
    );
    // 1000 devices at 25 %: binomial sd ≈ 14, so ±70 is far outside chance.
    expect(admitted.length).toBeGreaterThan(180);
    expect(admitted.length).toBeLessThan(320);
  });

  it('only adds devices when the percentage grows', () => {
    const at = (percentage: number) =>
      new Set(
        ids.filter((deviceId) => decideRollout(rollout({ percentage }), '1.2.0', { deviceId }).eligible),
      );
    const ten = at(10);
    const fifty = at(50);
    for (const id of ten) expect(fifty.has(id)).toBe(true);
    expect(at(0).size).toBe(0);
    expect(at(100).size).toBe(ids.length);
  });

  it('lets a group percentage override the default, both ways', () => {
    const r = rollout({ percentage: 0, groups: { pilot: 100, 'remote-hills': 0 } });
    expect(decideRollout(r, '1.2.0', { deviceId: 'kiosk-0001', group: 'pilot' }).eligible).toBe(true);
    expect(decideRollout(r, '1.2.0', { deviceId: 'kiosk-0001', group: 'other' }).eligible).toBe(false);
    const all = rollout({ percentage: 100, groups: { 'remote-hills': 0 } });
    expect(decideRollout(all, '1.2.0', { deviceId: 'kiosk-0001', group: 'remote-hills' })).toEqual({
      eligible: false,
      reason: 'outside-percentage',
    });
    expect(decideRollout(all, '1.2.0', { deviceId: 'kiosk-0001' }).eligible).toBe(true);
  });

  it('always admits listed devices, never while paused, never for another version', () => {
    const r = rollout({ devices: ['it-desk'] });
    expect(decideRollout(r, '1.2.0', { deviceId: 'it-desk' })).toEqual({
      eligible: true,
      reason: 'listed-device',
    });
    expect(decideRollout({ ...r, paused: true }, '1.2.0', { deviceId: 'it-desk' }).reason).toBe('paused');
    expect(decideRollout(rollout({ percentage: 100 }), '1.3.0', { deviceId: 'x' }).reason).toBe(
      'other-version',
    );
  });

  it('a different salt picks different early devices', () => {
    const first = ids.filter((id) => rolloutBucket(id) < 10);
    const salted = ids.filter((id) => rolloutBucket(id, 'round-2') < 10);
    expect(first).not.toEqual(salted);
  });

  it('rejects unknown fields and out-of-range percentages', () => {
    expect(() => rolloutSchema.parse({ version: '1.0.0', percentage: 120 })).toThrow();
    expect(() => rolloutSchema.parse({ version: '1.0.0', percentage: 5, precentage: 10 })).toThrow();
  });
});

describe('version order', () => {
  it('orders releases and pre-releases by semantic-version precedence', () => {
    expect(compareVersions('1.2.0', '1.10.0')).toBeLessThan(0);
    expect(compareVersions('2.0.0', '1.99.99')).toBeGreaterThan(0);
    expect(compareVersions('1.2.0-beta.2', '1.2.0')).toBeLessThan(0);
    expect(compareVersions('1.2.0-beta.10', '1.2.0-beta.2')).toBeGreaterThan(0);
    expect(compareVersions('1.2.0-alpha', '1.2.0-alpha.1')).toBeLessThan(0);
    expect(compareVersions('v1.2.3', '1.2.3+build.7')).toBe(0);
    expect(() => compareVersions('1.2', '1.2.0')).toThrow(/not a semantic version/);
  });
});
