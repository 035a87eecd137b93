import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../codec/escposDecoder';
import { DocumentAssembler } from '../codec/printedDocument';
import { dailySummaryLayout } from '../layouts/dailySummaryLayout';
import { receiptLayout, receiptQrPayload } from '../layouts/receiptLayout';
import { sampleReceipt, sampleSummary, sampleTestPage } from '../layouts/sampleModels';
import { testPageLayout } from '../layouts/testPageLayout';
import type { PaperWidth } from '../schemas';
import { EscPosPrinterSimulator } from './escposPrinterSimulator';
import { type ReceiptPreview, recordPreviews } from './previewRecorder';
import { renderReceiptPreview } from './receiptPreview';

async function preview(bytes: Buffer, paper: PaperWidth) {
  const [doc] = new DocumentAssembler().accept(new EscPosDecoder().push(bytes));
  const png = await renderReceiptPreview(doc!, paper);
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { png, data, info };
}

describe('preview recorder on the simulator', () => {
  it('renders each cut document to a PNG file and reports it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cunban-preview-'));
    const sim = new EscPosPrinterSimulator(() => {});
    const previews: ReceiptPreview[] = [];
    const done = new Promise<void>((resolve) =>
      recordPreviews(sim, {
        paper: '58mm',
        dir,
        onPreview: (p) => {
          previews.push(p);
          if (previews.length === 2) resolve();
        },
      }),
    );
    sim.receive(receiptLayout(sampleReceipt, { paper: '58mm' }));
    sim.receive(dailySummaryLayout(sampleSummary, { paper: '58mm' }));
    await done;
    expect(await readdir(dir)).toEqual(['receipt-0001.png', 'receipt-0002.png']);
    expect(previews[1]!.png.subarray(1, 4).toString()).toBe('PNG');
    await rm(dir, { recursive: true, force: true });
  });
});

describe('receipt preview', () => {
  it.each(['58mm', '80mm'] as const)(
    'draws a %s receipt whose QR decodes back to the status URL',
    async (paper) => {
      const { png, data, info } = await preview(receiptLayout(sampleReceipt, { paper }), paper);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(info.width).toBe((paper === '58mm' ? 384 : 576) + 48);
      const code = jsQR(
        new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
        info.width,
        info.height,
      );
      expect(code?.data).toBe(receiptQrPayload(sampleReceipt));
      // Text was drawn: a good share of the image is ink beyond the QR code.
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      expect(dark / (info.width * info.height)).toBeGreaterThan(0.03);
    },
  );

  it('draws the summary and the test page (test QR decodes too)', async () => {
    const summary = await preview(dailySummaryLayout(sampleSummary, { paper: '58mm' }), '58mm');
    expect(summary.info.height).toBeGreaterThan(300);
    const page = await preview(testPageLayout(sampleTestPage, { paper: '80mm' }), '80mm');
    const d = page.data;
    const code = jsQR(
      new Uint8ClampedArray(d.buffer, d.byteOffset, d.length),
      page.info.width,
      page.info.height,
    );
    expect(code?.data).toBe('CUNBAN-TEST-XF-HB-01');
  });
});
