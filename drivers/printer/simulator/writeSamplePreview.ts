/**
 * Writes the README's receipt preview: `npx tsx drivers/printer/simulator/writeSamplePreview.ts
 * [out.png] [58mm|80mm]`. The sample receipt goes through the real encoder, the simulator's decoder
 * and the preview renderer, so the picture is what the simulated printer received.
 */
import { writeFile } from 'node:fs/promises';
import { EscPosDecoder } from '../codec/escposDecoder';
import { DocumentAssembler } from '../codec/printedDocument';
import { receiptLayout } from '../layouts/receiptLayout';
import { sampleReceipt } from '../layouts/sampleModels';
import type { PaperWidth } from '../schemas';
import { renderReceiptPreview } from './receiptPreview';

const out = process.argv[2] ?? 'docs/receipt-preview.png';
const paper = (process.argv[3] ?? '58mm') as PaperWidth;
const [doc] = new DocumentAssembler().accept(
  new EscPosDecoder().push(receiptLayout(sampleReceipt, { paper })),
);
if (!doc) throw new Error('the sample receipt produced no cut document');
await writeFile(out, await renderReceiptPreview(doc, paper));
console.log(`wrote ${out}`);
