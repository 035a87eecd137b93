import { pinyin } from 'pinyin-pro';
import { COMMON_PHRASES, COMMON_SURNAMES, FREQUENT_CHARS } from './commonText';

/**
 * Builds the reverse dictionary of the pinyin keyboard (syllable → characters, best first; and
 * phrases with their syllables). pinyin-pro only goes from characters to pinyin and takes about a
 * second for the whole GB 2312 set, too slow for a kiosk's first keystroke, so the index is built
 * once at development time (`npm run pinyin-index`) into
 * pinyinIndex.json; a test checks the shipped file against a fresh build.
 */
export interface PinyinIndex {
  /** Syllable without tone (ü written v) → characters, most useful first. */
  chars: Record<string, string>;
  /** Phrase → its syllables joined by spaces. */
  phrases: Array<[string, string]>;
}

/** GB 2312 level 1 (3755 everyday characters) then level 2, decoded by the platform's decoder. */
export function gb2312Characters(): { level1: string; level2: string } {
  const decoder = new TextDecoder('gb2312');
  const rows = (from: number, to: number) => {
    let out = '';
    for (let hi = from; hi <= to; hi++) {
      for (let lo = 0xa1; lo <= 0xfe; lo++) {
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (/^[\u4e00-\u9fff]$/.test(ch)) out += ch;
      }
    }
    return out;
  };
  return { level1: rows(0xb0, 0xd7), level2: rows(0xd8, 0xf7) };
}

const normalize = (syllable: string) => syllable.toLowerCase().replace(/ü/g, 'v');

export function buildPinyinIndex(ranked: string, phrases: readonly string[]): PinyinIndex {
  const chars: Record<string, string> = {};
  const seen = new Set<string>();
  for (const ch of ranked) {
    if (seen.has(ch) || !/^[\u4e00-\u9fff]$/.test(ch)) continue;
    seen.add(ch);
    for (const reading of pinyin(ch, { multiple: true, type: 'array', toneType: 'none' })) {
      const key = normalize(reading);
      if (!/^[a-z]+$/.test(key)) continue;
      if (!chars[key]?.includes(ch)) chars[key] = (chars[key] ?? '') + ch;
    }
  }
  const phraseList: Array<[string, string]> = [...new Set(phrases)].map((p) => [
    p,
    pinyin(p, { type: 'array', toneType: 'none' }).map(normalize).join(' '),
  ]);
  return { chars, phrases: phraseList };
}

/**
 * The rank order: the most frequent characters, with common surnames pulled forward (a name is
 * the first thing typed, and 黄 or 曾 would sink in a plain frequency list), then the rest of
 * GB 2312 level 1, then level 2.
 */
export function rankedCharacters(): string {
  const { level1, level2 } = gb2312Characters();
  const rank = new Map<string, number>();
  Array.from(FREQUENT_CHARS).forEach((ch, i) => {
    if (!rank.has(ch)) rank.set(ch, i);
  });
  Array.from(COMMON_SURNAMES).forEach((ch, i) => {
    rank.set(ch, Math.min(rank.get(ch) ?? Number.POSITIVE_INFINITY, i * 4));
  });
  const head = [...rank.entries()].sort((a, b) => a[1] - b[1]).map(([ch]) => ch);
  return head.join('') + level1 + level2;
}

export function buildShippedIndex(): PinyinIndex {
  return buildPinyinIndex(rankedCharacters(), COMMON_PHRASES);
}
