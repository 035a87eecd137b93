import iconv from 'iconv-lite';

/**
 * ESC/POS command bytes (Epson-compatible Chinese printers; see
 * shared/reference/escpos-and-printing.md §1). Pure: builds bytes, does no I/O.
 */

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CutMode = 'full' | 'partial';

export class EncodeError extends Error {
  override readonly name = 'EncodeError';
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;

export const cmd = {
  init: () => [ESC, 0x40],
  chineseOn: () => [FS, 0x26],
  chineseOff: () => [FS, 0x2e],
  codeTable0: () => [ESC, 0x74, 0x00],
  align: (a: Align) => [ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2],
  /** Character magnification, 1..8 each way (GS !). */
  size: (width: number, height: number) => {
    checkInt('size width', width, 1, 8);
    checkInt('size height', height, 1, 8);
    return [GS, 0x21, ((width - 1) << 4) | (height - 1)];
  },
  bold: (on: boolean) => [ESC, 0x45, on ? 1 : 0],
  lf: () => [0x0a],
  feed: (lines: number) => {
    checkInt('feed lines', lines, 0, 255);
    return [ESC, 0x64, lines];
  },
  cut: (mode: CutMode) => [GS, 0x56, mode === 'full' ? 0x00 : 0x01],
  /** Feed `lines` dots then cut, so the last printed line clears the blade. */
  feedAndCut: (mode: CutMode, n: number) => {
    checkInt('cut feed', n, 0, 255);
    return [GS, 0x56, mode === 'full' ? 0x41 : 0x42, n];
  },
  /** GS a n: automatic status back; 0 turns it off. */
  autoStatusBack: (n: number) => {
    checkInt('ASB flags', n, 0, 255);
    return [GS, 0x61, n];
  },
  /** DLE EOT n: real-time status, n = 1 printer, 2 offline cause, 3 error cause, 4 paper. */
  realtimeStatus: (n: 1 | 2 | 3 | 4) => [0x10, 0x04, n],
} as const;

function checkInt(what: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new EncodeError(`${what} must be an integer in ${min}..${max}, got ${v}`);
  }
}

/** GB18030 bytes of `text`. Control characters other than LF would corrupt the command stream. */
export function gb18030(text: string): Buffer {
  if (/[\x00-\x09\x0b-\x1f\x7f]/.test(text)) {
    throw new EncodeError('text contains control characters');
  }
  if (/[\uD800-\uDFFF]/u.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    throw new EncodeError('text contains a lone surrogate');
  }
  return iconv.encode(text, 'gb18030');
}

const QR_LEVEL = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 } as const;

/** GS ( k, model 2: select model, module size, error level, store data, print. */
export function qrCode(data: string, opts: { size: number; level: QrErrorLevel }): number[] {
  checkInt('QR module size', opts.size, 1, 16);
  // Non-ASCII QR payloads are printer-dependent, so only printable ASCII is accepted.
  if (!/^[\x20-\x7e]+$/.test(data)) throw new EncodeError('QR payload must be printable ASCII');
  const len = data.length + 3;
  if (len > 7089 + 3) throw new EncodeError('QR payload too long');
  return [
    ...[GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, opts.size],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_LEVEL[opts.level]],
    ...[GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30],
    ...Buffer.from(data, 'latin1'),
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
  ];
}

export type HriPosition = 'none' | 'above' | 'below' | 'both';
const HRI = { none: 0, above: 1, below: 2, both: 3 } as const;

/** CODE128 in code set B (GS k 73); n counts the "{B" prefix. */
export function code128(
  data: string,
  opts: { height?: number; moduleWidth?: number; hri?: HriPosition } = {},
): number[] {
  const height = opts.height ?? 80;
  const moduleWidth = opts.moduleWidth ?? 2;
  checkInt('barcode height', height, 1, 255);
  checkInt('barcode module width', moduleWidth, 1, 6);
  if (!/^[\x20-\x7e]+$/.test(data)) throw new EncodeError('CODE128-B data must be printable ASCII');
  // "{" starts a code-set switch in ESC/POS CODE128, so a literal one is sent as "{{".
  const body = Buffer.from(data.replace(/\{/g, '{{'), 'latin1');
  if (body.length + 2 > 255) throw new EncodeError('CODE128 data too long');
  return [
    ...[GS, 0x68, height],
    ...[GS, 0x77, moduleWidth],
    ...[GS, 0x48, HRI[opts.hri ?? 'below']],
    ...[GS, 0x6b, 73, body.length + 2, 0x7b, 0x42],
    ...body,
  ];
}

/** A 1-bit image: `bits[y][x]` true = black. Width is padded to whole bytes with white. */
export interface MonoImage {
  width: number;
  height: number;
  /** Row-major, one entry per dot. */
  dots: Uint8Array;
}

/** GS v 0, normal density. Tall images are sent in bands so no single command exceeds `bandRows`. */
export function rasterImage(img: MonoImage, bandRows = 256): number[] {
  checkInt('image width', img.width, 1, 65535 * 8);
  checkInt('image height', img.height, 1, 65535);
  if (img.dots.length !== img.width * img.height) throw new EncodeError('image dots do not match its size');
  const bytesPerRow = Math.ceil(img.width / 8);
  const out: number[] = [];
  for (let top = 0; top < img.height; top += bandRows) {
    const rows = Math.min(bandRows, img.height - top);
    out.push(GS, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8);
    for (let y = top; y < top + rows; y++) {
      for (let bx = 0; bx < bytesPerRow; bx++) {
        let byte = 0;
        for (let bit = 0; bit < 8; bit++) {
          const x = bx * 8 + bit;
          if (x < img.width && img.dots[y * img.width + x]) byte |= 0x80 >> bit;
        }
        out.push(byte);
      }
    }
  }
  return out;
}

/** Accumulates commands; `bytes()` joins them once. */
export class EscPosWriter {
  private readonly parts: Buffer[] = [];

  raw(bytes: ArrayLike<number>): this {
    this.parts.push(Buffer.from(bytes as number[]));
    return this;
  }
  /** ESC @ then FS &: the printer's Chinese mode is a setting, so always switch it on. */
  init(): this {
    return this.raw([...cmd.init(), ...cmd.chineseOn()]);
  }
  text(text: string): this {
    this.parts.push(gb18030(text));
    return this;
  }
  line(text = ''): this {
    return this.text(text).raw(cmd.lf());
  }
  align(a: Align): this {
    return this.raw(cmd.align(a));
  }
  size(w: number, h: number): this {
    return this.raw(cmd.size(w, h));
  }
  bold(on: boolean): this {
    return this.raw(cmd.bold(on));
  }
  feed(lines: number): this {
    return this.raw(cmd.feed(lines));
  }
  qr(data: string, opts: { size: number; level: QrErrorLevel }): this {
    return this.raw(qrCode(data, opts));
  }
  barcode(data: string, opts?: Parameters<typeof code128>[1]): this {
    return this.raw(code128(data, opts));
  }
  image(img: MonoImage): this {
    return this.raw(rasterImage(img));
  }
  cut(mode: CutMode = 'partial', feedDots = 0): this {
    return this.raw(feedDots > 0 ? cmd.feedAndCut(mode, feedDots) : cmd.cut(mode));
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
