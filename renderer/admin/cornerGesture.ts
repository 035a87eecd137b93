/**
 * The hidden way in for IT staff: five taps in the top-right corner square within three seconds.
 * Villagers tap everywhere, so a single stray tap must never count as progress for long; and a
 * tap outside the corner starts the count over.
 */
export interface CornerGestureOptions {
  taps?: number;
  windowMs?: number;
  cornerPx?: number;
}

export class CornerGesture {
  private times: number[] = [];
  private readonly taps: number;
  private readonly windowMs: number;
  readonly cornerPx: number;

  constructor(options: CornerGestureOptions = {}) {
    this.taps = options.taps ?? 5;
    this.windowMs = options.windowMs ?? 3_000;
    this.cornerPx = options.cornerPx ?? 80;
  }

  /** Feeds one tap at viewport position (x, y); true when this tap completes the gesture. */
  tap(x: number, y: number, viewportWidth: number, at: number): boolean {
    const inCorner = x >= viewportWidth - this.cornerPx && y <= this.cornerPx;
    if (!inCorner) {
      this.times = [];
      return false;
    }
    this.times = [...this.times.filter((t) => at - t < this.windowMs), at];
    if (this.times.length >= this.taps) {
      this.times = [];
      return true;
    }
    return false;
  }
}
