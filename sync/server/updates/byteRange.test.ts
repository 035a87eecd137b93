import { describe, expect, it } from 'vitest';
import { parseByteRange } from './byteRange';

describe('parseByteRange', () => {
  it('parses open, closed and suffix ranges', () => {
    expect(parseByteRange('bytes=0-', 10)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseByteRange('bytes=2-4', 10)).toEqual({ kind: 'partial', start: 2, end: 4 });
    expect(parseByteRange('bytes=2-400', 10)).toEqual({ kind: 'partial', start: 2, end: 9 });
    expect(parseByteRange('bytes=-3', 10)).toEqual({ kind: 'partial', start: 7, end: 9 });
    expect(parseByteRange('bytes=-30', 10)).toEqual({ kind: 'partial', start: 0, end: 9 });
  });
  it('flags unsatisfiable ranges', () => {
    expect(parseByteRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=5-2', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=-0', 10)).toEqual({ kind: 'unsatisfiable' });
  });
  it('serves the whole file for absent, multi-range or foreign-unit headers', () => {
    expect(parseByteRange(undefined, 10)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=0-1,4-5', 10)).toEqual({ kind: 'full' });
    expect(parseByteRange('items=0-1', 10)).toEqual({ kind: 'full' });
  });
});
