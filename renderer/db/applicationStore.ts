import type { KioskApi } from '../../contract/kioskApi';
import type { ApplicationDraft, SubmitResult } from '../../contract/queue';
import type { ApplicationDocument } from '../../sync/protocol/documents';
import { maskApplication, type PersonalPart, personalPartOf } from './applicationPrivacy';
import type { KioskDatabase } from './kioskDatabase';
import type { PersonalVault } from './personalVault';

/**
 * Applications in and out of RxDB: the masked document in `applications`, the sealed personal
 * part in `personal`. Used by submission, by the journal replay after a wiped IndexedDB, and by
 * the push handler (which needs the full document once, for the county).
 */
export class ApplicationStore {
  constructor(
    private readonly db: KioskDatabase,
    private readonly vault: PersonalVault,
  ) {}

  /** Stores a full application (idempotent: existing parts are left as they are). */
  async put(doc: ApplicationDocument): Promise<void> {
    const existingPersonal = await this.db.personal.findOne(doc.id).exec();
    if (!existingPersonal) {
      const sealed = await this.vault.seal(doc.id, personalPartOf(doc));
      await this.db.personal.insert({ id: doc.id, ...sealed, acknowledgedAt: null });
    }
    const existing = await this.db.applications.findOne(doc.id).exec();
    if (!existing) await this.db.applications.insert(maskApplication({ ...doc }) as never);
  }

  /** The full document for the county, or null when retention already deleted the personal part. */
  async full(masked: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    const id = String(masked.id);
    const sealed = await this.db.personal.findOne(id).exec();
    if (!sealed?.data) return null;
    const personal = await this.vault.open<PersonalPart>(id, { iv: sealed.iv, data: sealed.data });
    return { ...masked, ...personal };
  }

  /** Inserts journal entries RxDB lacks (after a wipe, a crash between journal and RxDB, a new profile). */
  async replayJournal(api: Pick<KioskApi, 'request'>): Promise<number> {
    const { documents } = await api.request('queue.journalEntries', {});
    let restored = 0;
    for (const doc of documents) {
      const had =
        (await this.db.applications.findOne(doc.id).exec()) &&
        (await this.db.personal.findOne(doc.id).exec());
      if (!had) {
        await this.put(doc);
        restored++;
      }
    }
    return restored;
  }
}

/**
 * Submits through the host: the receipt may print once this returns `ok: true`, because the host
 * has fsync'd the journal. The RxDB write that follows is best effort — if it fails (quota, a
 * crash) the journal replays the application at the next start.
 */
export async function submitApplication(
  api: Pick<KioskApi, 'request'>,
  store: ApplicationStore,
  draft: ApplicationDraft,
  onLocalWriteFailed: (error: unknown) => void = () => {},
): Promise<SubmitResult> {
  const result = await api.request('queue.submit', draft);
  if (result.ok) {
    await store.put(result.document).catch(onLocalWriteFailed);
  }
  return result;
}
