import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayRequestError } from '../client/gatewayClient';
import { readSse } from '../client/sseReader';
import { DB_MODES, type Harness, type Kiosk, makeApplication, startHarness } from './testing/gatewayHarness';

describe.each(DB_MODES)('replication on %s', (mode) => {
  let h: Harness;
  let a: Kiosk;
  let a2: Kiosk;
  let b: Kiosk;

  beforeAll(async () => {
    h = await startHarness(mode, { rateLimitPerMinute: 5000 });
    a = await h.enroll('441625200001');
    a2 = await h.enroll('441625200001');
    b = await h.enroll('441625100002', '仙塘镇某村');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('runs migrations once (a second run applies nothing)', async () => {
    const { migrate } = await import('./migrations');
    expect(await migrate(h.db)).toEqual([]);
    const v = await h.db.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(v.rows.map((r) => r.version)).toEqual([1]);
  });

  it('enrols kiosks with distinct site codes and serves the catalogue and settings', async () => {
    expect(a.enrollment.site.siteCode).toBe('44162520000101');
    expect(a2.enrollment.site.siteCode).toBe('44162520000102');
    const services = await a.client.pull('services', undefined, 100);
    expect(services.documents.map((d) => d.id)).toContain('S06-gaoling-jintie');
    expect(services.documents.length).toBeGreaterThanOrEqual(8);
    const settings = await a.client.pull('settings', undefined, 10);
    expect(settings.documents).toHaveLength(1);
    expect(settings.documents[0]!.id).toBe(a.enrollment.deviceId);
    // Pulling from the returned checkpoint gives nothing new.
    const again = await a.client.pull('services', services.checkpoint, 100);
    expect(again.documents).toEqual([]);
    expect(again.checkpoint).toEqual(services.checkpoint);
  });

  it('stores a pushed application, sets county fields, and a lost-response retry writes nothing twice', async () => {
    const doc = makeApplication(a);
    expect(
      await a.client.push('applications', [{ assumedMasterState: null, newDocumentState: doc }]),
    ).toEqual([]);
    const pulled = await a2.client.pull<Record<string, unknown>>('applications', undefined, 100);
    const master = pulled.documents.find((d) => d.id === doc.id)!;
    expect(master.status).toBe('received');
    expect(master.applicant).toEqual(doc.applicant);
    // The response was "lost": RxDB sends the same row again.
    const retry = await a.client.push('applications', [{ assumedMasterState: null, newDocumentState: doc }]);
    expect(retry).toEqual([master]);
    const count = await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM documents WHERE collection = 'applications' AND id = $1",
      [doc.id],
    );
    expect(count.rows[0]!.n).toBe(1);
    // With the master as assumed state and nothing changed: no write, no conflict.
    const seqBefore = await h.db.query<{ seq: string }>('SELECT seq::text FROM documents WHERE id = $1', [
      doc.id,
    ]);
    expect(
      await a.client.push('applications', [{ assumedMasterState: master, newDocumentState: master }]),
    ).toEqual([]);
    const seqAfter = await h.db.query<{ seq: string }>('SELECT seq::text FROM documents WHERE id = $1', [
      doc.id,
    ]);
    expect(seqAfter.rows[0]!.seq).toBe(seqBefore.rows[0]!.seq);
  });

  it('answers an attempt to change submitted content or status with the unchanged master', async () => {
    const doc = makeApplication(a);
    await a.client.push('applications', [{ assumedMasterState: null, newDocumentState: doc }]);
    const master = (
      await a.client.pull<Record<string, unknown>>('applications', undefined, 500)
    ).documents.find((d) => d.id === doc.id)!;
    const tampered = { ...master, applicant: { ...(master.applicant as object), name: '别人' } };
    expect(
      await a.client.push('applications', [{ assumedMasterState: master, newDocumentState: tampered }]),
    ).toEqual([master]);
    const promoted = { ...master, status: 'completed' };
    expect(
      await a.client.push('applications', [{ assumedMasterState: master, newDocumentState: promoted }]),
    ).toEqual([master]);
  });

  it('returns invalid content as data (rejected with a reason), never as a 4xx', async () => {
    const badForm = makeApplication(a, { formValues: { name: '蓝阿婆' } });
    const badId = makeApplication(a, { applicant: { name: '某人', idNumber: '110105194912310021' } });
    const unknownService = makeApplication(a, { serviceId: 'S99-nothing' });
    const garbage = { id: 'not-a-uuid', siteDivision: a.enrollment.site.division, hello: 'world' };
    const conflicts = await a.client.push<Record<string, unknown>>('applications', [
      { newDocumentState: badForm },
      { newDocumentState: badId },
      { newDocumentState: unknownService },
      { newDocumentState: garbage },
    ]);
    expect(conflicts).toHaveLength(4);
    for (const c of conflicts) expect(c.status).toBe('rejected');
    expect(conflicts[0]!.rejectionReason).toMatch(/^invalidForm: .*gender:required/);
    expect(conflicts[1]!.rejectionReason).toMatch(/^invalidIdNumber/);
    expect(conflicts[2]!.rejectionReason).toMatch(/^unknownService/);
    expect(conflicts[3]!.rejectionReason).toMatch(/^invalid: /);
    // Retrying a rejected document returns the same rejection (stable, no duplicates).
    const again = await a.client.push<Record<string, unknown>>('applications', [
      { newDocumentState: badForm },
    ]);
    expect(again).toEqual([conflicts[0]]);
  });

  it('scopes pulls to the site and refuses cross-site writes with 403', async () => {
    const mine = makeApplication(a);
    await a.client.push('applications', [{ newDocumentState: mine }]);
    const seenByB = await b.client.pull('applications', undefined, 500);
    expect(seenByB.documents.find((d) => d.id === mine.id)).toBeUndefined();
    const seenByA2 = await a2.client.pull('applications', undefined, 500);
    expect(seenByA2.documents.find((d) => d.id === mine.id)).toBeDefined();
    // B reuses A's document id: 403, and A's master is not revealed.
    const hijack = makeApplication(b, { id: mine.id as string });
    await expect(b.client.push('applications', [{ newDocumentState: hijack }])).rejects.toMatchObject({
      status: 403,
      code: 'cross_site',
    });
    // B claims A's site in a new document.
    const forged = makeApplication(b, { siteDivision: a.enrollment.site.division });
    await expect(b.client.push('applications', [{ newDocumentState: forged }])).rejects.toMatchObject({
      status: 403,
    });
    // Clerks of B's town only; B sees no settings of A.
    const settings = await b.client.pull('settings', undefined, 10);
    expect(settings.documents.map((d) => d.id)).toEqual([b.enrollment.deviceId]);
  });

  it('rejects pushes to county-owned collections and malformed requests with clear 4xx', async () => {
    await expect(
      a.client.push('services', [{ newDocumentState: { id: 'S06-gaoling-jintie' } }]),
    ).rejects.toMatchObject({ status: 403 });
    const raw = (path: string, init?: RequestInit) => a.client.request(path, init);
    const json = { 'content-type': 'application/json' };
    expect(
      (await raw('/v1/sync/applications/push', { method: 'POST', headers: json, body: '{"broken' })).status,
    ).toBe(400);
    expect(
      (await raw('/v1/sync/applications/push', { method: 'POST', headers: json, body: '{"a":1}' })).status,
    ).toBe(400);
    expect(
      (await raw('/v1/sync/applications/push', { method: 'POST', headers: json, body: '[]' })).status,
    ).toBe(400);
    const huge = JSON.stringify([{ newDocumentState: { id: 'x', pad: 'x'.repeat(1_100_000) } }]);
    expect(
      (await raw('/v1/sync/applications/push', { method: 'POST', headers: json, body: huge })).status,
    ).toBe(413);
    expect((await raw('/v1/sync/nothing/pull')).status).toBe(400);
    expect((await raw('/v1/sync/applications/pull?seq=-1')).status).toBe(400);
    expect((await raw('/v1/sync/applications/pull?limit=100000')).status).toBe(400);
    const body = (await (await raw('/v1/sync/applications/pull?seq=abc')).json()) as Record<string, string>;
    expect(body.error).toBe('bad_query');
    expect(body.messageZh).toBeTruthy();
  });

  it('refuses missing, forged, expired, replayed and wrong-audience tokens, and revoked devices', async () => {
    const url = `${h.url}/v1/sync/services/pull`;
    const call = (token?: string) =>
      fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await call()).status).toBe(401);
    expect((await call('not.a.jwt')).status).toBe(401);
    const id = a.enrollment.deviceId;
    const now = Math.floor(Date.now() / 1000);
    const sign = async (key: CryptoKey, claims: { iat: number; exp: number; aud?: string }) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: id })
        .setIssuer(id)
        .setSubject(id)
        .setAudience(claims.aud ?? a.enrollment.audience)
        .setIssuedAt(claims.iat)
        .setExpirationTime(claims.exp)
        .setJti(crypto.randomUUID())
        .sign(key);
    const intruder = await generateKeyPair('ES256');
    const forged = await call(await sign(intruder.privateKey, { iat: now, exp: now + 60 }));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: string }).error).toBe('bad_signature');
    // Expired and over-long tokens, signed with the real key.
    const { importJWK } = await import('jose');
    const realKey = (await importJWK(
      (a.signer as unknown as { material: { privateJwk: never } }).material.privateJwk,
      'ES256',
    )) as CryptoKey;
    const expired = await call(await sign(realKey, { iat: now - 600, exp: now - 400 }));
    expect(expired.status).toBe(401);
    const tooLong = await call(await sign(realKey, { iat: now, exp: now + 3600 }));
    expect(tooLong.status).toBe(401);
    expect((await call(await sign(realKey, { iat: now, exp: now + 60, aud: 'someone-else' }))).status).toBe(
      401,
    );
    const once = await sign(realKey, { iat: now, exp: now + 60 });
    expect((await call(once)).status).toBe(200);
    const replay = await call(once);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: string }).error).toBe('token_replayed');
    // Revocation takes effect on the very next request.
    const victim = await h.enroll('441625200001');
    expect((await victim.client.pull('services', undefined, 1)).documents).toHaveLength(1);
    await h.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [victim.enrollment.deviceId]);
    await expect(victim.client.pull('services', undefined, 1)).rejects.toMatchObject({
      status: 403,
      code: 'device_revoked',
    });
  });

  it('corrects a drifted kiosk clock from the Date header and retries once', async () => {
    a.signer.clockOffsetMs = -3600_000;
    const page = await a.client.pull('services', undefined, 1);
    expect(page.documents).toHaveLength(1);
    expect(Math.abs(a.signer.clockOffsetMs)).toBeLessThan(5000);
  });

  it('streams RESYNC on connect and when another kiosk of the site pushes', async () => {
    const ctrl = new AbortController();
    const res = await fetch(await a2.client.streamUrl(), { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = readSse(res.body!);
    expect(JSON.parse((await events.next()).value!)).toEqual({ collection: '*', message: 'RESYNC' });
    // Another site's push must not wake this kiosk; its own site's must.
    await b.client.push('applications', [{ newDocumentState: makeApplication(b) }]);
    await a.client.push('applications', [{ newDocumentState: makeApplication(a) }]);
    expect(JSON.parse((await events.next()).value!)).toEqual({
      collection: 'applications',
      message: 'RESYNC',
    });
    ctrl.abort();
    await events.return(undefined);
  });

  it('refuses enrollment codes that are replayed, expired, unknown, or requests with a private key', async () => {
    const { createEnrollmentCode } = await import('./enrollmentService');
    const { createDeviceKey, enrollDevice } = await import('../client/index');
    const key = await createDeviceKey();
    const code = await createEnrollmentCode(
      h.db,
      { division: '441625200003', siteName: 'x', bundle: 'default', createdBy: 't' },
      h.url,
    );
    const req = {
      code: code.display,
      alg: 'ES256' as const,
      publicKey: key.publicJwk as never,
      appVersion: '1',
    };
    await enrollDevice(h.url, req);
    await expect(enrollDevice(h.url, req)).rejects.toMatchObject({ status: 409, code: 'code_used' });
    const old = await createEnrollmentCode(
      h.db,
      { division: '441625200003', siteName: 'x', bundle: 'default', createdBy: 't', ttlMinutes: 1 },
      h.url,
    );
    await h.db.query(
      "UPDATE enrollment_codes SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL",
    );
    await expect(enrollDevice(h.url, { ...req, code: old.display })).rejects.toMatchObject({ status: 410 });
    await expect(enrollDevice(h.url, { ...req, code: 'ZZZZ-ZZZZ-ZZZZ' })).rejects.toMatchObject({
      status: 404,
    });
    const leaky = await fetch(`${h.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...req, publicKey: key.privateJwk }),
    });
    expect(leaky.status).toBe(400);
    const err = await enrollDevice(h.url, { ...req, code: 'short' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayRequestError);
    expect((err as GatewayRequestError).status).toBe(400);
  });
});
