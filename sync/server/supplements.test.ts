import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUuidV7 } from '../protocol/ids';
import { createStaff } from './staffAuth';
import { DB_MODES, type Harness, type Kiosk, makeApplication, startHarness } from './testing/gatewayHarness';

/** 补正: a kiosk's supplement is accepted only for its own site's original, and staff see the link. */
describe.each(DB_MODES)('supplements (补正) on %s', (mode) => {
  let h: Harness;
  let k: Kiosk;
  let other: Kiosk;
  let cookie = '';

  const staff = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`${h.url}${path}`, { ...init, headers });
  };
  const push = async (kiosk: Kiosk, doc: Record<string, unknown>) =>
    kiosk.client.push('applications', [{ newDocumentState: doc }]);
  const rejection = (conflicts: Record<string, unknown>[], id: unknown) =>
    conflicts.find((c) => c.id === id)?.rejectionReason as string | undefined;

  beforeAll(async () => {
    h = await startHarness(mode, { rateLimitPerMinute: 120 });
    k = await h.enroll('441625200001');
    other = await h.enroll('441625200002', '上蓝村');
    await createStaff(h.db, {
      username: 'lan',
      displayName: '蓝科员',
      password: 'correct horse 1',
      role: 'admin',
    });
    const res = await fetch(`${h.url}/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lan', password: 'correct horse 1' }),
    });
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('accepts a supplement for a 补正 original and links both ways in the staff detail', async () => {
    const original = makeApplication(k);
    await push(k, original);
    const asked = await staff(`/v1/staff/applications/${original.id}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'requestCorrection', note: '请补充户口簿本人页' }),
    });
    expect(asked.status).toBe(200);
    const supplement = makeApplication(k, { supplementOf: original.id as string });
    expect(await push(k, supplement)).toEqual([]);

    const detail = (await (await staff(`/v1/staff/applications/${original.id}`)).json()) as {
      supplements: Array<{ id: string; trackingNumber: string; status: string }>;
      supplementOf: unknown;
    };
    expect(detail.supplements).toEqual([
      expect.objectContaining({
        id: supplement.id,
        trackingNumber: supplement.trackingNumber,
        status: 'received',
      }),
    ]);
    expect(detail.supplementOf).toBeNull();
    const back = (await (await staff(`/v1/staff/applications/${supplement.id}`)).json()) as {
      supplementOf: { id: string; status: string };
      supplements: unknown[];
    };
    expect(back.supplementOf).toMatchObject({ id: original.id, status: 'correctionRequired' });
    expect(back.supplements).toEqual([]);
    // The links carry no personal data of the applicant.
    expect(JSON.stringify(detail.supplements)).not.toContain('11010519491231002X');
  });

  it('rejects, as data, a supplement whose original is unknown, another site’s, or another person’s', async () => {
    const unknown = makeApplication(k, { supplementOf: newUuidV7() });
    expect(rejection(await push(k, unknown), unknown.id)).toMatch(/^unknownOriginal/);

    // Another site's application exists, but this kiosk must not learn that: same words.
    const theirs = makeApplication(other);
    await push(other, theirs);
    const crossSite = makeApplication(k, { supplementOf: theirs.id as string });
    expect(rejection(await push(k, crossSite), crossSite.id)).toMatch(/^unknownOriginal/);

    const original = makeApplication(k);
    await push(k, original);
    const stranger = makeApplication(k, {
      supplementOf: original.id as string,
      applicant: { name: '蓝阿公', idNumber: '110105194912310046' },
    });
    expect(rejection(await push(k, stranger), stranger.id)).toMatch(/^supplementApplicantMismatch/);

    const ofSupplement = makeApplication(k, { supplementOf: stranger.id as string });
    expect(rejection(await push(k, ofSupplement), ofSupplement.id)).toMatch(/^badOriginal/);
  });

  it('sees an original pushed in the same batch as its supplement', async () => {
    const original = makeApplication(k);
    const supplement = makeApplication(k, { supplementOf: original.id as string });
    const conflicts = await k.client.push('applications', [
      { newDocumentState: original },
      { newDocumentState: supplement },
    ]);
    expect(conflicts).toEqual([]);
  });
});
