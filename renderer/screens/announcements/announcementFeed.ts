import type { KioskApi } from '../../../contract/kioskApi';
import { type AnnouncementDocument, announcementDocument } from '../../../sync/protocol/documents';

/**
 * County announcements for the attract screen. They arrive through the host's county proxy
 * (`queue.pull` on the `announcements` collection, scoped to this kiosk's town by the county)
 * and are refreshed when the county says the collection changed. Kept in memory: a kiosk that
 * restarts offline shows none until the link is back, which is better than an expired notice.
 */
export const ANNOUNCEMENTS_SHOWN = 3;
const PAGE = 100;

/** Shown now: published, not expired, not withdrawn, for the whole county or this town. Newest first. */
export function currentAnnouncements(
  docs: Iterable<AnnouncementDocument>,
  now: Date,
  town: string | null,
): AnnouncementDocument[] {
  const at = now.getTime();
  return [...docs]
    .filter(
      (d) =>
        !d._deleted &&
        Date.parse(d.publishedAt) <= at &&
        (d.expiresAt === null || Date.parse(d.expiresAt) > at) &&
        (d.towns.length === 0 || (town !== null && d.towns.includes(town))),
    )
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id));
}

export interface AnnouncementFeed {
  /** Everything known (withdrawn ones included, so a withdrawal replaces the notice). */
  all(): AnnouncementDocument[];
  subscribe(listener: () => void): () => void;
  /** Pulls what changed since the last checkpoint; offline is not an error (keeps what it has). */
  refresh(): Promise<void>;
  stop(): void;
}

export function createAnnouncementFeed(api: KioskApi, refreshEveryMs = 5 * 60_000): AnnouncementFeed {
  const known = new Map<string, AnnouncementDocument>();
  const listeners = new Set<() => void>();
  let seq = 0;
  let running: Promise<void> | null = null;
  let stopped = false;

  const pullAll = async () => {
    let changed = false;
    for (let page = 0; page < 20 && !stopped; page++) {
      const res = await api.request('queue.pull', { collection: 'announcements', seq, limit: PAGE });
      for (const raw of res.documents) {
        // Validated here, on the receiving side: a malformed notice is left out, never shown.
        const parsed = announcementDocument.safeParse(raw);
        if (!parsed.success) continue;
        known.set(parsed.data.id, parsed.data);
        changed = true;
      }
      seq = res.checkpoint.seq;
      if (res.documents.length < PAGE) break;
    }
    if (changed) for (const l of listeners) l();
  };
  const refresh = () => {
    running ??= pullAll()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
    return running;
  };
  const offChange = api.subscribe('queue.countyChanged', ({ collection }) => {
    if (collection === 'announcements' || collection === '*') void refresh();
  });
  const timer = setInterval(() => void refresh(), refreshEveryMs);
  void refresh();

  return {
    all: () => [...known.values()],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    stop() {
      stopped = true;
      offChange();
      clearInterval(timer);
    },
  };
}
