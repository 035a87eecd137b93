import { describe, expect, it } from 'vitest';
import {
  applyHomography,
  cornersOf,
  cropAndDeskew,
  findPage,
  homography,
  isConvex,
  otsuThreshold,
  type Pixels,
  type Point,
  type Quad,
  quadArea,
  straightenedSize,
  toGrey,
  warpQuad,
} from './pageGeometry';

/** A dark frame with a bright convex quad (the page) and dark "print" lines inside it. */
function syntheticFrame(width: number, height: number, quad: Quad, withPrint = true): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  const inside = (p: Point) => {
    for (let i = 0; i < 4; i++) {
      const a = quad[i]!;
      const b = quad[(i + 1) % 4]!;
      if ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) < 0) return false;
    }
    return true;
  };
  const h = homography(quad, [
    { x: 0, y: 0 },
    { x: 1, y: 0 },
    { x: 1, y: 1 },
    { x: 0, y: 1 },
  ]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = { x: x + 0.5, y: y + 0.5 };
      let v = 50;
      if (inside(p)) {
        const uv = applyHomography(h, p);
        // Print: horizontal lines every 8 % of the page height, thin, left of 80 % width.
        const line =
          withPrint && uv.x > 0.1 && uv.x < 0.8 && (uv.y * 12.5) % 1 < 0.08 && uv.y > 0.1 && uv.y < 0.9;
        v = line ? 30 : 235;
      }
      const i = (y * width + x) * 4;
      data[i] = v;
      data[i + 1] = v;
      data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

function rotatedRect(cx: number, cy: number, w: number, h: number, deg: number): Quad {
  const r = (deg * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  const corner = (dx: number, dy: number) => ({ x: cx + dx * c - dy * s, y: cy + dx * s + dy * c });
  return [corner(-w / 2, -h / 2), corner(w / 2, -h / 2), corner(w / 2, h / 2), corner(-w / 2, h / 2)];
}

const near = (a: Point, b: Point, tol: number) => Math.hypot(a.x - b.x, a.y - b.y) <= tol;

describe('page geometry', () => {
  it('maps the four corners exactly with the homography', () => {
    const from: Quad = [
      { x: 10, y: 20 },
      { x: 200, y: 5 },
      { x: 220, y: 300 },
      { x: 0, y: 280 },
    ];
    const to: Quad = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 141 },
      { x: 0, y: 141 },
    ];
    const h = homography(from, to);
    from.forEach((p, i) => {
      expect(near(applyHomography(h, p), to[i]!, 1e-6)).toBe(true);
    });
    expect(() => homography([from[0], from[0], from[0], from[0]] as Quad, to)).toThrow(/degenerate/);
  });

  it('measures areas, convexity and corners', () => {
    const square: Quad = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    expect(quadArea(square)).toBe(100);
    expect(isConvex(square)).toBe(true);
    expect(isConvex([square[0], square[2], square[1], square[3]])).toBe(false);
    expect(cornersOf([])).toBeUndefined();
    expect(straightenedSize(square)).toEqual({ width: 10, height: 10 });
  });

  it('splits a bimodal image with Otsu between the two levels', () => {
    const grey = new Uint8Array([...new Array(50).fill(40), ...new Array(50).fill(220)]);
    const t = otsuThreshold(grey);
    expect(t).toBeGreaterThanOrEqual(40);
    expect(t).toBeLessThan(220);
  });

  it('finds a page rotated by 8° with print on it, corners within 2 % of the frame', () => {
    const quad = rotatedRect(320, 240, 300, 300 * Math.SQRT2, 8);
    const frame = syntheticFrame(640, 480, quad);
    const found = findPage(frame);
    expect(found).toBeDefined();
    found!.forEach((p, i) => {
      expect(near(p, quad[i]!, 640 * 0.02)).toBe(true);
    });
  });

  it('straightens a perspective-skewed page into an upright A4-ratio image', () => {
    const quad: Quad = [
      { x: 180, y: 60 },
      { x: 470, y: 80 },
      { x: 500, y: 450 },
      { x: 150, y: 430 },
    ];
    const frame = syntheticFrame(640, 480, quad);
    const { page, quad: found } = cropAndDeskew(frame);
    expect(found).toBeDefined();
    const ratio = page.height / page.width;
    expect(ratio).toBeGreaterThan(1.15);
    expect(ratio).toBeLessThan(1.45);
    // Upright: the print lines are now horizontal — a row through a line is dark across its
    // middle, a row between lines is bright.
    const grey = toGrey(page);
    const rowMean = (y: number) => {
      let sum = 0;
      for (let x = Math.round(page.width * 0.2); x < Math.round(page.width * 0.7); x++)
        sum += grey[y * page.width + x]!;
      return sum / (page.width * 0.5);
    };
    const means = Array.from({ length: page.height }, (_, y) => rowMean(y));
    const darkRows = means.filter((m) => m < 100).length;
    const brightRows = means.filter((m) => m > 200).length;
    expect(darkRows).toBeGreaterThan(5);
    expect(brightRows).toBeGreaterThan(page.height * 0.6);
    // No desk left in the corners of the output.
    expect(grey[2 * page.width + 2]!).toBeGreaterThan(150);
    expect(grey[(page.height - 3) * page.width + page.width - 3]!).toBeGreaterThan(150);
  });

  it('gives no quad for a frame without a page, or a page too small to trust', () => {
    const empty = syntheticFrame(200, 150, [
      { x: 0, y: 0 },
      { x: 0.1, y: 0 },
      { x: 0.1, y: 0.1 },
      { x: 0, y: 0.1 },
    ]);
    expect(findPage(empty)).toBeUndefined();
    const tiny = syntheticFrame(400, 300, rotatedRect(200, 150, 40, 56, 0), false);
    expect(findPage(tiny)).toBeUndefined();
    const whole = cropAndDeskew(empty);
    expect(whole.quad).toBeUndefined();
    expect(whole.page).toBe(empty);
  });

  it('warps at the requested size', () => {
    const frame = syntheticFrame(100, 100, rotatedRect(50, 50, 60, 80, 0), false);
    const out = warpQuad(frame, rotatedRect(50, 50, 60, 80, 0), 30, 40);
    expect(out.width).toBe(30);
    expect(out.height).toBe(40);
    expect(out.data.length).toBe(30 * 40 * 4);
    expect(out.data[(20 * 30 + 15) * 4]).toBe(235);
  });
});
