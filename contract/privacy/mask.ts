/**
 * Masking of personal data for screens, receipts and logs — one implementation everywhere, so a
 * villager's name or ID number is hidden the same way wherever it appears.
 */

/**
 * 张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜; per code point, so 𠮷 stays whole. Latin names keep
 * the first letter of each word (JOHN SMITH → J*** S****).
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(trimmed) && /\s/.test(trimmed)) {
    return trimmed
      .split(/\s+/)
      .map((word) => `${word[0]}${'*'.repeat(Math.max(1, word.length - 1))}`)
      .join(' ');
  }
  const chars = Array.from(trimmed);
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

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const BANK_CARD = /(?<!\d)\d{16,19}(?!\d)/g;

/** Masks ID, mobile and bank-card numbers wherever they appear in free text. */
export function maskNumbersInText(text: string): string {
  return text.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, maskPhone).replace(BANK_CARD, maskIdNumber);
}
