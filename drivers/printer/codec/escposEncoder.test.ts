import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from './escposDecoder';
import { cmd, code128, EncodeError, EscPosWriter, gb18030, qrCode, rasterImage } from './escposEncoder';

const hex = (b: ArrayLike<number>) => Buffer.from(b as number[]).toString('hex');

describe('ESC/POS commands, byte for byte', () => {
  it('init, Chinese mode, code table', () => {
    expect(hex(cmd.init())).toBe('1b40');
    expect(hex(cmd.chineseOn())).toBe('1c26');
    expect(hex(cmd.chineseOff())).toBe('1c2e');
    expect(hex(cmd.codeTable0())).toBe('1b7400');
    expect(hex(new EscPosWriter().init().bytes())).toBe('1b401c26');
  });

  it('alignment, size, bold, feeds', () => {
    expect(hex(cmd.align('left'))).toBe('1b6100');
    expect(hex(cmd.align('center'))).toBe('1b6101');
    expect(hex(cmd.align('right'))).toBe('1b6102');
    expect(hex(cmd.size(1, 1))).toBe('1d2100');
    expect(hex(cmd.size(2, 2))).toBe('1d2111');
    expect(hex(cmd.size(8, 3))).toBe('1d2172');
    expect(hex(cmd.bold(true))).toBe('1b4501');
    expect(hex(cmd.bold(false))).toBe('1b4500');
    expect(hex(cmd.lf())).toBe('0a');
    expect(hex(cmd.feed(3))).toBe('1b6403');
  });

  it('cuts', () => {
    expect(hex(cmd.cut('full'))).toBe('1d5600');
    expect(hex(cmd.cut('partial'))).toBe('1d5601');
    expect(hex(cmd.feedAndCut('full', 5))).toBe('1d564105');
    expect(hex(cmd.feedAndCut('partial', 0))).toBe('1d564200');
  });

  it('status commands', () => {
    expect(hex(cmd.realtimeStatus(1))).toBe('100401');
    expect(hex(cmd.realtimeStatus(4))).toBe('100404');
    expect(hex(cmd.autoStatusBack(0x0f))).toBe('1d610f');
  });

  it('GB18030 text, including 4-byte characters outside GBK', () => {
    expect(hex(gb18030('办事回执'))).toBe('b0eccac2bbd8d6b4');
    expect(hex(gb18030('\u{20000}'))).toBe('95328236');
    // 𠮷 U+20BB7 (Extension B) is 4 bytes; 䶮 U+4DAE is the 2-byte FE9F (GB 18030-2022 mapping,
    // same bytes as glibc `iconv -t gb18030`).
    expect(hex(gb18030('𠮷'))).toBe('9534b235');
    expect(hex(gb18030('䶮'))).toBe('fe9f');
  });

  it('QR code, model 2, with size and error level (33-byte URL → pL 0x24)', () => {
    const url = 'https://gov.example.cn/s/A1B2C3D4';
    expect(url.length).toBe(33);
    const bytes = qrCode(url, { size: 6, level: 'M' });
    expect(hex(bytes)).toBe(
      '1d286b0400314132001d286b0300314306' +
        '1d286b0300314531' +
        `1d286b2400315030${hex(Buffer.from(url))}` +
        '1d286b0300315130',
    );
  });

  it('CODE128 code set B; n counts the {B prefix', () => {
    expect(hex(code128('AB12', { height: 60, moduleWidth: 2, hri: 'below' }))).toBe(
      `1d683c1d77021d48021d6b49067b42${hex(Buffer.from('AB12'))}`, // …06 7b42 = n, "{B"
    );
  });

  it('raster GS v 0: MSB is the leftmost dot, rows padded to bytes', () => {
    // 10×2: row 0 = dots 0 and 9, row 1 = all black.
    const dots = new Uint8Array(20);
    dots[0] = 1;
    dots[9] = 1;
    dots.fill(1, 10);
    expect(hex(rasterImage({ width: 10, height: 2, dots }))).toBe('1d763000020002008040' + 'ffc0');
  });

  it('rejects bad input with a typed error', () => {
    expect(() => cmd.size(0, 1)).toThrow(EncodeError);
    expect(() => cmd.feed(256)).toThrow(EncodeError);
    expect(() => qrCode('编号', { size: 6, level: 'M' })).toThrow(EncodeError);
    expect(() => qrCode('x', { size: 17, level: 'M' })).toThrow(EncodeError);
    expect(() => code128('é', {})).toThrow(EncodeError);
    expect(() => gb18030('a\x1bb')).toThrow(EncodeError);
    expect(() => gb18030('bad\uD800')).toThrow(EncodeError);
    expect(() => rasterImage({ width: 8, height: 2, dots: new Uint8Array(3) })).toThrow(EncodeError);
  });
});

describe('decoder round trip per command', () => {
  it('decodes what the writer wrote, even when fed one byte at a time', () => {
    const dots = new Uint8Array(16 * 3).fill(1);
    const bytes = new EscPosWriter()
      .init()
      .align('center')
      .size(2, 2)
      .bold(true)
      .line('办事回执𠮷')
      .qr('https://x.cn/t?n=A-1', { size: 5, level: 'Q' })
      .barcode('A{1', { height: 50 })
      .image({ width: 16, height: 3, dots })
      .feed(2)
      .cut('partial', 3)
      .bytes();
    const decoder = new EscPosDecoder();
    const events = [...bytes].flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(decoder.pending).toBe(0);
    expect(events.map((e) => e.type)).toEqual([
      'init',
      'chinese',
      'align',
      'size',
      'bold',
      'text',
      'lf',
      'qr',
      'barcode',
      'raster',
      'feed',
      'cut',
    ]);
    expect(events).toContainEqual({ type: 'text', text: '办事回执𠮷' });
    expect(events).toContainEqual({ type: 'qr', data: 'https://x.cn/t?n=A-1', size: 5, level: 'Q' });
    expect(events).toContainEqual({ type: 'barcode', data: 'A{1', height: 50, moduleWidth: 2, hri: 'below' });
    expect(events).toContainEqual({ type: 'cut', mode: 'partial', feedDots: 3 });
    const raster = events.find((e) => e.type === 'raster');
    expect(raster?.type === 'raster' && [...raster.image.dots].every((d) => d === 1)).toBe(true);
  });
});
