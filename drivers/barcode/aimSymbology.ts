import type { Symbology } from './schemas';

/**
 * AIM symbology identifiers (ISO/IEC 15424: "]" + code character + modifier) and Honeywell's
 * one-byte code IDs, mapped to our names. Only the codes a kiosk meets are listed; anything else
 * becomes 'other' rather than being guessed.
 */
const aimCodes: Record<string, Symbology> = {
  Q: 'qr',
  d: 'data-matrix',
  L: 'pdf417',
  z: 'aztec',
  C: 'code128',
  A: 'code39',
  G: 'code93',
  F: 'codabar',
  I: 'itf',
};

export function symbologyFromAim(aim: string): Symbology | undefined {
  if (aim.length !== 3 || aim[0] !== ']') return undefined;
  const code = aim[1]!;
  if (code === 'E') {
    // ]E0 EAN-13/UPC-A, ]E4 EAN-8 (ISO/IEC 15424 table for EAN/UPC).
    return aim[2] === '4' ? 'ean8' : 'ean13';
  }
  return aimCodes[code] ?? 'other';
}

const honeywellCodeIds: Record<number, Symbology> = {
  115: 'qr', // 's'
  119: 'data-matrix', // 'w'
  114: 'pdf417', // 'r'
  122: 'aztec', // 'z'
  106: 'code128', // 'j'
  98: 'code39', // 'b'
  105: 'code93', // 'i'
  97: 'codabar', // 'a'
  100: 'ean13', // 'd'
  68: 'ean8', // 'D'
  99: 'upc-a', // 'c'
  69: 'upc-e', // 'E'
  101: 'itf', // 'e'
};

export function symbologyFromHoneywellId(id: number): Symbology | undefined {
  return honeywellCodeIds[id];
}

/** Strip a leading AIM identifier that a serial scanner was configured to send. */
export function splitAimPrefix(text: string): { aim?: string; rest: string } {
  if (/^\][A-Za-z][0-9A-Za-z]/.test(text)) return { aim: text.slice(0, 3), rest: text.slice(3) };
  return { rest: text };
}
