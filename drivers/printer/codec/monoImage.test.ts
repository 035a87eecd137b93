import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { EncodeError } from './escposEncoder';
import { pngToMonoImage } from './monoImage';

function png(
  width: number,
  height: number,
  paint: (x: number, y: number) => [number, number, number, number],
) {
  const img = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) img.data.set(paint(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(img);
}

it('thresholds dark pixels to dots and treats transparency as paper', () => {
  const img = pngToMonoImage(
    png(
      4,
      1,
      (x) =>
        [
          [0, 0, 0, 255],
          [255, 255, 255, 255],
          [0, 0, 0, 0],
          [40, 40, 40, 255],
        ][x]! as never,
    ),
    { maxWidth: 384 },
  );
  expect(img).toMatchObject({ width: 4, height: 1 });
  expect([...img.dots]).toEqual([1, 0, 0, 1]);
});

it('shrinks an image wider than the paper, keeping the aspect ratio', () => {
  const img = pngToMonoImage(
    png(768, 100, (x) => (x < 384 ? [0, 0, 0, 255] : [255, 255, 255, 255])),
    {
      maxWidth: 384,
    },
  );
  expect(img).toMatchObject({ width: 384, height: 50 });
  expect(img.dots[0]).toBe(1);
  expect(img.dots[383]).toBe(0);
});

it('rejects bytes that are not a PNG', () => {
  expect(() => pngToMonoImage(Buffer.from('nope'), { maxWidth: 384 })).toThrow(EncodeError);
});
