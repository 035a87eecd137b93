import { describe, expect, it } from 'vitest';
import { backoffDelay as hostBackoff } from '../../main/host/syncService/retryBackoff';
import { backoffDelay } from './retryBackoff';

describe('jittered exponential backoff', () => {
  it('doubles per failure between half and all of the ceiling, and stops at the cap', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 0.5)).toBe(6000);
    expect(backoffDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(30, 1000, 60_000, () => 0)).toBe(30_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(5)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it('is the same schedule in the host and the renderer copies', () => {
    for (let f = 0; f < 12; f++)
      expect(hostBackoff(f, 500, 30_000, () => 0.3)).toBe(backoffDelay(f, 500, 30_000, () => 0.3));
  });
});
