import { pinyin } from 'pinyin-pro';

/**
 * Finds services by what a villager can type on the touch keyboard: Chinese characters
 * ("养老"), full pinyin ("yanglao", spaces ignored) or initials ("yl"). Each name is turned
 * into its syllables once; a query matches when it is a substring of the name, of the joined
 * syllables, or of the initials, or when it spells consecutive syllables from their start.
 */
export interface SearchEntry {
  id: string;
  text: string;
  syllables: string[];
  initials: string;
}

export function makeSearchEntry(id: string, text: string): SearchEntry {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed' }).map((s) =>
    s.toLowerCase().replace('ü', 'v'),
  );
  return { id, text, syllables, initials: syllables.map((s) => s[0] ?? '').join('') };
}

export function matchScore(entry: SearchEntry, rawQuery: string): number {
  const query = rawQuery.trim().toLowerCase().replace(/\s+/g, '').replace('ü', 'v');
  if (!query) return 0;
  if (/[\u3400-\u9fff]/.test(query)) return entry.text.includes(query) ? 3 : 0;
  if (spellsFromSyllableStart(entry.syllables, query)) return 3;
  if (entry.initials.includes(query)) return 2;
  return entry.syllables.join('').includes(query) ? 1 : 0;
}

/** "yanglao", "yangl" or "ylbx"-style mixes: each syllable consumed fully or by a prefix. */
function spellsFromSyllableStart(syllables: string[], query: string): boolean {
  for (let start = 0; start < syllables.length; start++) {
    if (consume(syllables, start, query)) return true;
  }
  return false;
}

function consume(syllables: string[], index: number, rest: string): boolean {
  if (rest === '') return true;
  const syllable = syllables[index];
  if (!syllable) return false;
  for (let n = Math.min(syllable.length, rest.length); n >= 1; n--) {
    if (
      rest.startsWith(syllable.slice(0, n)) &&
      (n === rest.length || consume(syllables, index + 1, rest.slice(n)))
    ) {
      return true;
    }
  }
  return false;
}

export function searchServices<T extends { id: string }>(
  entries: SearchEntry[],
  items: T[],
  query: string,
): T[] {
  const scores = new Map(entries.map((e) => [e.id, matchScore(e, query)]));
  return items
    .map((item, index) => ({ item, index, score: scores.get(item.id) ?? 0 }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}
