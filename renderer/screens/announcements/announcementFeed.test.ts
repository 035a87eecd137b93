import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract/define';
import type { KioskApi } from '../../../contract/kioskApi';
import type { AnnouncementDocument } from '../../../sync/protocol/documents';
import { createAnnouncementFeed, currentAnnouncements } from './announcementFeed';

const now = new Date('2026-12-04T08:00:00Z');
const notice = (over: Partial<AnnouncementDocument>): AnnouncementDocument => ({
  id: 'a1',
  title: '医保缴费提醒',
  body: '请于12月31日前缴费。',
  publishedAt: '2026-12-01T00:00:00.000Z',
  expiresAt: null,
  towns: [],
  _deleted: false,
  ...over,
});

describe('which announcements the attract screen shows', () => {
  it('current, not expired, not withdrawn, for the county or this town; newest first', () => {
    const docs = [
      notice({ id: 'county' }),
      notice({ id: 'newer', publishedAt: '2026-12-03T00:00:00.000Z' }),
      notice({ id: 'mine', towns: ['441625200'] }),
      notice({ id: 'elsewhere', towns: ['441625100'] }),
      notice({ id: 'expired', expiresAt: '2026-12-04T07:59:59.000Z' }),
      notice({ id: 'future', publishedAt: '2026-12-05T00:00:00.000Z' }),
      notice({ id: 'withdrawn', _deleted: true }),
    ];
    expect(currentAnnouncements(docs, now, '441625200').map((d) => d.id)).toEqual([
      'newer',
      'county',
      'mine',
    ]);
    // A kiosk that does not know its town shows only county-wide notices.
    expect(currentAnnouncements(docs, now, null).map((d) => d.id)).toEqual(['newer', 'county']);
  });
});

/** A host answering queue.pull from a list, and emitting queue.countyChanged on demand. */
function host(pages: () => unknown[] | Error) {
  const listeners = new Set<(p: unknown) => void>();
  const asked: unknown[] = [];
  let seq = 0;
  const api = {
    async request(name: string, input: { seq: number }) {
      asked.push(input);
      if (name !== 'queue.pull') throw new Error(name);
      const docs = pages();
      if (docs instanceof Error) throw docs;
      seq += docs.length;
      return { documents: docs, checkpoint: { seq } };
    },
    subscribe(_name: string, l: (p: unknown) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as KioskApi;
  return {
    api,
    asked,
    change: (collection: string) => {
      for (const l of listeners) l({ collection });
    },
  };
}

describe('the announcement feed', () => {
  it('pulls through the host, drops malformed notices, and replaces a withdrawn one', async () => {
    let answer: unknown[] = [notice({ id: 'a1' }), { id: 'bad', title: '' }, 'garbage'];
    const h = host(() => answer);
    const feed = createAnnouncementFeed(h.api, 60_000);
    await feed.refresh();
    expect(feed.all().map((d) => d.id)).toEqual(['a1']);
    answer = [notice({ id: 'a1', _deleted: true })];
    let told = 0;
    feed.subscribe(() => told++);
    h.change('announcements');
    await feed.refresh();
    expect(told).toBeGreaterThan(0);
    expect(currentAnnouncements(feed.all(), now, null)).toEqual([]);
    // The second pull started from the first one's checkpoint.
    expect(h.asked.at(-1)).toMatchObject({ seq: 3 });
    feed.stop();
  });

  it('offline keeps what it has and says nothing', async () => {
    let offline = false;
    const h = host(() => (offline ? new ContractError('unavailable', 'county unreachable') : [notice({})]));
    const feed = createAnnouncementFeed(h.api, 60_000);
    await feed.refresh();
    offline = true;
    await expect(feed.refresh()).resolves.toBeUndefined();
    expect(feed.all()).toHaveLength(1);
    feed.stop();
  });
});
