import { z } from 'zod';
import {
  DailySummaryModelSchema,
  PrinterStateSchema,
  PrintHealthSchema,
  PrintJobViewSchema,
  ReceiptModelSchema,
  TestPageModelSchema,
} from '../drivers/printer/schemas';
import { empty, ok, type RequestDef, request } from './define';

/** The receipt printer and its persistent queue, as the renderer sees them. */
export const printerRequests = {
  'printer.state': request(empty, PrintHealthSchema),
  /** Queues and prints a receipt; the answer says whether it is on paper or still queued and why. */
  'printer.printReceipt': request(ReceiptModelSchema.strict(), PrintJobViewSchema),
  'printer.printDailySummary': request(DailySummaryModelSchema.strict(), PrintJobViewSchema),
  'printer.printTestPage': request(TestPageModelSchema.strict(), PrintJobViewSchema),
  'printer.jobs': request(empty, z.object({ jobs: z.array(PrintJobViewSchema) })),
  /** Only a clerk's explicit request prints a job twice. */
  'printer.reprint': request(z.object({ jobId: z.string().min(1).max(80) }).strict(), PrintJobViewSchema),
  'printer.dismiss': request(z.object({ jobId: z.string().min(1).max(80) }).strict(), ok),
  /** Demo profile only: the simulated printer's paper, cover and cutter. */
  'demo.printer.condition': request(
    z
      .object({ paper: z.enum(['ok', 'near-end', 'out']), coverOpen: z.boolean(), cutterJam: z.boolean() })
      .strict(),
    ok,
  ),
  /** Demo profile only: pull the simulated printer's cable out, and put it back (chaos tests). */
  'demo.printer.unplug': request(empty, ok),
  'demo.printer.replug': request(empty, ok),
} satisfies Record<string, RequestDef>;

export const printerEvents = {
  'printer.state': PrinterStateSchema,
  'printer.job': PrintJobViewSchema,
  /** Demo profile: what the simulated printer just printed, as a PNG (shown on screen). */
  'demo.printer.preview': z.object({ index: z.number().int(), pngBase64: z.string() }),
} satisfies Record<string, z.ZodType>;
