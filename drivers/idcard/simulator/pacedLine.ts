/**
 * Sends bytes no faster than a UART at `baudRate` would (10 bits per byte: start, 8 data,
 * stop), because a pty delivers instantly and the driver's timings must be tested against the
 * real wire. Byte i is handed over only once it would have been fully received.
 */
export class PacedLine {
  private queue: Array<{ bytes: Uint8Array; notBefore: number; baudAfter?: number }> = [];
  private busy = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly write: (bytes: Uint8Array) => void,
    public baudRate: number,
  ) {}

  /** Milliseconds the wire needs for `n` bytes. */
  wireMs(n: number): number {
    return (n * 10 * 1000) / this.baudRate;
  }

  /** Queue `bytes`; the first one starts no earlier than `notBefore` (performance.now() ms). */
  send(bytes: Uint8Array, notBefore: number, baudAfter?: number): void {
    if (this.closed) return;
    this.queue.push({ bytes, notBefore, baudAfter });
    if (!this.busy) void this.drain();
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    let lineFreeAt = 0;
    while (!this.closed && this.queue.length > 0) {
      const { bytes, notBefore, baudAfter } = this.queue.shift()!;
      const start = Math.max(notBefore, lineFreeAt, performance.now());
      const byteMs = this.wireMs(1);
      let sent = 0;
      while (!this.closed && sent < bytes.length) {
        const now = performance.now();
        const due = Math.min(bytes.length, Math.floor((now - start) / byteMs));
        if (due > sent) {
          this.write(bytes.subarray(sent, due));
          sent = due;
        }
        if (sent < bytes.length) {
          // Wake when the next ~32 bytes are due (or the last byte, if sooner).
          const next = start + Math.min(bytes.length, sent + 32) * byteMs;
          await this.wait(Math.max(1, next - performance.now()));
        }
      }
      lineFreeAt = start + bytes.length * byteMs;
      if (baudAfter) this.baudRate = baudAfter;
    }
    this.busy = false;
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timer = setTimeout(() => {
        this.timer = null;
        resolve();
      }, ms);
    });
  }
}
