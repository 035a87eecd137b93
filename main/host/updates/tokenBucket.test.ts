import { describe, expect, it } from 'vitest';
import { TokenBucket } from './tokenBucket';

describe('TokenBucket', () => {
  it('starts empty and makes the caller wait bytes / rate', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 500, () => now);
    expect(bucket.reserve(250)).toBe(250);
    now = 250; // paid off
    expect(bucket.reserve(100)).toBe(100);
  });

  it('refills with time, never beyond its capacity', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 500, () => now);
    now = 10_000; // an idle minute does not bank more than one burst
    expect(bucket.reserve(500)).toBe(0);
    expect(bucket.reserve(100)).toBe(100);
  });

  it('averages to the rate over many reservations', () => {
    let now = 0;
    const bucket = new TokenBucket(2048, 512, () => now);
    for (let i = 0; i < 100; i++) now += bucket.reserve(512);
    // 100 × 512 bytes at 2048 B/s = 25 s.
    expect(now).toBeCloseTo(25_000, 6);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
  });
});
