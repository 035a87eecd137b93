import { z } from 'zod';
import {
  announcementDocument,
  applicationDocument,
  auditDocument,
  clerkDocument,
  ratingDocument,
  settingsDocument,
} from './documents';
import { serviceDocument } from './forms';

/**
 * RxDB-style replication over HTTP, versioned under /v1:
 *   GET  /v1/sync/:collection/pull?seq=N&limit=M  → PullResponse
 *   POST /v1/sync/:collection/push  PushRow[]      → conflicts (master documents)
 *   GET  /v1/sync/:collection/stream (SSE)         → StreamMessage per event
 *   GET  /v1/sync/stream (SSE, all collections)    → KioskStreamEvent per event
 */

export const COLLECTIONS = [
  'applications',
  'ratings',
  'services',
  'clerks',
  'announcements',
  'audit',
  'settings',
] as const;
export const collectionName = z.enum(COLLECTIONS);
export type CollectionName = z.infer<typeof collectionName>;

/** Collections a kiosk may push to; everything else is county-written and pull-only. */
export const KIOSK_PUSHABLE: ReadonlySet<CollectionName> = new Set(['applications', 'ratings', 'audit']);

export const documentSchemas = {
  applications: applicationDocument,
  ratings: ratingDocument,
  services: serviceDocument,
  clerks: clerkDocument,
  announcements: announcementDocument,
  audit: auditDocument,
  settings: settingsDocument,
} as const;

export const checkpoint = z.object({ seq: z.number().int().min(0) });
export type Checkpoint = z.infer<typeof checkpoint>;

export const PULL_MAX_LIMIT = 500;
export const pullQuery = z.object({
  seq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(100),
});
export type PullQuery = z.infer<typeof pullQuery>;

/** A page shorter than `limit` means "caught up". Documents carry `_deleted` (never removed). */
export interface PullResponse<Doc = Record<string, unknown>> {
  documents: Doc[];
  checkpoint: Checkpoint;
}
export const pullResponse = z.object({
  documents: z.array(z.record(z.string(), z.unknown())),
  checkpoint,
});

/** A document as RxDB sends it: an object with a string id. Content is checked per collection. */
const pushedDoc = z.looseObject({ id: z.string().min(1).max(64) });

export const PUSH_MAX_ROWS = 100;
export const pushRow = z.object({
  assumedMasterState: pushedDoc.nullable().optional(),
  newDocumentState: pushedDoc,
});
export const pushRequest = z.array(pushRow).min(1).max(PUSH_MAX_ROWS);
export type PushRow = z.infer<typeof pushRow>;

/** The master documents for every row that was not written as sent (conflicts and rejections). */
export type PushResponse = Array<Record<string, unknown>>;

/** RxDB's stream message: a batch, or "RESYNC" (pull from the last checkpoint). */
export type StreamMessage = 'RESYNC' | PullResponse;

/** Combined per-kiosk stream: which collection should resync. */
export interface KioskStreamEvent {
  collection: CollectionName | '*';
  message: StreamMessage;
}

/** RxDB sends these storage fields in push rows; the county never stores them. */
export const LOCAL_ONLY_FIELDS = ['_meta', '_rev', '_attachments'] as const;
