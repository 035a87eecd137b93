/**
 * Finding a page in a camera frame and straightening it — pure functions on RGBA pixel arrays
 * (the shape of canvas ImageData), so they run the same in vitest and in the kiosk.
 *
 * Method, chosen for being predictable on a 高拍仪 (fixed camera over a dark desk mat):
 * downscale → grey → Otsu threshold → largest bright connected region → its four extreme
 * corners → homography → bilinear warp at full resolution. Anything that does not look like a
 * page (too small, not convex) returns no quad, and the caller keeps the whole frame.
 */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

export function toGrey(image: Pixels): Uint8Array {
  const grey = new Uint8Array(image.width * image.height);
  const d = image.data;
  for (let i = 0, p = 0; p < grey.length; i += 4, p++) {
    grey[p] = (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29) >> 8;
  }
  return grey;
}

/** Box-filter downscale of a grey image so the longest side is at most `maxSide`. */
export function downscaleGrey(
  grey: Uint8Array,
  width: number,
  height: number,
  maxSide: number,
): { grey: Uint8Array; width: number; height: number; scale: number } {
  const factor = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  if (factor === 1) return { grey, width, height, scale: 1 };
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const out = new Uint8Array(w * h);
  const area = factor * factor;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += grey[row + dx]!;
      }
      out[y * w + x] = Math.round(sum / area);
    }
  }
  return { grey: out, width: w, height: h, scale: factor };
}

/** Otsu's threshold: the grey level that best separates page from background. */
export function otsuThreshold(grey: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const v of grey) histogram[v]!++;
  const total = grey.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * histogram[i]!;
  let sumBack = 0;
  let weightBack = 0;
  let best = 0;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    weightBack += histogram[t]!;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += t * histogram[t]!;
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const variance = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/**
 * Pixels of the largest 4-connected region brighter than `threshold`. Dark print inside the
 * page makes holes, not separate regions, so the page stays one region.
 */
export function largestBrightRegion(grey: Uint8Array, width: number, threshold: number): Point[] {
  const labels = new Int32Array(grey.length);
  const stack = new Int32Array(grey.length);
  let bestLabel = 0;
  let bestSize = 0;
  let label = 0;
  for (let start = 0; start < grey.length; start++) {
    if (labels[start] !== 0 || grey[start]! <= threshold) continue;
    label++;
    let size = 0;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const p = stack[--top]!;
      size++;
      const x = p % width;
      const neighbours = [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width];
      for (const n of neighbours) {
        if (n < 0 || n >= grey.length || labels[n] !== 0 || grey[n]! <= threshold) continue;
        labels[n] = label;
        stack[top++] = n;
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = label;
    }
  }
  const points: Point[] = [];
  if (bestLabel === 0) return points;
  for (let p = 0; p < labels.length; p++) {
    if (labels[p] === bestLabel) points.push({ x: p % width, y: Math.floor(p / width) });
  }
  return points;
}

/**
 * The region's corners as its extreme points along the two diagonals. Right for a page turned
 * up to about ±35°; beyond that the caller asks the villager to straighten the page.
 */
export function cornersOf(points: Point[]): Quad | undefined {
  if (points.length === 0) return undefined;
  let tl = points[0]!;
  let tr = tl;
  let br = tl;
  let bl = tl;
  for (const p of points) {
    if (p.x + p.y < tl.x + tl.y) tl = p;
    if (p.x + p.y > br.x + br.y) br = p;
    if (p.x - p.y > tr.x - tr.y) tr = p;
    if (p.x - p.y < bl.x - bl.y) bl = p;
  }
  return [tl, tr, br, bl];
}

export function quadArea(q: Quad): number {
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return Math.abs(sum) / 2;
}

export function isConvex(q: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const c = q[(i + 2) % 4]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (cross === 0) return false;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

export interface FindPageOptions {
  /** Longest side of the working copy; small keeps it fast on a kiosk CPU. */
  maxSide?: number;
  /** A page smaller than this share of the frame is not trusted. */
  minAreaRatio?: number;
}

/** Finds the page's corners in full-frame coordinates, or undefined if no page stands out. */
export function findPage(image: Pixels, options: FindPageOptions = {}): Quad | undefined {
  const small = downscaleGrey(toGrey(image), image.width, image.height, options.maxSide ?? 320);
  const threshold = otsuThreshold(small.grey);
  const region = largestBrightRegion(small.grey, small.width, threshold);
  const corners = cornersOf(region);
  if (!corners) return undefined;
  const frameArea = small.width * small.height;
  if (quadArea(corners) < frameArea * (options.minAreaRatio ?? 0.15) || !isConvex(corners)) return undefined;
  // Whole frame bright (no desk visible): nothing to crop.
  if (region.length > frameArea * 0.97) return undefined;
  // Centre of the small pixel → full-resolution coordinates.
  const s = small.scale;
  return corners.map((p) => ({ x: (p.x + 0.5) * s, y: (p.y + 0.5) * s })) as Quad;
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** Output size of the straightened page: the mean lengths of opposite edges. */
export function straightenedSize(q: Quad): { width: number; height: number } {
  const [tl, tr, br, bl] = q;
  return {
    width: Math.round((dist(tl, tr) + dist(bl, br)) / 2),
    height: Math.round((dist(tl, bl) + dist(tr, br)) / 2),
  };
}

/**
 * 3×3 homography (row-major, h33 = 1) mapping the four `from` points onto the four `to`
 * points, by solving the standard 8×8 linear system with Gaussian elimination.
 */
export function homography(from: Quad, to: Quad): number[] {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solve(a, b);
  return [...h, 1];
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) throw new Error('degenerate quadrilateral');
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

export function applyHomography(h: number[], p: Point): Point {
  const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

/**
 * Cuts the quad out of `image` and maps it onto an upright `width`×`height` rectangle. Each
 * output pixel is sampled from the source through the inverse mapping (bilinear), so there
 * are no holes.
 */
export function warpQuad(image: Pixels, quad: Quad, width: number, height: number): Pixels {
  const rect: Quad = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const back = homography(rect, quad);
  const out = new Uint8ClampedArray(width * height * 4);
  const src = image.data;
  const sw = image.width;
  const sh = image.height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = applyHomography(back, { x: x + 0.5, y: y + 0.5 });
      const fx = Math.min(sw - 1.001, Math.max(0, p.x - 0.5));
      const fy = Math.min(sh - 1.001, Math.max(0, p.y - 0.5));
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const ax = fx - x0;
      const ay = fy - y0;
      const i00 = (y0 * sw + x0) * 4;
      const i10 = i00 + 4;
      const i01 = i00 + sw * 4;
      const i11 = i01 + 4;
      const o = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) {
        const top = src[i00 + c]! * (1 - ax) + src[i10 + c]! * ax;
        const bottom = src[i01 + c]! * (1 - ax) + src[i11 + c]! * ax;
        out[o + c] = top * (1 - ay) + bottom * ay;
      }
    }
  }
  return { data: out, width, height };
}

/** Find, straighten and return the page; the whole frame when no page edge was found. */
export function cropAndDeskew(image: Pixels, options: FindPageOptions = {}): { page: Pixels; quad?: Quad } {
  const quad = findPage(image, options);
  if (!quad) return { page: image };
  const { width, height } = straightenedSize(quad);
  return { page: warpQuad(image, quad, width, height), quad };
}
