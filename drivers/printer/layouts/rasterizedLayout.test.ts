import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../codec/escposDecoder';
import { DocumentAssembler, documentText } from '../codec/printedDocument';
import { rasterizedLayout, renderLineImage } from './rasterizedLayout';
import { receiptLayout } from './receiptLayout';
import { sampleReceipt } from './sampleModels';
import { needsRaster } from './slipWriter';

const decode = (bytes: Buffer) => new DocumentAssembler().accept(new EscPosDecoder().push(bytes))[0]!;

describe('rare characters as pictures', () => {
  it('flags only characters that take 4 bytes in GB18030', () => {
    expect(needsRaster('黄陂村 𠮷')).toBe(true);
    expect(needsRaster('欧**䶮 龘 汉字 abc')).toBe(false);
  });

  it('draws a line at the size the printer font would use, with ink in it', async () => {
    const img = await renderLineImage('𠮷村', { width: 2, height: 2, bold: true });
    expect(img).toMatchObject({ width: 4 * 12 * 2, height: 48 });
    const ink = img.dots.reduce((a, b) => a + b, 0);
    expect(ink).toBeGreaterThan(100);
  });

  it('prints lines with 𠮷 as raster images and leaves every other line as text', async () => {
    const model = { ...sampleReceipt, siteName: '𠮷家村便民服务站' };
    const doc = decode(
      await rasterizedLayout((rasterizeLine) => receiptLayout(model, { paper: '58mm', rasterizeLine })),
    );
    const text = documentText(doc);
    expect(text).not.toContain('𠮷');
    expect(text).toContain('办事回执');
    expect(text).toContain(sampleReceipt.trackingNumber);
    const images = doc.blocks.filter((b) => b.kind === 'image');
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ align: 'center', image: { height: 24 } });
  });

  it('changes nothing when no line needs it', async () => {
    const plain = receiptLayout(sampleReceipt, { paper: '80mm' });
    const viaRaster = await rasterizedLayout((rasterizeLine) =>
      receiptLayout(sampleReceipt, { paper: '80mm', rasterizeLine }),
    );
    expect(viaRaster.equals(plain)).toBe(true);
  });
});
