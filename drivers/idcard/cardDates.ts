/** Card dates are YYYYMMDD; the valid-to field may hold "长期" (long-term, never expires). */
export type CardDate =
  | { kind: 'date'; iso: string }
  | { kind: 'long-term' }
  | { kind: 'invalid'; raw: string };

export function parseCardDate(raw: string): CardDate {
  const s = raw.trim();
  if (s === '长期') return { kind: 'long-term' };
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return { kind: 'invalid', raw: s };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return { kind: 'invalid', raw: s };
  }
  return { kind: 'date', iso: `${m[1]}-${m[2]}-${m[3]}` };
}

/** Local calendar date "YYYY-MM-DD" of `now` in China (UTC+8, no DST). */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A card is valid through its valid-to day; expired from the next day on. */
export function isExpired(validTo: CardDate, now: Date): boolean {
  if (validTo.kind !== 'date') return false;
  return chinaToday(now) > validTo.iso;
}
