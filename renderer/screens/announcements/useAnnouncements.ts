import { useEffect, useMemo, useState } from 'react';
import type { KioskApi } from '../../../contract/kioskApi';
import type { AnnouncementDocument } from '../../../sync/protocol/documents';
import { createAnnouncementFeed, currentAnnouncements } from './announcementFeed';

/** The announcements to show now; re-checked every minute so an expired one leaves by itself. */
export function useAnnouncements(api: KioskApi, town: string | null): AnnouncementDocument[] {
  const feed = useMemo(() => createAnnouncementFeed(api), [api]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const off = feed.subscribe(() => setVersion((v) => v + 1));
    const tick = setInterval(() => setVersion((v) => v + 1), 60_000);
    return () => {
      off();
      clearInterval(tick);
      feed.stop();
    };
  }, [feed]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the re-render signal
  return useMemo(() => currentAnnouncements(feed.all(), new Date(), town), [feed, town, version]);
}
