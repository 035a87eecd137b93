import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../codec/escposDecoder';
import { EncodeError } from '../codec/escposEncoder';
import { DocumentAssembler, documentText, type PrintedDocument } from '../codec/printedDocument';
import { textColumns } from '../codec/textColumns';
import { dailySummaryLayout } from './dailySummaryLayout';
import { maskIdNumber, maskName, maskPhone } from './personalDataMask';
import { receiptLayout, receiptQrPayload } from './receiptLayout';
import { sampleReceipt, sampleSummary, sampleTestPage } from './sampleModels';
import { TEST_PAGE_CHARSET, testPageLayout } from './testPageLayout';

function decode(bytes: Buffer): PrintedDocument[] {
  const decoder = new EscPosDecoder();
  const docs = new DocumentAssembler().accept(decoder.push(bytes));
  expect(decoder.pending).toBe(0);
  return docs;
}

/** Every printed text line fits the paper at its character width. */
function expectFits(doc: PrintedDocument, columns: number) {
  for (const b of doc.blocks) {
    if (b.kind === 'text') expect(textColumns(b.text) * b.width).toBeLessThanOrEqual(columns);
  }
}

describe('masks', () => {
  it('masks names, ID numbers and phones', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳𠮷䶮')).toBe('欧**䶮');
    expect(maskIdNumber('441622199001011234')).toBe('4416**********1234');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('0751-2281234')).toBe('*******1234');
  });
});

describe.each(['58mm', '80mm'] as const)('receipt on %s paper', (paper) => {
  const columns = paper === '58mm' ? 32 : 48;
  const docs = decode(receiptLayout(sampleReceipt, { paper }));
  const doc = docs[0]!;
  const text = documentText(doc);

  it('is one cut document whose lines fit the paper', () => {
    expect(docs).toHaveLength(1);
    expect(doc.cut).toBe('partial');
    expectFits(doc, columns);
  });

  it('carries every field, with personal data masked', () => {
    // Wrapping may drop a space at a line break, so compare without whitespace.
    const squash = (t: string) => t.replace(/\s/g, '');
    const flat = squash(text);
    for (const expected of [
      '办事回执',
      sampleReceipt.siteName,
      sampleReceipt.kioskId,
      sampleReceipt.serviceName,
      '欧**䶮',
      '4402**********1234',
      '138****5678',
      '2026-11-29 14:05',
      '15 个工作日',
      '√ 居民身份证',
      '□ 一寸免冠彩色照片',
      sampleReceipt.resultCollection,
      '联网后自动上报',
      '0751-2281234',
    ]) {
      expect(flat).toContain(squash(expected));
    }
    expect(flat).not.toContain('欧阳𠮷䶮');
    expect(flat).not.toContain(sampleReceipt.applicantIdNumber);
    expect(flat).not.toContain('13812345678');
  });

  it('prints the tracking number large and unbroken, and the QR with the status URL', () => {
    const big = doc.blocks.find((b) => b.kind === 'text' && b.text === sampleReceipt.trackingNumber);
    expect(big).toMatchObject({ height: 2, bold: true, align: 'center' });
    const qr = doc.blocks.find((b) => b.kind === 'qr');
    expect(qr).toMatchObject({ data: 'https://zw.xinfeng.gov.cn/cx?n=XF01-20261129-0007', level: 'M' });
  });
});

describe('receipt variants and bad models', () => {
  it('leaves out the offline line when the application was sent', () => {
    const text = documentText(
      decode(receiptLayout({ ...sampleReceipt, queuedOffline: false }, { paper: '58mm' }))[0]!,
    );
    expect(text).not.toContain('联网后自动上报');
  });

  it('wraps very long names and services without splitting characters', () => {
    const longName = '𠮷'.repeat(40);
    const model = { ...sampleReceipt, serviceName: '䶮𠮷'.repeat(30), applicantName: longName };
    const doc = decode(receiptLayout(model, { paper: '58mm' }))[0]!;
    expectFits(doc, 32);
    const flat = documentText(doc).replace(/\n/g, '');
    expect(flat).toContain('䶮𠮷'.repeat(30));
    expect(flat).toContain(`𠮷${'*'.repeat(38)}𠮷`);
  });

  it('prints the county logo as a raster image above the title, and refuses one wider than the paper', () => {
    const logo = { width: 64, height: 16, dots: new Uint8Array(64 * 16).fill(1) };
    const doc = decode(receiptLayout(sampleReceipt, { paper: '58mm', logo }))[0]!;
    expect(doc.blocks[0]).toMatchObject({ kind: 'image', align: 'center', image: { width: 64, height: 16 } });
    const wide = { width: 400, height: 1, dots: new Uint8Array(400) };
    expect(() => receiptLayout(sampleReceipt, { paper: '58mm', logo: wide })).toThrow(EncodeError);
  });

  it('builds the QR payload with the right separator', () => {
    expect(receiptQrPayload({ statusUrl: 'https://a.cn/q?x=1', trackingNumber: 'A-1' })).toBe(
      'https://a.cn/q?x=1&n=A-1',
    );
  });

  it('rejects a model with a non-ASCII tracking number or missing fields', () => {
    expect(() => receiptLayout({ ...sampleReceipt, trackingNumber: '编号1' }, { paper: '58mm' })).toThrow();
    const { siteName: _, ...partial } = sampleReceipt;
    expect(() => receiptLayout(partial as never, { paper: '58mm' })).toThrow();
  });
});

describe('daily summary and test page', () => {
  it('summary has counts and a total, and no personal data', () => {
    const doc = decode(dailySummaryLayout(sampleSummary, { paper: '58mm' }))[0]!;
    expectFits(doc, 32);
    const text = documentText(doc);
    expect(text).toContain('当日办件汇总');
    expect(text).toMatch(/合计 +7 件/);
    expect(text).toMatch(/待上报（离线） +3 件/);
  });

  it('test page exercises charset, QR, barcode and raster', () => {
    const doc = decode(testPageLayout(sampleTestPage, { paper: '80mm' }))[0]!;
    expectFits(doc, 48);
    expect(documentText(doc)).toContain(TEST_PAGE_CHARSET);
    expect(doc.blocks.some((b) => b.kind === 'qr' && b.data === 'CUNBAN-TEST-XF-HB-01')).toBe(true);
    expect(doc.blocks.some((b) => b.kind === 'barcode' && b.data === 'TEST-XF-HB-01')).toBe(true);
    const img = doc.blocks.find((b) => b.kind === 'image');
    expect(img?.kind === 'image' && img.image.width).toBe(576);
  });
});
