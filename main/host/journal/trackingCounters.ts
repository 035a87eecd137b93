/**
 * Per-day maxima of the local tracking sequence. A map by day (not one running counter) so that a
 * kiosk clock that jumps back after a power cut continues that earlier day's sequence instead of
 * restarting it at 1 and printing a number twice.
 */
const KEEP_DAYS = 400;

/** YYYYMMDD in Asia/Shanghai, as printed in tracking numbers. */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

export class TrackingCounters {
  private readonly byDay = new Map<string, number>();

  observe(day: string, seq: number): void {
    if (seq > (this.byDay.get(day) ?? 0)) this.byDay.set(day, seq);
  }

  merge(counters: Record<string, number>): void {
    for (const [day, seq] of Object.entries(counters)) this.observe(day, seq);
  }

  next(day: string): number {
    return (this.byDay.get(day) ?? 0) + 1;
  }

  /** Days older than ~13 months cannot come back even with a wild clock; drop them. */
  snapshot(today: string): Record<string, number> {
    const cutoff = shiftDay(today, -KEEP_DAYS);
    const out: Record<string, number> = {};
    for (const [day, seq] of this.byDay) if (day >= cutoff) out[day] = seq;
    return out;
  }
}

function shiftDay(day: string, delta: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
  return new Date(t + delta * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}
