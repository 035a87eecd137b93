import { z } from 'zod';

/**
 * Data shapes that cross from the host into the UI (via `contract/`). Pure zod, no Node imports,
 * because the renderer bundles this file.
 */

/** What the printer is doing, as the kiosk reports it. */
export const PrinterConditionSchema = z.enum([
  'ready',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'cutter-error',
  'offline',
]);
export type PrinterCondition = z.infer<typeof PrinterConditionSchema>;

export const PrinterStateSchema = z.object({
  condition: PrinterConditionSchema,
  /** Plain Chinese a villager understands. */
  messageZh: z.string(),
  /** English for logs and IT staff. */
  messageEn: z.string(),
  /** True when a receipt can be printed now (ready or paper near end). */
  canPrint: z.boolean(),
  /** ISO time of the last status reading. */
  checkedAt: z.string(),
});
export type PrinterState = z.infer<typeof PrinterStateSchema>;

export const PaperWidthSchema = z.enum(['58mm', '80mm']);
export type PaperWidth = z.infer<typeof PaperWidthSchema>;

export const MaterialSchema = z.object({
  name: z.string().min(1),
  received: z.boolean(),
});

/** Everything printed on the villager's receipt (回执). Personal data is masked by the layout. */
export const ReceiptModelSchema = z.object({
  siteName: z.string().min(1),
  kioskId: z.string().min(1),
  serviceName: z.string().min(1),
  /** Human tracking number: site code + date + local sequence. ASCII only (goes into the QR). */
  trackingNumber: z.string().regex(/^[A-Za-z0-9-]{4,40}$/),
  /** County status page; the QR carries this URL with the tracking number. ASCII only. */
  statusUrl: z.string().regex(/^https?:\/\/[\x21-\x7e]+$/),
  applicantName: z.string().min(1),
  applicantIdNumber: z.string().min(1),
  applicantPhone: z.string().optional(),
  materials: z.array(MaterialSchema),
  /** ISO 8601 time the application was taken. */
  submittedAt: z.string(),
  /** e.g. "20 个工作日" — the legal processing time of the service. */
  legalProcessingTime: z.string().min(1),
  resultCollection: z.string().min(1),
  queuedOffline: z.boolean(),
  townOfficePhone: z.string().min(1),
});
export type ReceiptModel = z.infer<typeof ReceiptModelSchema>;

/** Clerk's end-of-day slip: counts only, no personal data. */
export const DailySummaryModelSchema = z.object({
  siteName: z.string().min(1),
  kioskId: z.string().min(1),
  /** YYYY-MM-DD */
  date: z.string(),
  services: z.array(z.object({ serviceName: z.string().min(1), count: z.number().int().nonnegative() })),
  /** The same applications by status (已收件, 需补正 …), in words. */
  statuses: z.array(z.object({ label: z.string().min(1), count: z.number().int().nonnegative() })).optional(),
  queuedOffline: z.number().int().nonnegative(),
  synced: z.number().int().nonnegative(),
  failedPrints: z.number().int().nonnegative(),
  clerkName: z.string().optional(),
  printedAt: z.string(),
});
export type DailySummaryModel = z.infer<typeof DailySummaryModelSchema>;

/** IT staff's test page. */
export const TestPageModelSchema = z.object({
  kioskId: z.string().min(1),
  softwareVersion: z.string().min(1),
  transport: z.string().min(1),
  printedAt: z.string(),
});
export type TestPageModel = z.infer<typeof TestPageModelSchema>;

/**
 * 办结通知书 / 结果告知单: what the county decided, printed from 我的办件. Built by the host from the
 * application it holds (never from what the renderer says); the layouts mask the name and ID
 * number again, so a model carrying them in clear still prints masked.
 */
export const RESULT_NOTICE_STATUSES = ['completed', 'notAccepted', 'correctionRequired'] as const;
export const ResultNoticeModelSchema = z.object({
  status: z.enum(RESULT_NOTICE_STATUSES),
  siteName: z.string().min(1).max(100),
  kioskId: z.string().min(1).max(40),
  serviceName: z.string().min(1).max(100),
  trackingNumber: z.string().min(1).max(40),
  applicantName: z.string().min(1).max(50),
  applicantIdNumber: z.string().min(2).max(30),
  submittedAt: z.string(),
  /** When the county decided (the history entry of this status). */
  decidedAt: z.string(),
  /** The county's note to the applicant (what to bring for 补正, why not accepted, where to collect). */
  countyNote: z.string().max(1000).nullable(),
  townOfficePhone: z.string().max(30).optional(),
  printedAt: z.string(),
});
export type ResultNoticeModel = z.infer<typeof ResultNoticeModelSchema>;

export const PrintJobKindSchema = z.enum(['receipt', 'daily-summary', 'test-page', 'result-notice']);
export type PrintJobKind = z.infer<typeof PrintJobKindSchema>;

/**
 * queued → printing → printed, or → failed (kept, reprint on request).
 * `uncertain`: the host stopped while the job was being sent, so it may or may not be on paper;
 * it is never reprinted automatically (a clerk looks and reprints if needed).
 */
export const PrintJobStatusSchema = z.enum(['queued', 'printing', 'printed', 'failed', 'uncertain']);
export type PrintJobStatus = z.infer<typeof PrintJobStatusSchema>;

/**
 * Why a job did not print: a printer condition, the link failing while bytes were sent, or the host
 * stopping before the job was sent (nothing on paper).
 */
export const PrintFailureReasonSchema = PrinterConditionSchema.or(z.enum(['write-error', 'interrupted']));
export type PrintFailureReason = z.infer<typeof PrintFailureReasonSchema>;

/** A job as the UI sees it: no personal data besides the tracking number. */
export const PrintJobViewSchema = z.object({
  id: z.string(),
  kind: PrintJobKindSchema,
  status: PrintJobStatusSchema,
  trackingNumber: z.string().optional(),
  attempts: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Printer condition that failed the job, when it failed. */
  failure: z
    .object({
      reason: PrintFailureReasonSchema,
      /** before: nothing reached paper; during/after: part or all of it may have. */
      stage: z.enum(['before', 'during', 'after']).optional(),
      messageZh: z.string(),
      messageEn: z.string(),
    })
    .optional(),
});
export type PrintJobView = z.infer<typeof PrintJobViewSchema>;

/** The receipt printer's part of the kiosk health report. */
export const PrintHealthSchema = z.object({
  printer: PrinterStateSchema,
  /** e.g. "serial /dev/ttyUSB0 @ 115200". */
  transport: z.string(),
  /** Jobs a clerk should look at: failed (kept for reprint) or uncertain (host stopped mid-job). */
  failedJobs: z.number().int().nonnegative(),
  uncertainJobs: z.number().int().nonnegative(),
});
export type PrintHealth = z.infer<typeof PrintHealthSchema>;
