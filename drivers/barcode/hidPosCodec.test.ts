import { describe, expect, it } from 'vitest';
import { splitAimPrefix, symbologyFromAim } from './aimSymbology';
import { encodeHidPosReports, HidPosAssembler, HidPosError, parseHidPosReport } from './hidPosCodec';

function report(bytes: Record<number, number>, length = 64): Buffer {
  const r = Buffer.alloc(length);
  for (const [i, v] of Object.entries(bytes)) r[Number(i)] = v;
  return r;
}

describe('HID POS codec', () => {
  it('parses a hand-built Honeywell report (report ID first, as node-hid delivers it)', () => {
    const r = report({
      0: 0x02,
      1: 4,
      2: 0x5d,
      3: 0x43,
      4: 0x30,
      5: 0x41,
      6: 0x42,
      7: 0x43,
      8: 0x44,
      61: 0x6a,
      63: 0,
    });
    const parsed = parseHidPosReport(r);
    expect({ ...parsed, data: [...parsed.data] }).toEqual({
      aim: ']C0',
      data: [0x41, 0x42, 0x43, 0x44],
      codeId: 0x6a,
      more: false,
    });
  });

  it('joins a code split across reports, including a Chinese character cut in half', () => {
    // 55 ASCII bytes then 张 (3 UTF-8 bytes): the character straddles the 56-byte boundary.
    const text = `${'a'.repeat(55)}张三丰/${'9'.repeat(60)}`;
    const reports = encodeHidPosReports(Buffer.from(text), ']Q1', 0x73);
    expect(reports).toHaveLength(3);
    expect(reports.map((r) => r[63])).toEqual([1, 1, 0]);
    const asm = new HidPosAssembler();
    expect(asm.push(reports[0]!, 0)).toBeUndefined();
    expect(asm.push(reports[1]!, 10)).toBeUndefined();
    expect(asm.push(reports[2]!, 20)).toEqual({ data: text, symbology: 'qr' });
    expect(asm.pending).toBe(false);
  });

  it('falls back to GB18030 for scanners configured for GBK output', () => {
    const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]); // 张三 in GBK
    const [r] = encodeHidPosReports(gbk, ']Q1');
    expect(new HidPosAssembler().push(r!)).toEqual({ data: '张三', symbology: 'qr' });
  });

  it('uses the Honeywell code ID when the AIM field is empty', () => {
    const [r] = encodeHidPosReports(Buffer.from('6901234567892'), '\0\0\0', 0x64);
    expect(new HidPosAssembler().push(r!)?.symbology).toBe('ean13');
  });

  it('rejects garbage, truncated and over-long reports with typed errors and forgets the partial scan', () => {
    const asm = new HidPosAssembler();
    const expectCode = (fn: () => unknown, code: string) => {
      expect(fn).toThrow(HidPosError);
      try {
        fn();
      } catch (e) {
        expect((e as HidPosError).code).toBe(code);
      }
    };
    expectCode(() => asm.push(report({ 0: 0x04 })), 'wrong-report-id');
    expectCode(() => asm.push(Buffer.from([0x02, 5, 0x5d])), 'truncated');
    expectCode(() => asm.push(report({ 0: 0x02, 1: 200 })), 'bad-count');
    const [first] = encodeHidPosReports(Buffer.from('x'.repeat(100)));
    asm.push(first!, 0);
    expect(asm.pending).toBe(true);
    expectCode(() => asm.push(Buffer.from([0x02])), 'truncated');
    expect(asm.pending).toBe(false);
  });

  it('drops a stale partial scan instead of gluing it to the next code', () => {
    const asm = new HidPosAssembler(500);
    const [partial] = encodeHidPosReports(Buffer.from('y'.repeat(80)));
    asm.push(partial!, 0);
    const [next] = encodeHidPosReports(Buffer.from('NEXT'));
    expect(asm.push(next!, 2000)).toEqual({ data: 'NEXT', symbology: 'qr' });
  });

  it('refuses an endless chain of continued reports', () => {
    const asm = new HidPosAssembler(500, 200);
    const reports = encodeHidPosReports(Buffer.from('z'.repeat(400)));
    expect(() => {
      for (const r of reports) asm.push(r, 0);
    }).toThrow(/exceeds/);
  });

  it('maps AIM identifiers and strips an AIM prefix from serial data', () => {
    expect(symbologyFromAim(']Q1')).toBe('qr');
    expect(symbologyFromAim(']E0')).toBe('ean13');
    expect(symbologyFromAim(']E4')).toBe('ean8');
    expect(symbologyFromAim(']X0')).toBe('other');
    expect(symbologyFromAim('abc')).toBeUndefined();
    expect(splitAimPrefix(']Q1hello')).toEqual({ aim: ']Q1', rest: 'hello' });
    expect(splitAimPrefix('hello')).toEqual({ rest: 'hello' });
  });
});
