import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './hashRoute';

describe('hash routes', () => {
  it('round-trips every page', () => {
    for (const route of [
      { page: 'applications' },
      { page: 'application', id: '0193a2b4-1c2d-7e3f-8a9b-0c1d2e3f4a5b' },
      { page: 'devices' },
      { page: 'catalog' },
      { page: 'ratings' },
      { page: 'audit' },
    ] as const) {
      expect(parseRoute(hrefFor(route))).toEqual(route);
    }
  });

  it('falls back to the application list for empty or unknown hashes', () => {
    expect(parseRoute('')).toEqual({ page: 'applications' });
    expect(parseRoute('#/nothing-here')).toEqual({ page: 'applications' });
  });
});
