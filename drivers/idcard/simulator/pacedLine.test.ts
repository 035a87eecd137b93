import { describe, expect, it } from 'vitest';
import { PacedLine } from './pacedLine';

describe('PacedLine', () => {
  it('hands bytes over no faster than the baud rate allows (10 bits per byte), in order', async () => {
    const arrivals: Array<{ at: number; n: number }> = [];
    const got: number[] = [];
    const line = new PacedLine((b) => {
      arrivals.push({ at: performance.now(), n: b.length });
      got.push(...b);
    }, 115200);
    const bytes = Uint8Array.from({ length: 1295 }, (_, i) => i & 0xff);
    const start = performance.now();
    line.send(bytes, start);
    await expect.poll(() => got.length, { timeout: 5000, interval: 5 }).toBe(1295);
    const elapsed = arrivals.at(-1)!.at - start;
    expect(elapsed).toBeGreaterThanOrEqual(line.wireMs(1295) - 1); // 112.4 ms of wire
    expect(got).toEqual([...bytes]);
    // No byte is early: by each hand-over, at most the bytes whose time has come.
    let sent = 0;
    for (const a of arrivals) {
      sent += a.n;
      expect(sent).toBeLessThanOrEqual(Math.floor((a.at - start) / line.wireMs(1)) + 1);
    }
    line.close();
  });

  it('waits for notBefore (the simulated SAM delay) and switches baud after a reply', async () => {
    const got: number[] = [];
    const line = new PacedLine((b) => got.push(...b), 115200);
    const start = performance.now();
    line.send(Uint8Array.of(1, 2, 3), start + 50, 9600);
    await new Promise((r) => setTimeout(r, 25));
    expect(got).toEqual([]);
    await expect.poll(() => got.length, { timeout: 2000, interval: 5 }).toBe(3);
    expect(line.baudRate).toBe(9600);
    line.close();
  });
});
