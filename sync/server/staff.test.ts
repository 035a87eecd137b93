import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDocument } from '../protocol/documents';
import { newUuidV7 } from '../protocol/ids';
import type { ForwardingAdapter } from './forwarding';
import { createStaff, MAX_FAILED_ATTEMPTS } from './staffAuth';
import { DB_MODES, type Harness, type Kiosk, makeApplication, startHarness } from './testing/gatewayHarness';

describe.each(DB_MODES)('staff API on %s', (mode) => {
  let h: Harness;
  let k: Kiosk;
  let cookie = '';
  const forwarded: string[] = [];
  const forwarding: ForwardingAdapter = {
    name: 'recording',
    forward: async (app: ApplicationDocument) => {
      forwarded.push(app.trackingNumber);
      return { externalRef: `P-${app.trackingNumber}` };
    },
  };

  const staff = async (path: string, init: RequestInit = {}, withCookie = cookie) => {
    const headers = new Headers(init.headers);
    if (withCookie) headers.set('cookie', withCookie);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`${h.url}${path}`, { ...init, headers });
  };
  const login = (username: string, password: string) =>
    staff('/v1/staff/login', { method: 'POST', body: JSON.stringify({ username, password }) }, '');

  beforeAll(async () => {
    h = await startHarness(mode, { forwarding, rateLimitPerMinute: 60 });
    k = await h.enroll('441625200001');
    await createStaff(h.db, {
      username: 'lan',
      displayName: '蓝科员',
      password: 'correct horse 1',
      role: 'admin',
    });
    await createStaff(h.db, {
      username: 'victim',
      displayName: 'V',
      password: 'right-password',
      role: 'clerk',
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('signs in with a session cookie, sets security headers, and refuses anonymous calls', async () => {
    expect((await staff('/v1/staff/applications', {}, '')).status).toBe(401);
    expect((await login('lan', 'wrong')).status).toBe(401);
    const res = await login('lan', 'correct horse 1');
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    cookie = setCookie.split(';')[0]!;
    const me = await staff('/v1/staff/me');
    expect(((await me.json()) as { username: string }).username).toBe('lan');
    expect(me.headers.get('x-content-type-options')).toBe('nosniff');
    expect(me.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('locks an account after repeated wrong passwords', async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
      expect((await login('victim', `nope${i}`)).status).toBe(401);
    const locked = await login('victim', 'right-password');
    expect(locked.status).toBe(423);
    expect(((await locked.json()) as { messageZh: string }).messageZh).toContain('分钟');
  });

  it('lists, shows and acts on applications; actions sync back to the kiosk and are audited', async () => {
    const doc = makeApplication(k);
    await k.client.push('applications', [{ newDocumentState: doc }]);
    const list = (await (await staff('/v1/staff/applications?status=received&town=441625200')).json()) as {
      items: Array<Record<string, unknown>>;
    };
    const row = list.items.find((i) => i.id === doc.id)!;
    expect(row.applicantMasked).toBe('蓝**');
    expect(JSON.stringify(list)).not.toContain('11010519491231002X');
    const search = (await (await staff(`/v1/staff/applications?q=${doc.trackingNumber}`)).json()) as {
      items: unknown[];
    };
    expect(search.items).toHaveLength(1);
    const detail = (await (await staff(`/v1/staff/applications/${doc.id}`)).json()) as {
      application: { applicant: { idNumber: string } };
    };
    expect(detail.application.applicant.idNumber).toBe('11010519491231002X');

    const act = (action: string, note = '') =>
      staff(`/v1/staff/applications/${doc.id}/actions`, {
        method: 'POST',
        body: JSON.stringify({ action, note }),
      });
    expect((await act('complete')).status).toBe(409); // not accepted yet
    expect((await act('requestCorrection')).status).toBe(400); // needs a note
    expect((await act('requestCorrection', '请补充户口簿本人页')).status).toBe(200);
    expect((await act('accept')).status).toBe(200);
    expect(forwarded).toContain(doc.trackingNumber);
    expect((await act('complete', '津贴已核定')).status).toBe(200);
    expect((await act('bogus')).status).toBe(400);

    const pulled = await k.client.pull<Record<string, unknown>>('applications', undefined, 500);
    const mine = pulled.documents.find((d) => d.id === doc.id)!;
    expect(mine.status).toBe('completed');
    expect((mine.history as Array<{ status: string }>).map((x) => x.status)).toEqual([
      'received',
      'correctionRequired',
      'accepted',
      'completed',
    ]);
    const audit = (await (await staff('/v1/staff/audit')).json()) as { items: Array<{ action: string }> };
    const actions = audit.items.map((i) => i.action);
    for (const a of [
      'application.requestCorrection',
      'application.accept',
      'application.forwarded',
      'application.complete',
      'application.view',
      'login',
    ]) {
      expect(actions).toContain(a);
    }
  });

  it('creates enrollment codes, lists devices with heartbeats, and revokes a device', async () => {
    const created = await staff('/v1/staff/enrollment-codes', {
      method: 'POST',
      body: JSON.stringify({ division: '441625200009', siteName: '日光村' }),
    });
    const code = (await created.json()) as { display: string; qrPayload: string };
    expect(code.display).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code.qrPayload).toContain(code.display);
    expect(
      (
        await staff('/v1/staff/enrollment-codes', {
          method: 'POST',
          body: JSON.stringify({ division: '4416' }),
        })
      ).status,
    ).toBe(400);
    await k.client.heartbeat({
      appVersion: '0.1.0',
      uptimeSeconds: 120,
      queue: { documents: 2, files: 1, bytesPending: 150_000 },
      devices: { printer: { state: 'fault', detail: 'paper out' }, idCard: { state: 'ok' } },
      disk: { freeBytes: 1e10, totalBytes: 6e10 },
      lastSyncAt: new Date().toISOString(),
    });
    const devices = (await (await staff('/v1/staff/devices')).json()) as {
      items: Array<{ id: string; lastHeartbeat: { queue: { documents: number } } }>;
    };
    const me = devices.items.find((d) => d.id === k.enrollment.deviceId)!;
    expect(me.lastHeartbeat.queue.documents).toBe(2);
    const victim = await h.enroll('441625200001');
    expect(
      (await staff(`/v1/staff/devices/${victim.enrollment.deviceId}/revoke`, { method: 'POST' })).status,
    ).toBe(200);
    await expect(victim.client.pull('services', undefined, 1)).rejects.toMatchObject({ status: 403 });
  });

  it('publishes a new service version that kiosks pull and validate against', async () => {
    const services = (await (await staff('/v1/staff/services')).json()) as {
      items: Array<Record<string, unknown>>;
    };
    const s06 = services.items.find((s) => s.id === 'S06-gaoling-jintie')!;
    const before = await k.client.pull('services', undefined, 100);
    const published = await staff('/v1/staff/services', {
      method: 'POST',
      body: JSON.stringify({ ...s06, summary: '更新说明' }),
    });
    expect(((await published.json()) as { version: number }).version).toBe(2);
    const after = await k.client.pull<Record<string, unknown>>('services', before.checkpoint, 100);
    expect(after.documents).toHaveLength(1);
    expect(after.documents[0]!.version).toBe(2);
    // An application filled against v2 is accepted; v3 does not exist.
    const ok = await k.client.push('applications', [
      { newDocumentState: makeApplication(k, { serviceVersion: 2 }) },
    ]);
    expect(ok).toEqual([]);
    const [bad] = await k.client.push<Record<string, unknown>>('applications', [
      { newDocumentState: makeApplication(k, { serviceVersion: 3 }) },
    ]);
    expect(bad!.status).toBe('rejected');
    expect(
      (await staff('/v1/staff/services', { method: 'POST', body: JSON.stringify({ id: 'x' }) })).status,
    ).toBe(400);
  });

  it('collects ratings, requires a reason for 差评, and lists 差评 for follow-up', async () => {
    const rating = (level: number, reasonTags: string[]) => ({
      id: newUuidV7(),
      siteDivision: k.enrollment.site.division,
      deviceId: k.enrollment.deviceId,
      applicationId: null,
      serviceId: 'S06-gaoling-jintie',
      level,
      reasonTags,
      comment: null,
      templateVersion: 'GBT39734-2020.1',
      createdAt: new Date().toISOString(),
      followUp: null,
      _deleted: false,
    });
    const conflicts = await k.client.push<Record<string, unknown>>('ratings', [
      { newDocumentState: rating(5, []) },
      { newDocumentState: rating(1, ['等候时间长']) },
      { newDocumentState: rating(2, []) },
    ]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.rejectionReason).toMatch(/^reasonRequired/);
    const stats = (await (await staff('/v1/staff/ratings/stats')).json()) as {
      byLevel: Array<{ level: number; n: number }>;
      badReviews: Array<{ reasonTags: string[] }>;
    };
    expect(stats.byLevel.find((l) => l.level === 5)!.n).toBe(1);
    expect(stats.badReviews.some((r) => r.reasonTags.includes('等候时间长'))).toBe(true);
  });

  it('rate-limits per device, not per address', async () => {
    const noisy = await h.enroll('441625200001');
    const statuses = await Promise.all(
      Array.from({ length: 70 }, () =>
        noisy.client.request('/v1/sync/services/pull?limit=1').then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(60);
    // Another kiosk behind the same address is unaffected.
    const quiet = await h.enroll('441625200001');
    expect((await quiet.client.pull('services', undefined, 1)).documents).toHaveLength(1);
  });

  it('signs out', async () => {
    expect((await staff('/v1/staff/logout', { method: 'POST' })).status).toBe(200);
    expect((await staff('/v1/staff/me')).status).toBe(401);
  });
});
