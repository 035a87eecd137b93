import { describe, expect, it } from 'vitest';
import { makeSearchEntry, matchScore, searchServices } from './catalogSearch';

const entries = [
  makeSearchEntry('S01', '城乡居民基本养老保险参保登记'),
  makeSearchEntry('S06', '高龄老人津贴申请'),
  makeSearchEntry('S13', '社会保障卡申领'),
];
const items = entries.map((e) => ({ id: e.id }));

describe('catalogue search', () => {
  it('finds by characters, full pinyin, partial syllables and initials', () => {
    expect(searchServices(entries, items, '养老').map((s) => s.id)).toEqual(['S01']);
    expect(searchServices(entries, items, 'yanglao').map((s) => s.id)).toEqual(['S01']);
    expect(searchServices(entries, items, 'yang lao').map((s) => s.id)).toEqual(['S01']);
    expect(searchServices(entries, items, 'gaol').map((s) => s.id)).toEqual(['S06']);
    expect(searchServices(entries, items, 'shbzk').map((s) => s.id)).toEqual(['S13']);
  });

  it('matches nothing for an unrelated query and everything ranks by score', () => {
    expect(searchServices(entries, items, 'zzzq')).toEqual([]);
    expect(matchScore(entries[0]!, '')).toBe(0);
    // 申请 only in S06 (S13 has 申领)
    expect(searchServices(entries, items, 'shenq').map((s) => s.id)).toEqual(['S06']);
  });
});
