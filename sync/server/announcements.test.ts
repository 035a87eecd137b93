import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnouncementDocument } from '../protocol/documents';
import { type Harness, type Kiosk, startHarness } from './testing/gatewayHarness';
import { signInStaff, staffFetch } from './testing/staffSession';

/** Staff publish 公告; each kiosk pulls only those for the whole county or for its own town. */
describe('announcements from the staff API to the kiosks', () => {
  let h: Harness;
  let lankou: Kiosk;
  let other: Kiosk;
  let cookie = '';
  const staff = (path: string, init: RequestInit = {}, withCookie = cookie) =>
    staffFetch(h.url, path, init, withCookie);
  const publish = (body: unknown, withCookie = cookie) =>
    staff('/v1/staff/announcements', { method: 'POST', body: JSON.stringify(body) }, withCookie);
  const pulled = async (k: Kiosk) =>
    (await k.client.pull<AnnouncementDocument>('announcements', undefined, 100)).documents;

  beforeAll(async () => {
    h = await startHarness('pglite');
    lankou = await h.enroll('441625200001');
    other = await h.enroll('441625100001');
    cookie = await signInStaff(h, {
      username: 'lan',
      displayName: '蓝科员',
      password: 'correct horse 1',
      role: 'clerk',
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('publishes county-wide and town notices; each kiosk pulls what is for its town', async () => {
    const all = await publish({ title: '医保缴费提醒', body: '2027年度城乡居民医保请于12月31日前缴费。' });
    expect(all.status).toBe(201);
    const county = (await all.json()) as AnnouncementDocument;
    expect(county).toMatchObject({ title: '医保缴费提醒', towns: [], expiresAt: null, _deleted: false });
    const town = (await (
      await publish({
        title: '蓝口镇停电通知',
        body: '12月10日上午镇便民服务中心停电。',
        towns: ['441625200'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
    ).json()) as AnnouncementDocument;

    expect((await pulled(lankou)).map((d) => d.id).sort()).toEqual([county.id, town.id].sort());
    expect((await pulled(other)).map((d) => d.id)).toEqual([county.id]);
    const listed = (await (await staff('/v1/staff/announcements')).json()) as {
      items: AnnouncementDocument[];
    };
    expect(listed.items.map((i) => i.id)).toContain(town.id);

    expect((await staff(`/v1/staff/announcements/${town.id}/withdraw`, { method: 'POST' })).status).toBe(200);
    const after = await pulled(lankou);
    expect(after.find((d) => d.id === town.id)?._deleted).toBe(true);
    expect((await staff('/v1/staff/announcements/nope/withdraw', { method: 'POST' })).status).toBe(404);
  });

  it('refuses anonymous callers and bad notices', async () => {
    expect((await publish({ title: 'x' }, '')).status).toBe(401);
    expect((await staff('/v1/staff/announcements', {}, '')).status).toBe(401);
    for (const bad of [
      { title: '' },
      { title: '   ' },
      { title: '好'.repeat(101) },
      { title: '通知', towns: ['4416'] },
      { title: '通知', expiresAt: '2020-01-01T00:00:00Z' },
      { title: '通知', expiresAt: 'tomorrow' },
      { title: '通知', publishedAt: '2020-01-01T00:00:00Z' },
      'garbage',
    ])
      expect((await publish(bad)).status, JSON.stringify(bad)).toBe(400);
    expect((await publish({ title: '通知', body: '长'.repeat(20_000) })).status).toBe(413);
  });
});
