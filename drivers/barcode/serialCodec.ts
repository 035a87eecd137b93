import { splitAimPrefix, symbologyFromAim } from './aimSymbology';
import type { Symbology } from './schemas';

/**
 * USB-CDC / RS-232 scanners send each code as bytes followed by a terminator configured on the
 * scanner (CR, LF, CR LF, Tab, or a custom suffix). This splitter is pure: bytes in, codes out.
 * 'eol' accepts CR, LF and CR LF alike, which is what most scanners ship with.
 */
export type SerialTerminator = 'eol' | 'cr' | 'lf' | 'crlf' | 'tab' | { bytes: Uint8Array };

export interface SerialCodecOptions {
  terminator?: SerialTerminator;
  encoding?: 'utf8' | 'gb18030';
  /** The scanner was configured to prefix codes with their AIM identifier. */
  aimPrefix?: boolean;
  /** A line longer than this without a terminator is line noise (wrong baud rate), not a code. */
  maxBytes?: number;
}

export interface SerialScan {
  data: string;
  symbology?: Symbology;
}

export class SerialCodecError extends Error {
  constructor(
    readonly code: 'overflow' | 'bad-text',
    message: string,
  ) {
    super(message);
    this.name = 'SerialCodecError';
  }
}

function terminatorBytes(t: SerialTerminator): Uint8Array[] {
  if (typeof t === 'object') return [t.bytes];
  switch (t) {
    case 'cr':
      return [Uint8Array.of(0x0d)];
    case 'lf':
      return [Uint8Array.of(0x0a)];
    case 'crlf':
      return [Uint8Array.of(0x0d, 0x0a)];
    case 'tab':
      return [Uint8Array.of(0x09)];
    case 'eol':
      return [Uint8Array.of(0x0d), Uint8Array.of(0x0a)];
  }
}

function indexOf(haystack: Buffer, needles: Uint8Array[]): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined;
  for (const needle of needles) {
    const at = haystack.indexOf(needle);
    if (at >= 0 && (!best || at < best.at)) best = { at, length: needle.length };
  }
  return best;
}

export class SerialScanSplitter {
  private buffer = Buffer.alloc(0);
  private readonly terminators: Uint8Array[];
  private readonly decoder: TextDecoder;

  constructor(private readonly options: SerialCodecOptions = {}) {
    if (typeof options.terminator === 'object' && options.terminator.bytes.length === 0) {
      throw new RangeError('custom terminator must not be empty');
    }
    this.terminators = terminatorBytes(options.terminator ?? 'eol');
    this.decoder = new TextDecoder(options.encoding === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true });
  }

  /**
   * Feed bytes as they arrive; returns the codes completed by them. Errors are returned next
   * to the codes instead of thrown, so one bad line never loses the good ones around it.
   */
  push(chunk: Uint8Array): { scans: SerialScan[]; errors: SerialCodecError[] } {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const scans: SerialScan[] = [];
    const errors: SerialCodecError[] = [];
    for (
      let hit = indexOf(this.buffer, this.terminators);
      hit;
      hit = indexOf(this.buffer, this.terminators)
    ) {
      const line = this.buffer.subarray(0, hit.at);
      this.buffer = this.buffer.subarray(hit.at + hit.length);
      if (line.length === 0) continue; // the LF of a CR LF pair under 'eol', or a stray terminator
      try {
        const text = this.decoder.decode(line);
        const { aim, rest } = this.options.aimPrefix ? splitAimPrefix(text) : { rest: text };
        if (rest.length === 0) continue;
        const symbology = aim ? symbologyFromAim(aim) : undefined;
        scans.push(symbology ? { data: rest, symbology } : { data: rest });
      } catch {
        errors.push(
          new SerialCodecError('bad-text', 'scanned bytes are not valid text in the configured encoding'),
        );
      }
    }
    const max = this.options.maxBytes ?? 8192;
    if (this.buffer.length > max) {
      this.buffer = Buffer.alloc(0);
      errors.push(
        new SerialCodecError('overflow', `no terminator within ${max} bytes; check baud rate and suffix`),
      );
    }
    return { scans, errors };
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
  }
}
