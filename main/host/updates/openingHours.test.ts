import { describe, expect, it } from 'vitest';
import { isInstallWindow, isOpen, localWeekMinute, openingHoursSchema } from './openingHours';

// Instants are written in China time (+08:00); the checks must not depend on the test host's TZ.
const at = (local: string) => new Date(`${local}+08:00`);
// 2026-11-30 is a Monday.
const weekdays = openingHoursSchema.parse({
  periods: [
    { days: [1, 2, 3, 4, 5], open: '08:30', close: '12:00' },
    { days: [1, 2, 3, 4, 5], open: '14:00', close: '17:30' },
  ],
});

describe('opening hours', () => {
  it('reads weekday and minute in the configured time zone', () => {
    expect(localWeekMinute(at('2026-11-30T08:30:00'), 'Asia/Shanghai')).toEqual({ day: 1, minute: 510 });
    // 01:00 Monday in Beijing is still Sunday 17:00 UTC.
    expect(localWeekMinute(at('2026-11-30T01:00:00'), 'UTC')).toEqual({ day: 0, minute: 17 * 60 });
  });

  it('is open inside a period and closed outside, with [open, close) bounds', () => {
    expect(isOpen(weekdays, at('2026-11-30T08:29:00'))).toBe(false);
    expect(isOpen(weekdays, at('2026-11-30T08:30:00'))).toBe(true);
    expect(isOpen(weekdays, at('2026-11-30T11:59:00'))).toBe(true);
    expect(isOpen(weekdays, at('2026-11-30T12:00:00'))).toBe(false); // lunch break
    expect(isOpen(weekdays, at('2026-11-30T15:00:00'))).toBe(true);
    expect(isOpen(weekdays, at('2026-12-05T10:00:00'))).toBe(false); // Saturday
  });

  it('handles an overnight period across midnight and across the week boundary', () => {
    const night = openingHoursSchema.parse({ periods: [{ days: [6], open: '20:00', close: '02:00' }] });
    expect(isOpen(night, at('2026-12-05T19:59:00'))).toBe(false); // Saturday evening, before
    expect(isOpen(night, at('2026-12-05T23:00:00'))).toBe(true); // Saturday night
    expect(isOpen(night, at('2026-12-06T01:59:00'))).toBe(true); // Sunday early morning belongs to Saturday
    expect(isOpen(night, at('2026-12-06T02:00:00'))).toBe(false);
    expect(isOpen(night, at('2026-12-06T23:00:00'))).toBe(false); // Sunday night: no period starts Sunday
    expect(isOpen(night, at('2026-12-07T01:00:00'))).toBe(false); // Monday morning
  });

  it('treats open == close as open all day on the listed days', () => {
    const market = openingHoursSchema.parse({ periods: [{ days: [3], open: '00:00', close: '00:00' }] });
    expect(isOpen(market, at('2026-12-02T03:00:00'))).toBe(true);
    expect(isOpen(market, at('2026-12-03T03:00:00'))).toBe(false);
  });

  it('allows installs only when closed for the whole margin', () => {
    expect(isInstallWindow(weekdays, at('2026-11-30T03:00:00'))).toBe(true);
    expect(isInstallWindow(weekdays, at('2026-11-30T10:00:00'))).toBe(false);
    expect(isInstallWindow(weekdays, at('2026-11-30T08:15:00'), 20)).toBe(false); // opens in 15 min
    expect(isInstallWindow(weekdays, at('2026-11-30T08:05:00'), 20)).toBe(true);
    expect(isInstallWindow(weekdays, at('2026-11-30T12:30:00'), 20)).toBe(true); // lunch break
  });

  it('rejects malformed times', () => {
    expect(() => openingHoursSchema.parse({ periods: [{ open: '8:30', close: '12:00' }] })).toThrow();
    expect(() => openingHoursSchema.parse({ periods: [{ open: '24:00', close: '12:00' }] })).toThrow();
  });
});
