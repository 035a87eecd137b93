import { describe, expect, it } from 'vitest';
import { SerialScanSplitter } from './serialCodec';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('SerialScanSplitter', () => {
  it('splits on CR, LF and CR LF under the default and survives codes cut mid-way', () => {
    const s = new SerialScanSplitter();
    expect(s.push(bytes('ABC\r\nDE')).scans).toEqual([{ data: 'ABC' }]);
    expect(s.push(bytes('F\nGHI\r')).scans).toEqual([{ data: 'DEF' }, { data: 'GHI' }]);
  });

  it('honours a configured terminator and leaves other line endings in the data', () => {
    const tab = new SerialScanSplitter({ terminator: 'tab' });
    expect(tab.push(bytes('line1\nline2\t')).scans).toEqual([{ data: 'line1\nline2' }]);
    const custom = new SerialScanSplitter({ terminator: { bytes: bytes('##') } });
    expect(custom.push(bytes('A#B##C#')).scans).toEqual([{ data: 'A#B' }]);
    expect(custom.push(bytes('#')).scans).toEqual([{ data: 'C' }]);
  });

  it('decodes AIM prefixes and GB18030 when configured', () => {
    const s = new SerialScanSplitter({ aimPrefix: true, encoding: 'gb18030' });
    const gbk = Buffer.concat([bytes(']Q1'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), bytes('\r')]);
    expect(s.push(gbk).scans).toEqual([{ data: '张三', symbology: 'qr' }]);
  });

  it('reports invalid text and line noise without losing the good codes around them', () => {
    const s = new SerialScanSplitter({ maxBytes: 32 });
    const out = s.push(Buffer.concat([bytes('GOOD1\r'), Buffer.from([0xff, 0xfe, 0x0d]), bytes('GOOD2\r')]));
    expect(out.scans).toEqual([{ data: 'GOOD1' }, { data: 'GOOD2' }]);
    expect(out.errors.map((e) => e.code)).toEqual(['bad-text']);
    const noise = s.push(Buffer.alloc(40, 0x55));
    expect(noise.errors.map((e) => e.code)).toEqual(['overflow']);
    expect(s.push(bytes('OK\r')).scans).toEqual([{ data: 'OK' }]);
  });
});
