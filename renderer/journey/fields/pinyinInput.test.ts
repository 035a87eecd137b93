import { describe, expect, it } from 'vitest';
import shipped from './pinyinIndex.json';
import { buildPinyinIndex, buildShippedIndex, type PinyinIndex } from './pinyinIndexBuild';
import { leadingSyllable, pinyinCandidates } from './pinyinInput';

const index = shipped as unknown as PinyinIndex;

describe('pinyin keyboard candidates', () => {
  it('ranks characters of a syllable by frequency (surnames pulled forward)', () => {
    const li = pinyinCandidates(index, 'li').map((c) => c.text);
    expect(li[0]).toBe('李');
    expect(li.indexOf('里')).toBeLessThan(li.indexOf('鲤'));
    expect(pinyinCandidates(index, 'de')[0]?.text).toBe('的');
  });

  it('offers whole phrases by full pinyin or initials, before single characters', () => {
    expect(pinyinCandidates(index, 'yanglao')[0]).toEqual({ text: '养老', consumes: 7 });
    expect(pinyinCandidates(index, 'hys').map((c) => c.text)).toContain('河源市');
    // After a phrase, the first syllable's characters follow, consuming only that syllable.
    const c = pinyinCandidates(index, 'yanglao').find((x) => x.text === '养');
    expect(c?.consumes).toBe(4);
  });

  it('handles unfinished syllables, ü as v, and rejects non-letters', () => {
    expect(leadingSyllable(index, 'xiuying')).toBe('xiu');
    const zh = pinyinCandidates(index, 'zh').map((x) => x.text);
    expect(zh).toContain('中');
    expect(zh).toContain('张');
    expect(pinyinCandidates(index, 'lv')[0]?.text).toBe('吕');
    expect(pinyinCandidates(index, '12')).toEqual([]);
  });

  it('polyphonic characters are found under every reading', () => {
    const small = buildPinyinIndex('行长', []);
    expect(small.chars.hang).toContain('行');
    expect(small.chars.xing).toContain('行');
    expect(small.chars.zhang).toContain('长');
  });

  it('the shipped index is what the builder makes today', () => {
    expect(buildShippedIndex()).toEqual(shipped);
  }, 20_000);
});
