import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUuidV7 } from '../protocol/ids';
import { createStaff } from './staffAuth';
import { DB_MODES, type Harness, type Kiosk, makeApplication, startHarness } from './testing/gatewayHarness';

const meta = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

describe.each(DB_MODES)('tus files on %s', (mode) => {
  let h: Harness;
  let a: Kiosk;
  let b: Kiosk;
  beforeAll(async () => {
    h = await startHarness(mode, { maxFileBytes: 64 * 1024 });
    a = await h.enroll('441625200001');
    b = await h.enroll('441625100002');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  async function create(k: Kiosk, bytes: Buffer, m: Record<string, string>) {
    return k.client.request('/v1/files', {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': meta(m),
      },
    });
  }
  async function patch(k: Kiosk, location: string, offset: number, chunk: Buffer) {
    return k.client.request(location, {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(chunk),
    });
  }

  it('accepts a page in two chunks, verifies its SHA-256 and marks the application complete', async () => {
    const page = randomBytes(40_000);
    const sha256 = createHash('sha256').update(page).digest('hex');
    const doc = makeApplication(a, {
      materials: [
        {
          materialId: 'idCard',
          sha256,
          size: page.length,
          contentType: 'image/jpeg',
          credibility: 'scanned',
          originalCheck: null,
        },
      ],
    });
    await a.client.push('applications', [{ newDocumentState: doc }]);
    const created = await create(a, page, {
      sha256,
      applicationId: doc.id as string,
      contentType: 'image/jpeg',
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/v1\/files\/[0-9a-f]{32}$/);
    expect((await patch(a, location, 0, page.subarray(0, 15_000))).status).toBe(204);
    // Resume: HEAD tells where to continue.
    const head = await a.client.request(location, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
    expect(head.headers.get('upload-offset')).toBe('15000');
    expect((await patch(a, location, 15_000, page.subarray(15_000))).status).toBe(204);
    expect((await a.client.fileStatus(sha256, doc.id as string)).state).toBe('verified');
    // Staff see the page in the console, byte for byte.
    await createStaff(h.db, { username: 'viewer', displayName: 'V', password: 'pw-123456', role: 'clerk' });
    const login = await fetch(`${h.url}/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: 'pw-123456' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const fileId = location.split('/').pop()!;
    const shown = await fetch(`${h.url}/v1/staff/files/${fileId}`, { headers: { cookie } });
    expect(shown.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await shown.arrayBuffer()).equals(page)).toBe(true);
    expect((await fetch(`${h.url}/v1/staff/files/${fileId}`)).status).toBe(401);
    expect(
      (await fetch(`${h.url}/v1/staff/files/..%2F..%2Fetc%2Fpasswd`, { headers: { cookie } })).status,
    ).toBe(404);
    const pulled = await a.client.pull<Record<string, unknown>>('applications', undefined, 500);
    expect(pulled.documents.find((d) => d.id === doc.id)!.filesComplete).toBe(true);
  });

  it('works with tus-js-client', async () => {
    const page = randomBytes(20_000);
    const sha256 = createHash('sha256').update(page).digest('hex');
    const applicationId = newUuidV7();
    await new Promise<void>((resolve, reject) => {
      const upload = new tus.Upload(page, {
        endpoint: `${h.url}/v1/files`,
        chunkSize: 8000,
        metadata: { sha256, applicationId, contentType: 'application/pdf' },
        retryDelays: [],
        onBeforeRequest: async (req) => {
          req.setHeader('authorization', `Bearer ${await a.signer.token()}`);
        },
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });
    expect((await a.client.fileStatus(sha256, applicationId)).state).toBe('verified');
  });

  it('refuses a page whose bytes do not match the declared hash (tus 460)', async () => {
    const page = randomBytes(1000);
    const wrong = createHash('sha256').update('something else').digest('hex');
    const applicationId = newUuidV7();
    const created = await create(a, page, { sha256: wrong, applicationId, contentType: 'image/png' });
    const res = await patch(a, created.headers.get('location')!, 0, page);
    expect(res.status).toBe(460);
    expect((await a.client.fileStatus(wrong, applicationId)).state).toBe('mismatch');
  });

  it('refuses bad metadata, disallowed types, oversized files, and missing auth', async () => {
    const page = randomBytes(100);
    const sha256 = createHash('sha256').update(page).digest('hex');
    const applicationId = newUuidV7();
    expect((await create(a, page, { sha256, applicationId, contentType: 'text/html' })).status).toBe(415);
    expect((await create(a, page, { sha256: 'abc', applicationId, contentType: 'image/png' })).status).toBe(
      400,
    );
    expect(
      (await create(a, randomBytes(70 * 1024), { sha256, applicationId, contentType: 'image/png' })).status,
    ).toBe(413);
    const anon = await fetch(`${h.url}/v1/files`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' },
    });
    expect(anon.status).toBe(401);
  });

  it('never maps client paths to files and keeps uploads per site', async () => {
    const page = randomBytes(500);
    const sha256 = createHash('sha256').update(page).digest('hex');
    const created = await create(a, page, { sha256, applicationId: newUuidV7(), contentType: 'image/png' });
    const location = created.headers.get('location')!;
    // Another site's kiosk cannot resume or probe A's upload.
    const probe = await b.client.request(location, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
    expect(probe.status).toBe(403);
    expect((await patch(b, location, 0, page)).status).toBe(403);
    for (const evil of [
      '/v1/files/../../etc/passwd',
      '/v1/files/..%2F..%2Fetc%2Fpasswd',
      '/v1/files/%2e%2e%2fpackage.json',
      '/v1/files/abc/def',
    ]) {
      const res = await a.client.request(evil, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
      expect([400, 404]).toContain(res.status);
    }
    // B cannot attach a page to an application of A's site.
    const mine = makeApplication(a);
    await a.client.push('applications', [{ newDocumentState: mine }]);
    expect(
      (await create(b, page, { sha256, applicationId: mine.id as string, contentType: 'image/png' })).status,
    ).toBe(403);
    // Only server-made names exist in the store directory.
    for (const name of await readdir(h.filesDir)) expect(name).toMatch(/^[0-9a-f]{32}(\.json)?$/);
  });
});
