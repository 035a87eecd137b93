/** 好差评 levels (GB/T 39734 wording); 1–2 are 差评 and each one needs follow-up. */
export const RATING_WORDS: Record<number, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

export interface LevelRow {
  level: number;
  words: string;
  count: number;
  /** Share of all ratings, 0–100, one decimal. */
  percent: number;
}

export interface RatingSummary {
  total: number;
  rows: LevelRow[];
  /** 好评率: levels 4–5 over all ratings, 0–100, or null with no ratings. */
  goodRate: number | null;
  badCount: number;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** Fills the levels nobody chose with zero so the table always has five rows, best first. */
export function summarizeRatings(byLevel: Array<{ level: number; n: number }>): RatingSummary {
  const counts = new Map(byLevel.map((r) => [r.level, r.n]));
  const total = byLevel.reduce((sum, r) => sum + r.n, 0);
  const rows = [5, 4, 3, 2, 1].map((level) => {
    const count = counts.get(level) ?? 0;
    return {
      level,
      words: RATING_WORDS[level]!,
      count,
      percent: total ? oneDecimal((count / total) * 100) : 0,
    };
  });
  const good = (counts.get(5) ?? 0) + (counts.get(4) ?? 0);
  const badCount = (counts.get(2) ?? 0) + (counts.get(1) ?? 0);
  return { total, rows, goodRate: total ? oneDecimal((good / total) * 100) : null, badCount };
}

export function stars(level: number): string {
  return '★'.repeat(level) + '☆'.repeat(Math.max(0, 5 - level));
}
