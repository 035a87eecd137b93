import type { QueueSyncState, TownQueueItem } from '../../../contract/clerkQueue';
import { maskName } from '../../../contract/privacy/mask';
import type { ApplicationDocument } from '../../../sync/protocol/documents';
import type { CountyEntry } from './countyApplicationIndex';

/** Newest first; a busy site's list stops here (what needs action is always kept). */
const MAX_ITEMS = 300;

function countySyncState(entry: CountyEntry): QueueSyncState {
  // A refused document has no pages to wait for: the county has all it will take.
  if (entry.status === 'rejected' || entry.materialIds.length === 0 || entry.filesComplete) return 'atCounty';
  return 'filesPending';
}

const needsAction = (item: TownQueueItem) =>
  item.syncState !== 'atCounty' ||
  item.status === 'rejected' ||
  (item.status === 'correctionRequired' && item.supplements.length === 0);

/**
 * One list from two sources: the journal (what the county has not acknowledged, with its exact
 * content) and the county's view (status, reasons, notes). The county's status wins; the journal
 * says what is still on this kiosk.
 */
export function buildTownQueue(pending: readonly ApplicationDocument[], county: readonly CountyEntry[]) {
  const items = new Map<string, TownQueueItem>();
  for (const entry of county) {
    items.set(entry.id, {
      applicationId: entry.id,
      trackingNumber: entry.trackingNumber,
      serviceId: entry.serviceId,
      submittedAt: entry.submittedAt,
      applicantMasked: entry.applicantMasked,
      syncState: countySyncState(entry),
      status: entry.status,
      rejectionReason: entry.rejectionReason,
      staffNote: entry.staffNote,
      materialIds: entry.materialIds,
      supplementOf: entry.supplementOf,
      supplements: [],
      assisted: entry.assisted,
    });
  }
  for (const doc of pending) {
    if (items.has(doc.id)) continue;
    items.set(doc.id, {
      applicationId: doc.id,
      trackingNumber: doc.trackingNumber,
      serviceId: doc.serviceId,
      submittedAt: doc.submittedAt,
      applicantMasked: maskName(doc.applicant.name),
      syncState: 'queued',
      status: 'submitted',
      rejectionReason: null,
      staffNote: null,
      materialIds: doc.materials.map((m) => m.materialId),
      supplementOf: doc.supplementOf ?? null,
      supplements: [],
      assisted: Boolean(doc.assistedBy),
    });
  }
  const all = [...items.values()].sort(
    (a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.trackingNumber.localeCompare(a.trackingNumber),
  );
  // Oldest supplement first, so the note under the original reads in order.
  for (const item of [...all].reverse()) {
    if (item.supplementOf) items.get(item.supplementOf)?.supplements.push(item.trackingNumber);
  }
  return all.filter((item, index) => index < MAX_ITEMS || needsAction(item));
}
