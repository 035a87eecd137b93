/**
 * The time logic of the county's power schedule, without timers or side effects: when is the next
 * power-off or reboot after a given instant. Kiosks keep Beijing time, and China has had no
 * daylight saving since 1991, so a fixed +08:00 is exact and needs no time-zone database.
 */
export interface PowerScheduleInput {
  powerOffAt: string | null;
  rebootAt: string | null;
  /** ISO weekdays 1 (Mon) – 7 (Sun). */
  days: number[];
}

export type PowerAction = 'poweroff' | 'reboot';

export interface PlannedAction {
  action: PowerAction;
  at: Date;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

function minutesOf(clock: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The first scheduled act strictly after `after`, or null when nothing is scheduled. */
export function nextPowerAction(schedule: PowerScheduleInput, after: Date): PlannedAction | null {
  const wanted: { action: PowerAction; minutes: number }[] = [];
  for (const [action, clock] of [
    ['poweroff', schedule.powerOffAt],
    ['reboot', schedule.rebootAt],
  ] as const) {
    const minutes = clock === null ? null : minutesOf(clock);
    if (minutes !== null) wanted.push({ action, minutes });
  }
  if (wanted.length === 0 || schedule.days.length === 0) return null;
  // Midnight of today in Beijing, as an absolute instant.
  const local = after.getTime() + BEIJING_OFFSET_MS;
  const midnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - BEIJING_OFFSET_MS;
  let best: PlannedAction | null = null;
  for (let d = 0; d <= 7; d++) {
    const dayStart = midnight + d * DAY_MS;
    // 1970-01-01 was a Thursday (ISO 4).
    const isoWeekday = ((Math.floor((dayStart + BEIJING_OFFSET_MS) / DAY_MS) + 3) % 7) + 1;
    if (!schedule.days.includes(isoWeekday)) continue;
    for (const w of wanted) {
      const at = dayStart + w.minutes * 60_000;
      if (at > after.getTime() && (!best || at < best.at.getTime()))
        best = { action: w.action, at: new Date(at) };
    }
    if (best) return best;
  }
  return best;
}
