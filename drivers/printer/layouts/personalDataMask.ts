/**
 * Masks for personal data on paper: a receipt may be left on the kiosk or thrown away, so it shows
 * just enough for the villager to recognise it as theirs.
 */

/** 张三丰 → 张*丰, 张三 → 张*, 买买提·艾力 → 买*****力. Works per code point (𠮷 stays whole). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** 441622199001011234 → 4416**********1234 (region prefix and last four kept). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length >= 12) return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
  if (s.length <= 2) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 2) + s.slice(-2);
}

/** 13812345678 → 138****5678; other numbers keep only their last four digits. */
export function maskPhone(phone: string): string {
  const s = phone.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(-4)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 4) + s.slice(-4);
}
