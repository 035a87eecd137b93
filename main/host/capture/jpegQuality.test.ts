import { describe, expect, it } from 'vitest';
import { bandSample, highestFittingQuality } from './jpegQuality';

describe('JPEG quality search', () => {
  it('samples every 4th 16-row band and reports the page/sample ratio', () => {
    const width = 10;
    const height = 1000;
    const data = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) data.fill(y % 256, y * width, (y + 1) * width);
    const { sample, scale } = bandSample({ data, width, height, channels: 1 });
    expect(sample.height).toBe(256); // bands 0,4,8,…,60 of 63 → 16 bands × 16 rows
    expect(scale).toBeCloseTo(1000 / 256);
    expect(sample.data[0]).toBe(0);
    expect(sample.data[16 * width]).toBe(64); // second sampled band starts at row 64
    const small = { data: Buffer.alloc(10 * 100), width: 10, height: 100, channels: 1 as const };
    expect(bandSample(small)).toEqual({ sample: small, scale: 1 });
  });

  it('finds the highest fitting quality in few probes on a monotone size curve', async () => {
    const probes: number[] = [];
    const sizeAt = async (q: number) => {
      probes.push(q);
      return Math.round(1000 * Math.exp(q / 20)); // grows like JPEG size does with quality
    };
    const target = 1000 * Math.exp(63.5 / 20);
    const q = await highestFittingQuality(sizeAt, target, 45, 80);
    expect(q).toBeGreaterThanOrEqual(60);
    expect(q).toBeLessThanOrEqual(63);
    expect(probes.length).toBeLessThanOrEqual(5);
    expect(await highestFittingQuality(sizeAt, 1e9, 45, 80)).toBe(80);
    expect(await highestFittingQuality(sizeAt, 10, 45, 80)).toBeUndefined();
  });
});
