import {
  SAM_HEADER_LENGTH,
  SAM_MAX_LEN,
  SAM_MIN_LEN,
  SAM_PREAMBLE,
  type SamFrame,
  xorChecksum,
} from './samFrame';

/** Why bytes were thrown away; reported so logs can say what the line looked like. */
export type DiscardReason = 'garbage' | 'bad-length' | 'bad-checksum' | 'truncated';

export type DeframeEvent =
  | { kind: 'frame'; frame: SamFrame }
  | { kind: 'discarded'; reason: DiscardReason; bytes: number };

const P0 = SAM_PREAMBLE[0]!;

/**
 * Streaming SAM deframer: feed it whatever chunks the transport delivers, get whole verified
 * frames back. It never throws on input and never buffers more than two maximum frames.
 *
 * Resync rule: when a candidate frame fails (absurd LEN, wrong CHK, or cut short by the next
 * frame), only its first byte is dropped and the hunt restarts, so a genuine frame that started
 * inside the bad one is still found.
 */
export class SamDeframer {
  private buf: Uint8Array;
  private start = 0;
  private end = 0;
  /** While a frame is pending: where to continue looking for a later preamble. */
  private innerScan = 0;

  constructor(private readonly maxLen = SAM_MAX_LEN) {
    // Room for a frame plus one that may start inside it (see innerFrameVerdict), plus slack.
    this.buf = new Uint8Array(2 * (SAM_HEADER_LENGTH + maxLen) + 1024);
  }

  get bufferedBytes(): number {
    return this.end - this.start;
  }

  push(chunk: Uint8Array): DeframeEvent[] {
    const out: DeframeEvent[] = [];
    let offset = 0;
    // Append in pieces no larger than free space, parsing in between, so memory stays bounded.
    while (offset < chunk.length) {
      this.compact();
      let room = this.buf.length - this.end;
      if (room === 0) {
        // Cannot happen (a pending frame never exceeds the buffer), but never spin on it.
        this.discard([], 'garbage', this.end - this.start);
        this.compact();
        room = this.buf.length;
      }
      const n = Math.min(room, chunk.length - offset);
      this.buf.set(chunk.subarray(offset, offset + n), this.end);
      this.end += n;
      offset += n;
      this.parse(out);
    }
    return out;
  }

  /**
   * The line went quiet (timeout) or the stream ended: a frame still incomplete will never be,
   * so drop it as truncated and look for frames behind it.
   */
  flush(): DeframeEvent[] {
    const out: DeframeEvent[] = [];
    this.parse(out, true);
    while (this.end > this.start) {
      this.discard(out, 'truncated', 1);
      this.parse(out, true);
    }
    this.reset();
    return out;
  }

  reset(): void {
    this.start = 0;
    this.end = 0;
    this.innerScan = 0;
  }

  private parse(out: DeframeEvent[], final = false): void {
    for (;;) {
      if (!this.hunt(out)) return;
      const avail = this.end - this.start;
      if (avail < SAM_HEADER_LENGTH) return;
      const len = this.lenAt(this.start);
      if (len < SAM_MIN_LEN || len > this.maxLen) {
        this.discard(out, 'bad-length', 1);
        continue;
      }
      const total = SAM_HEADER_LENGTH + len;
      if (avail < total) {
        if (this.laterFrameComplete()) this.discard(out, 'truncated', 1);
        else return;
        continue;
      }
      const s = this.start;
      const chk = xorChecksum(this.buf, s + 5, s + total - 1);
      if (chk !== this.buf[s + total - 1]) {
        this.discard(out, 'bad-checksum', 1);
        continue;
      }
      // A one-byte XOR passes by chance 1 time in 256, so a cut-short frame can "verify" while
      // swallowing the start of the real frame behind it. If a frame hides another preamble,
      // trust the inner frame when it verifies (a real body holding AA AA AA 96 69 is far rarer).
      const inner = this.innerFrameVerdict(s, total, final);
      if (inner === 'wait') return;
      if (inner === 'inner') {
        this.discard(out, 'truncated', 1);
        continue;
      }
      // Copy out: the buffer is reused, callers may keep frames.
      const bytes = this.buf.slice(s, s + total);
      out.push({ kind: 'frame', frame: { bytes, body: bytes.subarray(SAM_HEADER_LENGTH, total - 1) } });
      this.start += total;
      this.innerScan = 0;
    }
  }

  /** Skips to the next possible preamble start; true when one (or a prefix of one) is at start. */
  private hunt(out: DeframeEvent[]): boolean {
    let i = this.start;
    let skipped = 0;
    while (i < this.end) {
      if (this.buf[i] === P0 && this.preamblePrefixAt(i)) break;
      i++;
      skipped++;
    }
    if (skipped > 0) this.discard(out, 'garbage', skipped);
    return this.start < this.end;
  }

  /** Bytes from i (as many as are buffered, up to 5) match the preamble. */
  private preamblePrefixAt(i: number): boolean {
    const n = Math.min(SAM_PREAMBLE.length, this.end - i);
    for (let k = 0; k < n; k++) if (this.buf[i + k] !== SAM_PREAMBLE[k]) return false;
    return true;
  }

  private atPreamble(i: number): boolean {
    return this.end - i >= SAM_PREAMBLE.length && this.preamblePrefixAt(i);
  }

  private lenAt(i: number): number {
    return (this.buf[i + 5]! << 8) | this.buf[i + 6]!;
  }

  /**
   * A pending frame is waiting for more bytes. If a complete, checksum-valid frame already sits
   * behind its header, the pending one was cut short (bytes lost on the line): give it up now
   * instead of swallowing the good frame and stalling until the next timeout.
   */
  private laterFrameComplete(): boolean {
    let resume = -1;
    let i = Math.max(this.innerScan, this.start + 1);
    for (; i + SAM_HEADER_LENGTH <= this.end; i++) {
      if (this.buf[i] !== P0 || !this.atPreamble(i)) continue;
      const len = this.lenAt(i);
      if (len < SAM_MIN_LEN || len > this.maxLen) continue;
      const total = SAM_HEADER_LENGTH + len;
      if (i + total > this.end) {
        // Not complete yet: look here again when more bytes arrive.
        if (resume < 0) resume = i;
        continue;
      }
      if (xorChecksum(this.buf, i + 5, i + total - 1) === this.buf[i + total - 1]) return true;
    }
    this.innerScan = resume >= 0 ? resume : i;
    return false;
  }

  private innerFrameVerdict(s: number, total: number, final: boolean): 'outer' | 'inner' | 'wait' {
    for (let i = s + 1; i + SAM_HEADER_LENGTH <= s + total; i++) {
      if (this.buf[i] !== P0 || !this.atPreamble(i)) continue;
      const len = this.lenAt(i);
      if (len < SAM_MIN_LEN || len > this.maxLen) continue;
      const innerTotal = SAM_HEADER_LENGTH + len;
      if (i + innerTotal > this.end) {
        if (!final) return 'wait';
        continue;
      }
      if (xorChecksum(this.buf, i + 5, i + innerTotal - 1) === this.buf[i + innerTotal - 1]) return 'inner';
    }
    return 'outer';
  }

  private discard(out: DeframeEvent[], reason: DiscardReason, bytes: number): void {
    this.start += bytes;
    this.innerScan = 0;
    const last = out[out.length - 1];
    if (last?.kind === 'discarded' && last.reason === reason) last.bytes += bytes;
    else out.push({ kind: 'discarded', reason, bytes });
  }

  private compact(): void {
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
      return;
    }
    if (this.end === this.buf.length && this.start > 0) {
      this.buf.copyWithin(0, this.start, this.end);
      this.end -= this.start;
      this.innerScan = Math.max(0, this.innerScan - this.start);
      this.start = 0;
    }
  }
}
