import sharp, { type Metadata, type Sharp } from 'sharp';
import { bandSample, highestFittingQuality, type RawImage } from './jpegQuality';

/**
 * Turns one captured page (scanner PNG/PNM, camera JPEG) into a JPEG small enough for a weak
 * village uplink and a preview thumbnail.
 *
 * Why this shape: a 200 dpi A4 page is 1654×2339 px; at fixed quality its JPEG size swings
 * with the paper (noise, stamps, photos), so the quality is searched per page: the highest
 * quality that fits the byte budget, never below a legibility floor. If even the floor does
 * not fit, the page is scaled down a step (still ≥ 150 dpi for A4) rather than smeared.
 */
export type ColourMode = 'grey' | 'colour' | 'auto';

export interface EncodeOptions {
  /** Byte budget for the page JPEG. Default 250 000 (issue 5). */
  targetBytes?: number;
  /** grey for black-and-white papers, colour where stamps/photos matter; auto measures. */
  colour?: ColourMode;
  /** Resolution of the input, if known (scanner). Pages above `dpi` are scaled down. */
  sourceDpi?: number;
  /** Resolution the output aims for. Default 200. */
  dpi?: number;
  /** Longest side of the thumbnail in px. Default 320. */
  thumbnailPx?: number;
}

export interface EncodedPage {
  jpeg: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  quality: number;
  colour: 'grey' | 'colour';
}

export class PageEncodeError extends Error {
  constructor(
    readonly code: 'unreadable-image' | 'over-budget',
    message: string,
  ) {
    super(message);
    this.name = 'PageEncodeError';
  }
}

/** Pixel decoding happens lazily; a truncated file fails here, not at metadata(). */
async function decoded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw new PageEncodeError(
      'unreadable-image',
      `page image could not be decoded: ${(err as Error).message}`,
    );
  }
}

// 80 keeps print and stamps crisp; above it bytes grow fast for no visible gain on paper.
const MAX_QUALITY = 80;
const MIN_QUALITY = 45;
/** Longest side of A4 at 200 dpi; camera frames without a dpi are fitted into this box. */
const A4_LONG_SIDE_AT_200 = 2339;
const DOWNSCALE_STEP = 0.85;
/** Aim the sample prediction a little under the budget so the full encode usually fits first time. */
const PREDICTION_MARGIN = 0.96;
const STEP_DOWN = 4;

function encodeRaw(image: RawImage, quality: number, dpi?: number): Promise<Buffer> {
  let out = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  });
  // withDensity, not withMetadata: the latter attaches an sRGB profile and widens grey to RGB.
  if (dpi) out = out.withDensity(dpi);
  // Without this sharp widens one-channel data back to sRGB and the grey page costs 3 channels.
  if (image.channels === 1) out = out.toColourspace('b-w');
  return out.jpeg({ quality, chromaSubsampling: '4:2:0', optimiseCoding: true }).toBuffer();
}

/**
 * Quality chosen on a band sample (cheap), then one full encode, stepping down only if the
 * sample was optimistic. Undefined when even the lowest quality does not fit.
 */
async function fitToBudget(
  image: RawImage,
  targetBytes: number,
  dpi?: number,
): Promise<{ jpeg: Buffer; quality: number } | undefined> {
  const { sample, scale } = bandSample(image);
  const predicted = await highestFittingQuality(
    async (q) => (await encodeRaw(sample, q)).length * scale,
    targetBytes * PREDICTION_MARGIN,
    MIN_QUALITY,
    MAX_QUALITY,
  );
  for (let quality = predicted ?? MIN_QUALITY; ; quality = Math.max(MIN_QUALITY, quality - STEP_DOWN)) {
    const jpeg = await encodeRaw(image, quality, dpi);
    if (jpeg.length <= targetBytes) return { jpeg, quality };
    if (quality === MIN_QUALITY) return undefined;
  }
}
const MAX_DOWNSCALES = 3;

/** Mean chroma of a small copy: tells a black-on-white form from one with a red seal or photo. */
async function looksColoured(image: Sharp): Promise<boolean> {
  const { data, info } = await image
    .clone()
    .resize(200, 200, { fit: 'inside' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels < 3) return false;
  let colouredPixels = 0;
  const pixels = data.length / info.channels;
  for (let i = 0; i < data.length; i += info.channels) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 48) colouredPixels++;
  }
  // A seal or a photo covers well over 0.1 % of the page; scanner colour noise does not.
  return colouredPixels / pixels > 0.001;
}

export async function encodePage(input: Uint8Array, options: EncodeOptions = {}): Promise<EncodedPage> {
  const targetBytes = options.targetBytes ?? 250_000;
  const dpi = options.dpi ?? 200;
  let base: Sharp;
  let meta: Metadata;
  try {
    base = sharp(input, { failOn: 'error' }).rotate();
    meta = await base.metadata();
  } catch (err) {
    throw new PageEncodeError(
      'unreadable-image',
      `page image could not be decoded: ${(err as Error).message}`,
    );
  }
  if (!meta.width || !meta.height) throw new PageEncodeError('unreadable-image', 'page image has no size');
  const oriented = (meta.orientation ?? 1) >= 5;
  const srcW = oriented ? meta.height : meta.width;
  const srcH = oriented ? meta.width : meta.height;

  let scale = 1;
  if (options.sourceDpi && options.sourceDpi > dpi) scale = dpi / options.sourceDpi;
  else if (!options.sourceDpi)
    scale = Math.min(1, (A4_LONG_SIDE_AT_200 * (dpi / 200)) / Math.max(srcW, srcH));

  const colour =
    options.colour === 'grey' || options.colour === 'colour'
      ? options.colour
      : (await decoded(looksColoured(base)))
        ? 'colour'
        : 'grey';

  for (let attempt = 0; attempt <= MAX_DOWNSCALES; attempt++) {
    const width = Math.max(1, Math.round(srcW * scale));
    const height = Math.max(1, Math.round(srcH * scale));
    let pipeline = base.clone();
    if (scale < 1) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
    pipeline = pipeline.removeAlpha().toColourspace(colour === 'grey' ? 'b-w' : 'srgb');
    // Decode once into raw pixels; each quality probe is then only a JPEG encode.
    const raw = await decoded(pipeline.raw().toBuffer({ resolveWithObject: true }));
    const outDpi = options.sourceDpi ? Math.round(options.sourceDpi * scale) : undefined;
    const image: RawImage = {
      data: raw.data,
      width: raw.info.width,
      height: raw.info.height,
      channels: raw.info.channels,
    };
    const found = await fitToBudget(image, targetBytes, outDpi);
    if (found) {
      const thumbnail = await sharp(found.jpeg)
        .resize(options.thumbnailPx ?? 320, options.thumbnailPx ?? 320, { fit: 'inside' })
        .jpeg({ quality: 70 })
        .toBuffer();
      return {
        jpeg: found.jpeg,
        thumbnail,
        width: raw.info.width,
        height: raw.info.height,
        quality: found.quality,
        colour,
      };
    }
    scale *= DOWNSCALE_STEP;
  }
  throw new PageEncodeError(
    'over-budget',
    `page does not fit ${targetBytes} bytes even at reduced resolution`,
  );
}
