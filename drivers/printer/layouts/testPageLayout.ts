import type { MonoImage } from '../codec/escposEncoder';
import { type TestPageModel, TestPageModelSchema } from '../schemas';
import { formatPrintTime } from './printTime';
import type { LayoutOptions } from './receiptLayout';
import { SlipWriter } from './slipWriter';

/** Characters that exercise every GB18030 length: ASCII, GB2312, GBK, and 4-byte (Extension B). */
export const TEST_PAGE_CHARSET = 'ABC abc 123 汉字打印 龘 䶮 𠮷';

/** A checkerboard strip the width of the paper: any dead head dot shows as a white line. */
function headTestPattern(widthDots: number): MonoImage {
  const height = 24;
  const dots = new Uint8Array(widthDots * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < widthDots; x++) dots[y * widthDots + x] = ((x >> 3) + (y >> 3)) % 2 === 0 ? 1 : 0;
  }
  return { width: widthDots, height, dots };
}

/** IT staff's test page: ruler, character set, sizes, QR, CODE128, raster, cut. */
export function testPageLayout(input: TestPageModel, opts: LayoutOptions): Buffer {
  const m = TestPageModelSchema.parse(input);
  const s = new SlipWriter(opts.paper, opts.rasterizeLine);
  s.text('打印机测试页', { align: 'center', bold: true, scale: 2 });
  s.field('终端', m.kioskId);
  s.field('软件版本', m.softwareVersion);
  s.field('连接方式', m.transport);
  s.field('纸宽', `${opts.paper}（每行 ${s.columns} 个字母 / ${s.columns / 2} 个汉字）`);
  s.field('时间', formatPrintTime(m.printedAt, opts.timeZone));
  s.rule('=');
  let ruler = '';
  for (let i = 1; i <= s.columns; i++) ruler += String(i % 10);
  s.text(ruler);
  s.text('汉'.repeat(s.columns / 2));
  // Once from the printer's font ROM (blanks or "?" show missing glyphs), once as the kiosk sends
  // rare characters by default (pictures, when a rasterizer is configured).
  s.text('字库：');
  s.out.line(TEST_PAGE_CHARSET);
  s.text('图片：');
  s.text(TEST_PAGE_CHARSET);
  s.text('加粗 Bold', { bold: true });
  s.text('倍宽倍高', { scale: 2 });
  s.text('居中', { align: 'center' });
  s.text('靠右', { align: 'right' });
  s.out.align('center').qr(`CUNBAN-TEST-${m.kioskId}`, { size: 4, level: 'M' });
  s.out.barcode(`TEST-${m.kioskId}`.slice(0, 30), { height: 60, hri: 'below' });
  s.out.image(headTestPattern(opts.paper === '58mm' ? 384 : 576)).align('left');
  s.text('测试结束', { align: 'center' });
  return s.finish();
}
