/**
 * Column arithmetic for receipt text. In Chinese mode (FS &) the printer reads every byte ≥ 0x80
 * as part of a multi-byte GB18030 character and prints it in a double-width cell, so the width of a
 * character is decided by whether it is ASCII, not by Unicode's East Asian Width tables.
 */

export const COLUMNS = { '58mm': 32, '80mm': 48 } as const;

/** Columns a single code point occupies. Control characters have no width. */
export function charColumns(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return 0;
  return cp < 0x80 ? 1 : 2;
}

export function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch);
  return n;
}

/**
 * Splits text into lines of at most `width` columns. Iterates by code point, so a surrogate pair
 * (𠮷) or a double-width character is never cut in half; ASCII words move whole to the next line
 * when they fit on one, so tracking numbers and URLs stay readable.
 */
export function wrapColumns(text: string, width: number): string[] {
  if (width < 2) throw new RangeError(`line width ${width} cannot hold a double-width character`);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const tokens = paragraph.match(/[\x21-\x7e]+|[\s\S]/gu) ?? [];
    let line = '';
    let used = 0;
    const flush = () => {
      lines.push(line.replace(/ +$/, ''));
      line = '';
      used = 0;
    };
    for (const token of tokens) {
      const w = textColumns(token);
      if (used + w <= width) {
        line += token;
        used += w;
        continue;
      }
      if (token === ' ') {
        flush();
        continue;
      }
      if (w <= width && used > 0 && token.length > 1) {
        flush();
        line = token;
        used = w;
        continue;
      }
      for (const ch of token) {
        const cw = charColumns(ch);
        if (used + cw > width) flush();
        line += ch;
        used += cw;
      }
    }
    if (line.length > 0 || lines.length === 0 || paragraph.length === 0) flush();
  }
  return lines;
}

/** Pads `left` and `right` apart so the pair fills exactly `width` columns (wraps if it cannot). */
export function justifyPair(left: string, right: string, width: number): string[] {
  const gap = width - textColumns(left) - textColumns(right);
  if (gap >= 1) return [left + ' '.repeat(gap) + right];
  const lines = wrapColumns(left, width);
  const rightLines = wrapColumns(right, width);
  return [...lines, ...rightLines.map((l) => ' '.repeat(width - textColumns(l)) + l)];
}
