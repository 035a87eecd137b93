/** GB 11643-1999 公民身份号码 check digit (ISO 7064 MOD 11-2), reference §8. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_MAP = '10X98765432';

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function idCheckDigit(idNumber: string): string | null {
  const body = idNumber.slice(0, 17);
  if (!/^\d{17}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_MAP[sum % 11]!;
}

export type IdNumberCheck =
  | { ok: true }
  | { ok: false; reason: 'format' }
  | { ok: false; reason: 'check-digit'; expected: string };

export function checkIdNumber(idNumber: string): IdNumberCheck {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, reason: 'format' };
  const expected = idCheckDigit(idNumber)!;
  return expected === idNumber[17] ? { ok: true } : { ok: false, reason: 'check-digit', expected };
}
