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

/**
 * Which application's result notice to print. Only a reference crosses: the host looks the
 * application up in its journal and the county's answers and prints what it finds there.
 */
const resultNoticeTarget = z.union([
  z.object({ applicationId: z.string().min(1).max(64) }).strict(),
  z
    .object({
      trackingNumber: z
        .string()
        .min(1)
        .max(40)
        .regex(/^[0-9A-Za-z-]+$/, 'a tracking number'),
    })
    .strict(),
]);

const resultNoticePrinted = z.object({
  printer: z.enum(['a4', 'receipt']),
  /** The receipt printer's job (its status says whether it reached paper); null on A4. */
  job: PrintJobViewSchema.nullable(),
  /** The spooler's job on A4 (handed to CUPS: the printer's own faults are the spooler's). */
  a4JobRef: z.string().nullable(),
});

/** The receipt printer and its persistent queue, as the renderer sees them. */
export const printerRequests = {
  'printer.state': request(empty, PrintHealthSchema),
  /** Queues and prints a receipt; the answer says whether it is on paper or still queued and why. */
  'printer.printReceipt': request(ReceiptModelSchema.strict(), PrintJobViewSchema),
  /**
   * 办结通知书 / 结果告知单 from 我的办件: on the A4 printer when one is configured, else as a slip.
   * Only for applications the county completed, did not accept or asked to correct ('failed'
   * otherwise, with the reason).
   */
  'printer.printResultNotice': request(resultNoticeTarget, resultNoticePrinted),
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
