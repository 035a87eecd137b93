import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintedDocument } from '../codec/printedDocument';
import type { PrinterLogger } from '../logger';
import type { PaperWidth } from '../schemas';
import type { EscPosPrinterSimulator } from './escposPrinterSimulator';
import { renderReceiptPreview } from './receiptPreview';

export interface ReceiptPreview {
  /** 1-based count of documents the simulator printed. */
  index: number;
  document: PrintedDocument;
  png: Buffer;
  /** Where the PNG was written, when a folder was given. */
  path?: string;
}

/**
 * Renders every document the simulator cuts as a PNG, for the demo screen (callback) and/or a
 * folder. Rendering runs one at a time so a burst of receipts cannot pile up sharp work.
 */
export function recordPreviews(
  sim: EscPosPrinterSimulator,
  opts: { paper: PaperWidth; dir?: string; onPreview?: (p: ReceiptPreview) => void; logger?: PrinterLogger },
): () => void {
  let index = 0;
  let chain: Promise<void> = Promise.resolve();
  return sim.on('document', (document) => {
    const n = ++index;
    chain = chain.then(async () => {
      try {
        const png = await renderReceiptPreview(document, opts.paper);
        let path: string | undefined;
        if (opts.dir) {
          await mkdir(opts.dir, { recursive: true });
          path = join(opts.dir, `receipt-${String(n).padStart(4, '0')}.png`);
          await writeFile(path, png);
        }
        opts.onPreview?.({ index: n, document, png, ...(path ? { path } : {}) });
      } catch (err) {
        opts.logger?.error('receipt preview failed', { index: n, reason: (err as Error).message });
      }
    });
  });
}
