// Opening hours of the service point, in the kiosk's own time zone. Updates install only while the
// point is closed, so a villager never finds the kiosk restarting in front of them.
import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)');

/**
 * One opening period. `days` are the weekdays on which the period *starts* (0 = Sunday … 6 =
 * Saturday). When `close` is not later than `open` the period runs overnight into the next day
 * (e.g. 20:00–02:00); `open` equal to `close` means open for the full 24 hours.
 */
export const openingPeriodSchema = z.object({
  days: z.array(z.number().int().min(0).max(6)).min(1).default([0, 1, 2, 3, 4, 5, 6]),
  open: clock,
  close: clock,
});
export const openingHoursSchema = z.object({
  timeZone: z.string().default('Asia/Shanghai'),
  periods: z.array(openingPeriodSchema),
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Weekday and minute of day of an instant, seen in `timeZone` (independent of the host's TZ). */
export function localWeekMinute(at: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: weekdayIndex[part('weekday')] ?? 0,
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

export function isOpen(hours: OpeningHours, at: Date): boolean {
  const { day, minute } = localWeekMinute(at, hours.timeZone);
  const yesterday = (day + 6) % 7;
  return hours.periods.some((period) => {
    const open = minutesOf(period.open);
    const close = minutesOf(period.close);
    if (open === close) return period.days.includes(day);
    if (open < close) return period.days.includes(day) && minute >= open && minute < close;
    // Overnight: the evening part belongs to the start day, the early-morning part to the day after.
    return (
      (period.days.includes(day) && minute >= open) || (period.days.includes(yesterday) && minute < close)
    );
  });
}

/**
 * True when the point is closed now and stays closed for the next `marginMinutes`, so an install
 * (download already done) and the restart finish before the first villager arrives.
 */
export function isInstallWindow(hours: OpeningHours, at: Date, marginMinutes = 20): boolean {
  // Periods are minute-granular, so checking every minute of the margin is exact.
  for (let m = 0; m <= marginMinutes; m++) {
    if (isOpen(hours, new Date(at.getTime() + m * 60_000))) return false;
  }
  return true;
}
