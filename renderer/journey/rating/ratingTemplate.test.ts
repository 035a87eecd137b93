import { describe, expect, it } from 'vitest';
import { RATING_LEVELS } from '../../../sync/protocol/documents';
import { buildRating, needsReason, RATING_LEVELS_DESC, RATING_TEMPLATE } from './ratingTemplate';

const base = { applicationId: null, serviceId: 'S06-gaoling-jintie' };

describe('好差评 rating', () => {
  it('has five levels in the protocol order and asks reasons only for the lower two', () => {
    expect(RATING_LEVELS_DESC.map((l) => RATING_LEVELS[l])).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    expect(RATING_LEVELS_DESC.filter((l) => needsReason(l))).toEqual([2, 1]);
  });

  it('refuses a 差评 without a reason and stores the template version', () => {
    expect(buildRating({ ...base, level: 1, reasonTags: [] })).toBeNull();
    expect(buildRating({ ...base, level: 2, reasonTags: ['made-up'] })).toBeNull();
    const rating = buildRating({ ...base, level: 2, reasonTags: ['tooSlow', 'tooSlow', 'x'] });
    expect(rating).toEqual({
      ...base,
      level: 2,
      reasonTags: ['tooSlow'],
      templateVersion: RATING_TEMPLATE.version,
    });
  });

  it('drops reason tags of a good rating', () => {
    expect(buildRating({ ...base, level: 5, reasonTags: ['tooSlow'] })?.reasonTags).toEqual([]);
  });
});
