import { describe, expect, it } from 'vitest';
import { CornerGesture } from './cornerGesture';

const W = 1080;

describe('CornerGesture', () => {
  it('opens on five corner taps within three seconds', () => {
    const g = new CornerGesture();
    const results = [0, 300, 600, 900, 1200].map((t) => g.tap(W - 10, 10, W, t));
    expect(results).toEqual([false, false, false, false, true]);
  });

  it('does not open for slow taps, taps elsewhere, or a tap outside the corner in between', () => {
    const slow = new CornerGesture();
    expect([0, 800, 1600, 2400, 3200].map((t) => slow.tap(W - 10, 10, W, t))).not.toContain(true);
    const elsewhere = new CornerGesture();
    expect([0, 100, 200, 300, 400].map((t) => elsewhere.tap(500, 500, W, t))).not.toContain(true);
    const interrupted = new CornerGesture();
    for (const t of [0, 100, 200, 300]) interrupted.tap(W - 10, 10, W, t);
    expect(interrupted.tap(W / 2, 10, W, 350)).toBe(false);
    expect(interrupted.tap(W - 10, 10, W, 400)).toBe(false);
  });
});
