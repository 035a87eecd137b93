import { describe, expect, it } from 'vitest';
import { stars, summarizeRatings } from './ratingStats';

describe('rating statistics', () => {
  it('fills missing levels, computes shares and the good-rating rate', () => {
    const s = summarizeRatings([
      { level: 5, n: 6 },
      { level: 4, n: 2 },
      { level: 1, n: 2 },
    ]);
    expect(s.total).toBe(10);
    expect(s.rows.map((r) => [r.words, r.count, r.percent])).toEqual([
      ['非常满意', 6, 60],
      ['满意', 2, 20],
      ['基本满意', 0, 0],
      ['不满意', 0, 0],
      ['非常不满意', 2, 20],
    ]);
    expect(s.goodRate).toBe(80);
    expect(s.badCount).toBe(2);
  });

  it('has no rate without ratings', () => {
    const s = summarizeRatings([]);
    expect(s.goodRate).toBeNull();
    expect(s.rows).toHaveLength(5);
  });

  it('draws stars', () => {
    expect(stars(2)).toBe('★★☆☆☆');
  });
});
