import { z } from 'zod';
import { applicationDocument, applicationStatus, applicationSubmitted } from '../sync/protocol/documents';
import { uuidV7 } from '../sync/protocol/ids';
import { collectionName, PULL_MAX_LIMIT, pullResponse, pushRequest } from '../sync/protocol/replication';
import { empty, type RequestDef, request } from './define';

/**
 * The offline queue: submitting an application (journal first, receipt after), replaying the
 * journal into a wiped IndexedDB, short-lived county tokens for the renderer's replication, and
 * the sync state the villager screen and clerks see.
 */

/** What the renderer sends to submit; the host adds id, tracking number, site and device. */
export const applicationDraft = applicationSubmitted
  .pick({
    serviceId: true,
    serviceVersion: true,
    applicant: true,
    agent: true,
    formValues: true,
    materials: true,
    assistedBy: true,
    supplementOf: true,
  })
  .strict();
export type ApplicationDraft = z.input<typeof applicationDraft>;

/** A refusal is data with words for the villager, so the UI never has to parse an error string. */
export const submitRefusal = z.object({
  ok: z.literal(false),
  reason: z.enum(['disk-full', 'sequence-exhausted', 'not-enrolled', 'journal-failed']),
  message: z.string(),
  messageZh: z.string(),
});
export type SubmitRefusal = z.infer<typeof submitRefusal>;

export const submitResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), document: applicationDocument }),
  submitRefusal,
]);
export type SubmitResult = z.infer<typeof submitResult>;

export const syncError = z.object({
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
});

export const syncStatus = z.object({
  /** True when the last probe of the county's /healthz (or any call) succeeded. */
  online: z.boolean(),
  queuedDocuments: z.number().int().nonnegative(),
  queuedFiles: z.number().int().nonnegative(),
  bytesPending: z.number().int().nonnegative(),
  lastSuccessAt: z.string().nullable(),
  error: syncError.nullable(),
});
export type SyncStatus = z.infer<typeof syncStatus>;

/** What status lookup shows: no personal data. */
export const applicationSummary = z.object({
  applicationId: z.string(),
  trackingNumber: z.string(),
  serviceId: z.string(),
  submittedAt: z.string(),
  status: applicationStatus,
  history: z.array(z.object({ status: applicationStatus, at: z.string(), note: z.string().optional() })),
  staffNote: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof applicationSummary>;

export const queueRequests = {
  /** Appends the application to the fsync'd journal; print the receipt only after `ok: true`. */
  'queue.submit': request(applicationDraft, submitResult),
  /** Journal entries the county has not acknowledged yet; the renderer inserts those RxDB lacks. */
  'queue.journalEntries': request(empty, z.object({ documents: z.array(applicationDocument) })),
  /**
   * What the renderer's database needs from the host: the key for personal fields (derived from
   * the kiosk's data key, never the data key itself) and where the county is.
   */
  'queue.session': request(
    empty,
    z.object({
      personalKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of 32 bytes'),
      countyUrl: z.string().nullable(),
      deviceId: z.string().nullable(),
      retentionDays: z.number().int().positive(),
    }),
  ),
  /**
   * Replication goes through the host, which signs each call with the device key: the key and
   * its tokens never reach the renderer, and the county needs no CORS for kiosk origins.
   */
  'queue.probe': request(empty, z.object({ online: z.boolean() })),
  'queue.pull': request(
    z
      .object({
        collection: collectionName,
        seq: z.number().int().min(0),
        limit: z.number().int().min(1).max(PULL_MAX_LIMIT),
      })
      .strict(),
    pullResponse,
  ),
  'queue.push': request(
    z.object({ collection: z.enum(['applications', 'ratings', 'audit']), rows: pushRequest }).strict(),
    z.object({ conflicts: z.array(z.record(z.string(), z.unknown())) }),
  ),
  'queue.status': request(empty, syncStatus),
  /** 我的办件: by ID number (matched in the host, never sent back) or by tracking number. */
  'queue.lookupApplications': request(
    z.union([
      z.object({ idNumber: z.string().min(6).max(30) }).strict(),
      z.object({ trackingNumber: z.string().min(10).max(40) }).strict(),
    ]),
    z.object({ applications: z.array(applicationSummary) }),
  ),
  /** 好差评: the host completes the rating document, keeps it durable and sends it to the county. */
  'queue.submitRating': request(
    z
      .object({
        applicationId: uuidV7.nullable(),
        serviceId: z.string().max(64).nullable(),
        level: z.number().int().min(1).max(5),
        reasonTags: z.array(z.string().min(1).max(40)).max(20),
        templateVersion: z.string().min(1).max(20),
      })
      .strict(),
    z.object({ ok: z.literal(true) }),
  ),
} satisfies Record<string, RequestDef>;

export const queueEvents = {
  'queue.statusChanged': syncStatus,
  /** The county changed something this kiosk sees ('*' after every reconnect): pull from the checkpoint. */
  'queue.countyChanged': z.object({ collection: z.union([collectionName, z.literal('*')]) }),
} satisfies Record<string, z.ZodType>;
