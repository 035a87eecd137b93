import { describe, expect, it } from 'vitest';
import {
  conditionOf,
  parseAutoStatusBack,
  parseRealtimeStatus,
  printerState,
  StatusParseError,
  StatusStreamParser,
} from './printerStatus';

const rt = (...b: number[]) => conditionOf(parseRealtimeStatus(b));

describe('DLE EOT replies', () => {
  it('maps the reference table to conditions', () => {
    expect(rt(0x12, 0x12, 0x12, 0x12)).toBe('ready');
    expect(rt(0x12, 0x12, 0x12, 0x1e)).toBe('paper-near-end');
    expect(rt(0x1a, 0x32, 0x12, 0x7e)).toBe('paper-out');
    expect(rt(0x1a, 0x16, 0x12, 0x12)).toBe('cover-open');
    expect(rt(0x1a, 0x52, 0x1a, 0x12)).toBe('cutter-error');
    expect(rt(0x1a, 0x12, 0x12, 0x12)).toBe('offline');
    expect(rt(0x12, 0x12, 0x52, 0x12)).toBe('offline'); // auto-recoverable error, e.g. head too hot
  });

  it('rejects replies without the fixed bits or of the wrong count', () => {
    expect(() => parseRealtimeStatus([0x12, 0x12, 0x12])).toThrow(StatusParseError);
    expect(() => parseRealtimeStatus([0x12, 0xff, 0x12, 0x12])).toThrow(StatusParseError);
  });
});

describe('automatic status back', () => {
  it('parses blocks', () => {
    expect(conditionOf(parseAutoStatusBack([0x10, 0x00, 0x00, 0x0f]))).toBe('ready');
    expect(conditionOf(parseAutoStatusBack([0x10, 0x00, 0x03, 0x00]))).toBe('paper-near-end');
    expect(conditionOf(parseAutoStatusBack([0x18, 0x00, 0x0c, 0x00]))).toBe('paper-out');
    expect(conditionOf(parseAutoStatusBack([0x38, 0x00, 0x00, 0x00]))).toBe('cover-open');
    expect(conditionOf(parseAutoStatusBack([0x18, 0x08, 0x00, 0x00]))).toBe('cutter-error');
    expect(() => parseAutoStatusBack([0x12, 0, 0, 0])).toThrow(StatusParseError);
  });

  it('separates ASB blocks from DLE EOT replies in one stream, across chunk borders', () => {
    const p = new StatusStreamParser();
    const a = p.push([0x12, 0x18, 0x00]);
    const b = p.push([0x0c, 0x00, 0x1a, 0xff]);
    expect(a).toEqual([{ kind: 'realtime', byte: 0x12 }]);
    expect(b[0]).toMatchObject({ kind: 'asb', flags: { paperOut: true } });
    expect(b[1]).toEqual({ kind: 'realtime', byte: 0x1a });
    expect(b).toHaveLength(2); // 0xff is noise
  });
});

describe('printerState', () => {
  it('carries Chinese and English words and whether printing is possible', () => {
    const s = printerState('paper-out', new Date(0));
    expect(s.messageZh).toContain('没纸');
    expect(s.messageEn).toMatch(/paper/i);
    expect(s.canPrint).toBe(false);
    expect(printerState('paper-near-end', new Date(0)).canPrint).toBe(true);
  });
});
