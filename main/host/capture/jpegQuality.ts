/**
 * Choosing a JPEG quality for a byte budget without encoding the full page many times.
 *
 * A page is probed through a sample of horizontal bands (every 4th 16-row band: JPEG works in
 * 16-row MCUs with 4:2:0, so bands compress as they would in the page). Sample size × (page
 * rows ÷ sample rows) predicts the page size well for paper, whose content is spread over the
 * sheet. The prediction picks the quality; the full page is then encoded once and, if the
 * sample was optimistic, stepped down.
 */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

const BAND_ROWS = 16;
const EVERY_NTH_BAND = 4;

/** Every 4th 16-row band of `image`, and how many times larger the page is than the sample. */
export function bandSample(image: RawImage): { sample: RawImage; scale: number } {
  if (image.height < BAND_ROWS * EVERY_NTH_BAND * 4) return { sample: image, scale: 1 };
  const rowBytes = image.width * image.channels;
  const rows: Buffer[] = [];
  for (let band = 0; band * BAND_ROWS < image.height; band += EVERY_NTH_BAND) {
    const start = band * BAND_ROWS;
    const end = Math.min(image.height, start + BAND_ROWS);
    rows.push(image.data.subarray(start * rowBytes, end * rowBytes));
  }
  const data = Buffer.concat(rows);
  const height = data.length / rowBytes;
  return { sample: { ...image, data, height }, scale: image.height / height };
}

/**
 * Highest quality in [min, max] whose size (as reported by `sizeAt`) fits `target`, or
 * undefined if even `min` does not. Tries `max` first (most paper fits there); otherwise
 * narrows the bracket by interpolating log(size), which is close to linear in quality here.
 */
export async function highestFittingQuality(
  sizeAt: (quality: number) => Promise<number>,
  target: number,
  min: number,
  max: number,
): Promise<number | undefined> {
  const top = await sizeAt(max);
  if (top <= target) return max;
  const bottom = await sizeAt(min);
  if (bottom > target) return undefined;
  let fits = { quality: min, size: bottom };
  let tooBig = { quality: max, size: top };
  // Within 3 quality steps the difference is invisible; stop spending CPU.
  for (let round = 0; round < 5 && tooBig.quality - fits.quality > 3; round++) {
    const span = Math.log(tooBig.size) - Math.log(fits.size);
    const wanted = Math.log(target) - Math.log(fits.size);
    const guess = fits.quality + Math.floor(((tooBig.quality - fits.quality) * wanted) / span);
    const quality = Math.min(tooBig.quality - 1, Math.max(fits.quality + 1, guess));
    const size = await sizeAt(quality);
    if (size <= target) fits = { quality, size };
    else tooBig = { quality, size };
  }
  return fits.quality;
}
