import iconv from 'iconv-lite';
import type { Align, CutMode, HriPosition, MonoImage, QrErrorLevel } from './escposEncoder';

/**
 * Streaming ESC/POS parser for the subset in escposEncoder.ts. The simulator feeds it raw bytes as
 * they arrive; incomplete commands wait in the buffer for the next chunk.
 */
export type EscPosEvent =
  | { type: 'init' }
  | { type: 'chinese'; on: boolean }
  | { type: 'code-table'; n: number }
  | { type: 'align'; align: Align }
  | { type: 'size'; width: number; height: number }
  | { type: 'bold'; on: boolean }
  | { type: 'text'; text: string }
  | { type: 'lf' }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; mode: CutMode; feedDots: number }
  | { type: 'qr'; data: string; size: number; level: QrErrorLevel }
  | { type: 'barcode'; data: string; height: number; moduleWidth: number; hri: HriPosition }
  | { type: 'raster'; image: MonoImage }
  | { type: 'status-request'; n: number }
  | { type: 'auto-status-back'; flags: number }
  | { type: 'unknown'; bytes: number[] };

const LEVELS: Record<number, QrErrorLevel> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };
const HRI: HriPosition[] = ['none', 'above', 'below', 'both'];
const ALIGN: Record<number, Align> = {
  0: 'left',
  1: 'center',
  2: 'right',
  48: 'left',
  49: 'center',
  50: 'right',
};

/** Result of trying to parse at one offset: bytes used (0 = need more data) and events. */
type Step = { used: number; events: EscPosEvent[] };
const NEED_MORE: Step = { used: 0, events: [] };

export class EscPosDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private chinese = false;
  private qr = { size: 3, level: 'L' as QrErrorLevel, data: '' };
  private barcode = { height: 162, moduleWidth: 3, hri: 'none' as HriPosition };

  push(chunk: Uint8Array): EscPosEvent[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    const events: EscPosEvent[] = [];
    let at = 0;
    while (at < this.buf.length) {
      const step = this.step(at);
      if (step.used === 0) break;
      events.push(...step.events);
      at += step.used;
    }
    this.buf = this.buf.subarray(at);
    return events;
  }

  /** Bytes still waiting for the rest of a command. */
  get pending(): number {
    return this.buf.length;
  }

  private step(at: number): Step {
    const b = this.buf;
    const avail = b.length - at;
    const x = b[at]!;
    const need = (n: number) => avail >= n;
    if (x >= 0x20) return this.text(at);
    if (x === 0x0a) return { used: 1, events: [{ type: 'lf' }] };
    if (x === 0x10) {
      if (!need(3)) return NEED_MORE;
      if (b[at + 1] === 0x04) return { used: 3, events: [{ type: 'status-request', n: b[at + 2]! }] };
      return unknown(b, at, 2);
    }
    if (x === 0x1b) {
      if (!need(2)) return NEED_MORE;
      const c = b[at + 1]!;
      if (c === 0x40) {
        this.chinese = false;
        return { used: 2, events: [{ type: 'init' }] };
      }
      if (!need(3)) return NEED_MORE;
      const n = b[at + 2]!;
      if (c === 0x61) return { used: 3, events: [{ type: 'align', align: ALIGN[n] ?? 'left' }] };
      if (c === 0x45) return { used: 3, events: [{ type: 'bold', on: (n & 1) === 1 }] };
      if (c === 0x64) return { used: 3, events: [{ type: 'feed', lines: n }] };
      if (c === 0x74) return { used: 3, events: [{ type: 'code-table', n }] };
      return unknown(b, at, 2);
    }
    if (x === 0x1c) {
      if (!need(2)) return NEED_MORE;
      const c = b[at + 1]!;
      if (c === 0x26 || c === 0x2e) {
        this.chinese = c === 0x26;
        return { used: 2, events: [{ type: 'chinese', on: this.chinese }] };
      }
      return unknown(b, at, 2);
    }
    if (x === 0x1d) return this.gs(at);
    return unknown(b, at, 1);
  }

  private text(at: number): Step {
    const b = this.buf;
    let end = at;
    while (end < b.length && b[end]! >= 0x20) end++;
    // A text run ends at a control byte; until one arrives a multi-byte character may be incomplete.
    if (end === b.length) return NEED_MORE;
    const bytes = b.subarray(at, end);
    const text = this.chinese ? iconv.decode(bytes, 'gb18030') : bytes.toString('latin1');
    return { used: end - at, events: [{ type: 'text', text }] };
  }

  private gs(at: number): Step {
    const b = this.buf;
    const avail = b.length - at;
    if (avail < 2) return NEED_MORE;
    const c = b[at + 1]!;
    if (c === 0x28) return this.gsParen(at);
    if (c === 0x76) return this.raster(at);
    if (c === 0x6b) {
      if (avail < 4) return NEED_MORE;
      if (b[at + 2] !== 73) return unknown(b, at, 3);
      const n = b[at + 3]!;
      if (avail < 4 + n) return NEED_MORE;
      const raw = b.subarray(at + 4, at + 4 + n).toString('latin1');
      const data = raw.replace(/^\{B/, '').replace(/\{\{/g, '{');
      return { used: 4 + n, events: [{ type: 'barcode', data, ...this.barcode }] };
    }
    if (avail < 3) return NEED_MORE;
    const n = b[at + 2]!;
    switch (c) {
      case 0x21:
        return { used: 3, events: [{ type: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 }] };
      case 0x56: {
        const mode: CutMode = n === 0x00 || n === 0x30 || n === 0x41 ? 'full' : 'partial';
        if (n === 0x41 || n === 0x42) {
          if (avail < 4) return NEED_MORE;
          return { used: 4, events: [{ type: 'cut', mode, feedDots: b[at + 3]! }] };
        }
        return { used: 3, events: [{ type: 'cut', mode, feedDots: 0 }] };
      }
      case 0x61:
        return { used: 3, events: [{ type: 'auto-status-back', flags: n }] };
      case 0x68:
        this.barcode.height = n;
        return { used: 3, events: [] };
      case 0x77:
        this.barcode.moduleWidth = n;
        return { used: 3, events: [] };
      case 0x48:
        this.barcode.hri = HRI[n & 3]!;
        return { used: 3, events: [] };
      default:
        return unknown(b, at, 2);
    }
  }

  /** GS ( k: the QR function group. Other GS ( functions are skipped by their length. */
  private gsParen(at: number): Step {
    const b = this.buf;
    if (b.length - at < 5) return NEED_MORE;
    const fnGroup = b[at + 2]!;
    const len = b[at + 3]! + 256 * b[at + 4]!;
    const total = 5 + len;
    if (b.length - at < total) return NEED_MORE;
    const body = b.subarray(at + 5, at + total);
    if (fnGroup !== 0x6b || body[0] !== 0x31)
      return { used: total, events: [{ type: 'unknown', bytes: [...b.subarray(at, at + total)] }] };
    const fn = body[1];
    const events: EscPosEvent[] = [];
    if (fn === 0x43) this.qr.size = body[2]!;
    else if (fn === 0x45) this.qr.level = LEVELS[body[2]!] ?? 'L';
    else if (fn === 0x50) this.qr.data = body.subarray(3).toString('latin1');
    else if (fn === 0x51)
      events.push({ type: 'qr', data: this.qr.data, size: this.qr.size, level: this.qr.level });
    return { used: total, events };
  }

  private raster(at: number): Step {
    const b = this.buf;
    if (b.length - at < 8) return NEED_MORE;
    const bytesPerRow = b[at + 4]! + 256 * b[at + 5]!;
    const rows = b[at + 6]! + 256 * b[at + 7]!;
    const total = 8 + bytesPerRow * rows;
    if (b.length - at < total) return NEED_MORE;
    const width = bytesPerRow * 8;
    const dots = new Uint8Array(width * rows);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < width; x++) {
        const byte = b[at + 8 + y * bytesPerRow + (x >> 3)]!;
        dots[y * width + x] = (byte >> (7 - (x & 7))) & 1;
      }
    }
    return { used: total, events: [{ type: 'raster', image: { width, height: rows, dots } }] };
  }
}

function unknown(b: Buffer, at: number, n: number): Step {
  return { used: n, events: [{ type: 'unknown', bytes: [...b.subarray(at, at + n)] }] };
}
