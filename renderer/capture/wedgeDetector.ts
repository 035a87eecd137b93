/**
 * Tells a keyboard-wedge barcode scanner from a person typing, by timing alone, so a scan never
 * lands in whatever form field has focus.
 *
 * A scanner "types" a whole code in a burst (a few ms per key) and ends with Enter or Tab; a
 * villager typing on the touch keyboard or a clerk on a real one is an order of magnitude
 * slower. Printable keys are therefore held back briefly. If more keys follow within
 * `maxGapMs` the burst continues; if the burst ends in a terminator, is long enough and fast
 * enough on average, it is a scan and nothing reaches the field. Otherwise the held keys are
 * released to the field (the caller inserts them) — a human sees the first character appear
 * ~`maxGapMs` late, which is not noticeable.
 *
 * Pure: the caller passes event times and runs `expire()` when `deadline` passes. Thresholds
 * default to onscan.js's (30 ms average per char, minimum 6 chars, Enter/Tab).
 */
export interface WedgeOptions {
  /** Longest pause between two keys of one scan. */
  maxGapMs?: number;
  /** Average time per key a scan may not exceed ((last − first) ≤ length × this). */
  avgMsPerChar?: number;
  minLength?: number;
  terminators?: readonly string[];
}

export interface WedgeDecision {
  /** Stop the browser from delivering this key to the focused element. */
  preventDefault: boolean;
  /** Held keys judged to be typing: insert them into the focused field, before this key. */
  release?: string;
  /** A complete scan. */
  scan?: string;
}

export class WedgeDetector {
  private readonly maxGapMs: number;
  private readonly avgMsPerChar: number;
  private readonly minLength: number;
  private readonly terminators: ReadonlySet<string>;
  private held: string[] = [];
  private firstAt = 0;
  private lastAt = 0;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
    this.avgMsPerChar = options.avgMsPerChar ?? 30;
    this.minLength = options.minLength ?? 6;
    this.terminators = new Set(options.terminators ?? ['Enter', 'Tab']);
  }

  /** When the caller must call `expire()` if no key arrives before; undefined if nothing is held. */
  get deadline(): number | undefined {
    return this.held.length > 0 ? this.lastAt + this.maxGapMs : undefined;
  }

  /**
   * `key` is KeyboardEvent.key. Modifier and other named keys (Shift, which scanners send for
   * capitals) neither count nor break a burst.
   */
  onKey(key: string, time: number): WedgeDecision {
    const stale = this.held.length > 0 && time - this.lastAt > this.maxGapMs ? this.takeHeld() : undefined;
    const withStale = (d: WedgeDecision): WedgeDecision =>
      stale ? { ...d, release: stale + (d.release ?? '') } : d;

    if (this.terminators.has(key)) {
      if (this.held.length === 0) return withStale({ preventDefault: false });
      const length = this.held.length;
      const fastEnough = this.lastAt - this.firstAt <= length * this.avgMsPerChar;
      const text = this.takeHeld();
      if (length >= this.minLength && fastEnough) return withStale({ preventDefault: true, scan: text });
      return withStale({ preventDefault: false, release: text });
    }
    if ([...key].length !== 1) return withStale({ preventDefault: false });

    if (this.held.length === 0) this.firstAt = time;
    this.held.push(key);
    this.lastAt = time;
    return withStale({ preventDefault: true });
  }

  /** Call at or after `deadline`: the burst stopped without a terminator, so it was typing. */
  expire(time: number): string | undefined {
    if (this.held.length === 0 || time - this.lastAt < this.maxGapMs) return undefined;
    return this.takeHeld();
  }

  private takeHeld(): string {
    const text = this.held.join('');
    this.held = [];
    return text;
  }
}
