import { z } from 'zod';
import { PrintJobViewSchema } from '../drivers/printer/schemas';
import { applicationStatus, materialRef } from '../sync/protocol/documents';
import { uuidV7 } from '../sync/protocol/ids';
import { type RequestDef, request } from './define';
import { syncStatus } from './queue';

/**
 * The town's queue in the clerk workspace (issue 9, items 4 and 5). Every request needs a live
 * clerk session in the host (`forbidden` otherwise) and is written to the clerk audit trail.
 * Nothing here carries a villager's personal data in clear: names are masked by the host.
 */

/** Where an application is on its way to the county, in the kiosk's terms. */
export const queueSyncState = z.enum([
  /** Only in this kiosk's journal: the county does not have it yet. */
  'queued',
  /** The county holds the form, some scanned pages are still on their way. */
  'filesPending',
  /** The county holds the form and every page. */
  'atCounty',
]);
export type QueueSyncState = z.infer<typeof queueSyncState>;

export const townQueueItem = z.object({
  applicationId: z.string(),
  trackingNumber: z.string(),
  serviceId: z.string(),
  submittedAt: z.string(),
  /** Masked for the screen (e.g. 蓝*婆). */
  applicantMasked: z.string(),
  syncState: queueSyncState,
  /** The county's status ('submitted' while only the kiosk has it). */
  status: applicationStatus,
  /** Why the gateway refused it automatically (status 'rejected'). */
  rejectionReason: z.string().nullable(),
  /** The county's note: what is missing for 补正, or why staff refused. */
  staffNote: z.string().nullable(),
  /** Material ids the application carried. */
  materialIds: z.array(z.string()),
  /** Set when this application is itself a 补正 supplement. */
  supplementOf: z.string().nullable(),
  /** Tracking numbers of supplements already sent for this application. */
  supplements: z.array(z.string()),
  assisted: z.boolean(),
});
export type TownQueueItem = z.infer<typeof townQueueItem>;

export const townQueue = z.object({
  items: z.array(townQueueItem),
  status: syncStatus,
  /** When the county's view of this site was last fetched (null: never, e.g. offline since start). */
  countyRefreshedAt: z.string().nullable(),
});
export type TownQueue = z.infer<typeof townQueue>;

const applicationRef = z.object({ applicationId: uuidV7 }).strict();

/** What the renderer knows for a receipt (catalogue and site words); the host adds the person. */
export const supplementReceiptFrame = z
  .object({
    siteName: z.string().min(1).max(100),
    kioskId: z.string().min(1).max(40),
    statusUrl: z.string().regex(/^https?:\/\/[\x21-\x7e]+$/),
    townOfficePhone: z.string().min(1).max(30),
    serviceName: z.string().min(1).max(100),
    legalProcessingTime: z.string().min(1).max(40),
    resultCollection: z.string().min(1).max(100),
    /** Catalogue names of the materials captured now, in order. */
    materialNames: z.array(z.string().min(1).max(60)).max(50),
  })
  .strict();
export type SupplementReceiptFrame = z.infer<typeof supplementReceiptFrame>;

export const dailySummaryAnswer = z.object({
  /** YYYY-MM-DD in China Standard Time. */
  date: z.string(),
  byService: z.array(z.object({ serviceId: z.string(), serviceName: z.string(), count: z.number().int() })),
  byStatus: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  queuedOffline: z.number().int(),
  synced: z.number().int(),
  failedPrints: z.number().int(),
  /** The slip's print job, when printing was asked for. */
  job: PrintJobViewSchema.nullable(),
});
export type DailySummaryAnswer = z.infer<typeof dailySummaryAnswer>;

export const clerkQueueRequests = {
  /** This site's applications: the journal's (not yet at the county) and the county's view. */
  'clerk.queue.list': request(z.object({}).strict(), townQueue),
  /** Kicks the journal drain and the county pull, waits for one pass, answers the new list. */
  'clerk.queue.syncNow': request(z.object({}).strict(), townQueue),
  /** The receipts (and result notices) printed for one application, newest first. */
  'clerk.queue.printJobs': request(applicationRef, z.object({ jobs: z.array(PrintJobViewSchema) })),
  /** Prints a job of that application again: only a clerk's explicit request does that. */
  'clerk.queue.reprint': request(
    z.object({ applicationId: uuidV7, jobId: z.string().min(1).max(80) }).strict(),
    PrintJobViewSchema,
  ),
  /**
   * 补正: a supplement for a county correction request. The applicant, agent and form are taken
   * from the host's record of the original (never typed again); the clerk is `assistedBy`. The
   * host journals it like any application and prints its receipt.
   */
  'clerk.queue.submitSupplement': request(
    z
      .object({
        originalId: uuidV7,
        materials: z.array(materialRef).min(1).max(20),
        receipt: supplementReceiptFrame,
      })
      .strict(),
    z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        applicationId: z.string(),
        trackingNumber: z.string(),
        receipt: PrintJobViewSchema.nullable(),
      }),
      z.object({ ok: z.literal(false), reason: z.string(), messageZh: z.string() }),
    ]),
  ),
  /** The day's counts by service and status, built in the host; `print` sends the slip. */
  'clerk.dailySummary': request(
    z
      .object({
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        /** Catalogue names for the slip (display words only); unknown ids print as the id. */
        serviceNames: z.record(z.string().max(64), z.string().min(1).max(60)).default({}),
        siteName: z.string().min(1).max(100),
        kioskId: z.string().min(1).max(40),
        print: z.boolean(),
      })
      .strict(),
    dailySummaryAnswer,
  ),
} satisfies Record<string, RequestDef>;

/** The county's statuses in the words a clerk and a villager use (screen and daily slip). */
export const STATUS_WORDS_ZH: Record<z.infer<typeof applicationStatus>, string> = {
  submitted: '在本机等待上传',
  received: '县里已收件',
  accepted: '已受理',
  correctionRequired: '需补正',
  completed: '已办结',
  notAccepted: '不予受理',
  rejected: '被系统退回',
};

/** The calendar day of an instant in China Standard Time (no daylight saving), YYYY-MM-DD. */
export function chinaDate(at: string | number | Date): string {
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
