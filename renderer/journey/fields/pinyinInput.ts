import type { PinyinIndex } from './pinyinIndexBuild';

/**
 * The pinyin keyboard's candidate logic. The villager types letters; candidates are whole
 * phrases first (typed in full, "henan", or by the first letters of each syllable, "hy"), then
 * the characters of the first syllable, most frequent first. Picking a candidate consumes the
 * letters it stands for, so "lixiuying" can be entered character by character.
 */
export interface Candidate {
  text: string;
  /** How many typed letters this candidate stands for. */
  consumes: number;
}

const MAX_SYLLABLE = 6;

/** The longest syllable the typed letters start with, or null when none is complete yet. */
export function leadingSyllable(index: PinyinIndex, typed: string): string | null {
  for (let n = Math.min(MAX_SYLLABLE, typed.length); n >= 1; n--) {
    const head = typed.slice(0, n);
    if (index.chars[head]) return head;
  }
  return null;
}

/** True when `typed` spells every syllable in order, each by at least its first letter. */
function spellsWhole(syllables: string[], typed: string): boolean {
  if (syllables.length === 0) return typed === '';
  const [first, ...rest] = syllables as [string, ...string[]];
  for (let n = Math.min(first.length, typed.length); n >= 1; n--) {
    if (typed.startsWith(first.slice(0, n)) && spellsWhole(rest, typed.slice(n))) return true;
  }
  return false;
}

export function pinyinCandidates(index: PinyinIndex, rawTyped: string, limit = 40): Candidate[] {
  const typed = rawTyped.toLowerCase().replace(/ü/g, 'v');
  if (!/^[a-z]+$/.test(typed)) return [];
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const push = (text: string, consumes: number) => {
    if (seen.has(text) || out.length >= limit) return;
    seen.add(text);
    out.push({ text, consumes });
  };
  // Phrases spelled in full come before those matched by initials only.
  const phrases = index.phrases.filter(([p, s]) => p.length > 1 && spellsWhole(s.split(' '), typed));
  phrases.sort((a, b) => Number(b[1].replace(/ /g, '') === typed) - Number(a[1].replace(/ /g, '') === typed));
  for (const [phrase] of phrases) push(phrase, typed.length);

  const syllable = leadingSyllable(index, typed);
  if (syllable && (syllable === typed || typed.length > syllable.length)) {
    for (const ch of index.chars[syllable] ?? '') push(ch, syllable.length);
    return out;
  }
  // An unfinished syllable ("zh", "xia"): characters of every syllable it can become, by rank.
  const lists = Object.keys(index.chars)
    .filter((s) => s.startsWith(typed))
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
    .map((s) => Array.from(index.chars[s] ?? ''));
  if (syllable) lists.unshift(Array.from(index.chars[syllable] ?? ''));
  for (let i = 0; out.length < limit && lists.some((l) => i < l.length); i++) {
    for (const l of lists) if (l[i]) push(l[i]!, typed.length);
  }
  return out;
}
