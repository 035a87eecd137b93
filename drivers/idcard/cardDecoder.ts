import { type CardDate, isExpired, parseCardDate } from './cardDates';
import { nationFromCode, sexFromCode } from './codeTables';
import { checkIdNumber } from './idNumber';
import type { IdCard, IdCardType, IdCardWarning } from './schemas';
import { decodeUcs2Field } from './ucs2Text';

export type DecodedCardText = Omit<IdCard, 'photo'>;

export interface DecodeOptions {
  now: Date;
  /** Latest appended address from 0x30 0x03, when the card has one. */
  appendedAddress?: string | null;
}

/** Type flag: low byte of UCS-2 char 124 (reference §6.5). */
export function detectCardType(text: Uint8Array): IdCardType {
  switch (text[248]) {
    case 0x4a:
      return 'hmt-residence-permit';
    case 0x49:
      return 'foreign-permanent-2017';
    case 0x59:
      return 'foreign-permanent-2023';
    default:
      return 'resident';
  }
}

/**
 * Turns the 256-byte text block into the fields a form needs. Never throws on content:
 * odd codes, bad dates and a wrong check digit become warnings, not failures.
 */
export function decodeCardText(text: Uint8Array, options: DecodeOptions): DecodedCardText {
  const block = text.length >= 256 ? text : padTo256(text);
  const type = detectCardType(block);
  const f = (offset: number, length: number) => decodeUcs2Field(block, offset, length);
  const warnings = new Set<IdCardWarning>();
  const date = (raw: string): CardDate => {
    const d = parseCardDate(raw);
    if (d.kind === 'invalid') warnings.add('invalid-date');
    return d;
  };
  const base: DecodedCardText = {
    cardType: type,
    name: '',
    englishName: null,
    sex: { code: '', label: null },
    nation: null,
    nationality: null,
    birthDate: { kind: 'invalid', raw: '' },
    address: '',
    addressSource: 'none',
    idNumber: '',
    idNumberValid: false,
    issuingAuthority: '',
    validFrom: { kind: 'invalid', raw: '' },
    validTo: { kind: 'invalid', raw: '' },
    expired: false,
    permitNumber: null,
    issueCount: null,
    cardVersion: null,
    acceptingAuthorityCode: null,
    rawTextBase64: null,
    warnings: [],
  };

  let card: DecodedCardText;
  if (type === 'resident' || type === 'hmt-residence-permit') {
    card = {
      ...base,
      name: f(0, 30),
      sex: sexFromCode(f(30, 2)),
      birthDate: date(f(36, 16)),
      address: f(52, 70),
      addressSource: 'card',
      idNumber: f(122, 36),
      issuingAuthority: f(158, 30),
      validFrom: date(f(188, 16)),
      validTo: date(f(204, 16)),
    };
    if (type === 'resident') card.nation = nationFromCode(f(32, 4));
    else {
      card.permitNumber = f(220, 18);
      card.issueCount = f(238, 4);
    }
    const appended = options.appendedAddress?.trim();
    if (appended) {
      card.address = appended;
      card.addressSource = 'appended';
    }
  } else if (type === 'foreign-permanent-2017') {
    const chinese = f(158, 30);
    const english = f(0, 120);
    card = {
      ...base,
      name: chinese || english,
      englishName: english,
      sex: sexFromCode(f(120, 2)),
      idNumber: f(122, 30),
      nationality: f(152, 6),
      validFrom: date(f(188, 16)),
      validTo: date(f(204, 16)),
      birthDate: date(f(220, 16)),
      cardVersion: f(236, 4),
      acceptingAuthorityCode: f(240, 8),
    };
  } else {
    card = decodeForeign2023(block, base, f);
  }

  if (card.sex.label === null && card.sex.code !== '') warnings.add('unknown-sex-code');
  if (card.nation && card.nation.label === null) warnings.add('unknown-nation-code');
  if (type === 'foreign-permanent-2017') {
    // Old foreigner numbers are 3 letters + 12 digits: no MOD 11-2 digit to check.
    card.idNumberValid = /^[A-Z]{3}\d{12}$/.test(card.idNumber);
    if (!card.idNumberValid) warnings.add('id-number-format');
  } else if (card.idNumber !== '') {
    const check = checkIdNumber(card.idNumber);
    card.idNumberValid = check.ok;
    if (!check.ok) warnings.add(check.reason === 'format' ? 'id-number-format' : 'id-check-digit-mismatch');
  } else {
    warnings.add('id-number-format');
  }
  card.expired = isExpired(card.validTo, options.now);
  if (card.expired) warnings.add('expired');
  for (const w of card.warnings) warnings.add(w);
  card.warnings = [...warnings];
  return card;
}

/**
 * 2023 foreigner card: no public byte layout (reference §6.4). Keep the raw block, and take
 * only what can be found without guessing offsets: the English name in the first 120 bytes
 * (as on the 2017 card) and the 18-digit number starting with 9 that passes MOD 11-2.
 */
function decodeForeign2023(
  block: Uint8Array,
  base: DecodedCardText,
  f: (offset: number, length: number) => string,
): DecodedCardText {
  const english = f(0, 120);
  const all = decodeUcs2Field(block, 0, 256);
  const id = /9\d{16}[\dX]/.exec(all)?.[0] ?? '';
  return {
    ...base,
    name: english,
    englishName: english,
    sex: sexFromCode(f(120, 2)),
    idNumber: id,
    rawTextBase64: toBase64(block.subarray(0, 256)),
    warnings: ['layout-unverified'],
  };
}

function padTo256(text: Uint8Array): Uint8Array {
  const out = new Uint8Array(256);
  out.set(text.subarray(0, 256));
  return out;
}

/** Base64 without Node's Buffer, so this file also runs in the renderer's tests. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}
