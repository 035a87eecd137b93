import { describe, expect, it } from 'vitest';
import { justifyPair, textColumns, wrapColumns } from './textColumns';

describe('textColumns', () => {
  it('counts ASCII as 1 and every non-ASCII character (even outside the BMP) as 2', () => {
    expect(textColumns('AB12')).toBe(4);
    expect(textColumns('办事回执')).toBe(8);
    expect(textColumns('𠮷䶮')).toBe(4);
    expect(textColumns('（，）')).toBe(6);
  });
});

describe('wrapColumns', () => {
  it('never splits a double-width or astral character and never exceeds the width', () => {
    const text = '张𠮷䶮'.repeat(20);
    for (const width of [5, 7, 32, 48]) {
      const lines = wrapColumns(text, width);
      expect(lines.join('')).toBe(text);
      for (const line of lines) {
        expect(textColumns(line)).toBeLessThanOrEqual(width);
        expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
      }
    }
  });

  it('moves a whole ASCII word to the next line when it fits there', () => {
    expect(wrapColumns('受理编号 ABCD-20261129-0001', 20)).toEqual(['受理编号', 'ABCD-20261129-0001']);
  });

  it('cuts an ASCII word longer than a line by columns', () => {
    expect(wrapColumns('x'.repeat(10), 4)).toEqual(['xxxx', 'xxxx', 'xx']);
  });

  it('keeps empty lines and rejects impossible widths', () => {
    expect(wrapColumns('a\n\nb', 8)).toEqual(['a', '', 'b']);
    expect(() => wrapColumns('办', 1)).toThrow(RangeError);
  });
});

describe('justifyPair', () => {
  it('fills the line exactly', () => {
    const [line] = justifyPair('材料', '已收', 32);
    expect(textColumns(line!)).toBe(32);
  });
  it('wraps when both sides do not fit', () => {
    const lines = justifyPair('很长'.repeat(10), '右边', 16);
    for (const l of lines) expect(textColumns(l)).toBeLessThanOrEqual(16);
  });
});
