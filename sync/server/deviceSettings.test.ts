import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_MODES, type Harness, type Kiosk, startHarness } from './testing/gatewayHarness';
import { signInStaff, staffFetch } from './testing/staffSession';

// The county console's settings route on a real gateway (PGlite, and PostgreSQL when CI has it),
// read back the way the kiosk reads it: a signed pull of its own settings document.
describe.each(DB_MODES)('device settings staff route on %s', (mode) => {
  let h: Harness;
  let k: Kiosk;
  let cookie = '';
  const staff = (path: string, init: RequestInit = {}, withCookie = cookie) =>
    staffFetch(h.url, path, init, withCookie);
  const put = (id: string, body: unknown, withCookie = cookie) =>
    staff(`/v1/staff/devices/${id}/settings`, { method: 'PUT', body: JSON.stringify(body) }, withCookie);

  beforeAll(async () => {
    h = await startHarness(mode);
    k = await h.enroll('441625200001');
    cookie = await signInStaff(h, {
      username: 'it',
      displayName: '信息员',
      password: 'pass-word-1',
      role: 'admin',
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('sets a power schedule that the kiosk pulls, keeping the other settings', async () => {
    const id = k.enrollment.deviceId;
    const before = (await (await staff(`/v1/staff/devices/${id}/settings`)).json()) as Record<
      string,
      unknown
    >;
    expect(before.powerSchedule).toEqual({ powerOffAt: null, rebootAt: null, days: [1, 2, 3, 4, 5, 6, 7] });
    const schedule = { powerOffAt: '21:30', rebootAt: '04:00', days: [1, 2, 3, 4, 5] };
    const res = await put(id, { powerSchedule: schedule });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as Record<string, unknown>;
    expect(saved.powerSchedule).toEqual(schedule);
    expect(saved.openingHours).toEqual(before.openingHours);
    expect(String(saved.updatedAt) > String(before.updatedAt)).toBe(true);

    const page = await k.client.pull('settings', { seq: 0 }, 50);
    const doc = page.documents.find((d) => (d as { id: string }).id === id) as Record<string, unknown>;
    expect(doc.powerSchedule).toEqual(schedule);

    const audit = (await (await staff('/v1/staff/audit?limit=5')).json()) as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action)).toContain('device.settings');
  });

  it('refuses bad schedules, unknown keys, empty and oversized bodies, strangers and unknown kiosks', async () => {
    const id = k.enrollment.deviceId;
    for (const body of [
      { powerSchedule: { powerOffAt: '25:00', rebootAt: null, days: [1] } },
      { powerSchedule: { powerOffAt: '22:00', rebootAt: '22:00', days: [1] } },
      { powerSchedule: { powerOffAt: '22:00', rebootAt: null, days: [] } },
      { powerSchedule: { powerOffAt: '22:00', rebootAt: null, days: [8] } },
      { powerSchedule: '22:00' },
      { adminPin: '0000' },
      {},
      { idleTimeoutSeconds: 5 },
    ]) {
      const res = await put(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const huge = await put(id, { enabledServices: Array.from({ length: 3000 }, (_, i) => `S${i}`) });
    expect(huge.status).toBe(413);
    expect((await put(id, { idleTimeoutSeconds: 60 }, '')).status).toBe(401);
    expect((await put('dev_nope', { idleTimeoutSeconds: 60 })).status).toBe(404);
    const still = (await (await staff(`/v1/staff/devices/${id}/settings`)).json()) as Record<string, unknown>;
    expect(still.powerSchedule).toMatchObject({ powerOffAt: '21:30' });
  });
});
