import { PNG } from 'pngjs';
import { EncodeError, type MonoImage } from './escposEncoder';

/**
 * A PNG (e.g. the county logo) → 1-bit dots for GS v 0. Transparent pixels count as paper; the
 * image is shrunk by area averaging when wider than the paper, then thresholded — thermal heads
 * print dots or nothing, and a plain threshold keeps a logo's edges crisp where dithering would fuzz.
 */
export function pngToMonoImage(png: Buffer, opts: { maxWidth: number; threshold?: number }): MonoImage {
  let src: PNG;
  try {
    src = PNG.sync.read(png);
  } catch (err) {
    throw new EncodeError(`not a readable PNG: ${(err as Error).message}`);
  }
  const threshold = opts.threshold ?? 128;
  const scale = Math.max(1, src.width / opts.maxWidth);
  const width = Math.max(1, Math.floor(src.width / scale));
  const height = Math.max(1, Math.floor(src.height / scale));
  const dots = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * scale);
      const y0 = Math.floor(y * scale);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * scale));
      const y1 = Math.max(y0 + 1, Math.floor((y + 1) * scale));
      let sum = 0;
      let n = 0;
      for (let sy = y0; sy < y1 && sy < src.height; sy++) {
        for (let sx = x0; sx < x1 && sx < src.width; sx++) {
          const i = (sy * src.width + sx) * 4;
          const a = src.data[i + 3]! / 255;
          const lum = 0.299 * src.data[i]! + 0.587 * src.data[i + 1]! + 0.114 * src.data[i + 2]!;
          sum += lum * a + 255 * (1 - a);
          n++;
        }
      }
      dots[y * width + x] = sum / n < threshold ? 1 : 0;
    }
  }
  return { width, height, dots };
}
