// Bandwidth cap for background update downloads: village links are often a few Mbit/s shared with
// the office, so an update must never starve replication or the clerk's browser.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Token bucket in bytes. `reserve(n)` takes n tokens at once and returns how long the caller must
 * wait before sending them (the bucket may go into debt, which later reservations pay off).
 * The bucket starts empty, so the cap holds from the first byte rather than after a free burst.
 */
export class TokenBucket {
  private tokens = 0;
  private last: number;

  constructor(
    readonly bytesPerSecond: number,
    readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(bytesPerSecond > 0)) throw new RangeError('bytesPerSecond must be positive');
    if (!(capacity > 0)) throw new RangeError('capacity must be positive');
    this.last = now();
  }

  /** Milliseconds to wait before `bytes` may be sent; the tokens are taken immediately. */
  reserve(bytes: number): number {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.bytesPerSecond);
    this.last = t;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.bytesPerSecond) * 1000;
  }
}

/** Default burst: an eighth of a second of traffic, at least one 16 KiB piece. */
export const defaultBurstBytes = (bytesPerSecond: number) =>
  Math.max(16 * 1024, Math.floor(bytesPerSecond / 8));

/**
 * Re-yields `source` no faster than `bytesPerSecond`. The consumer pulls, so a slow release also
 * holds back the socket (back-pressure) instead of buffering the download in memory.
 */
export async function* throttled(
  source: AsyncIterable<Uint8Array>,
  bytesPerSecond: number,
  burstBytes = defaultBurstBytes(bytesPerSecond),
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const bucket = new TokenBucket(bytesPerSecond, burstBytes);
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length; offset += burstBytes) {
      const piece = chunk.subarray(offset, offset + burstBytes);
      const wait = bucket.reserve(piece.length);
      if (wait > 0) await sleep(wait, undefined, { signal });
      yield piece;
    }
  }
}
