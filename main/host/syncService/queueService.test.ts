import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractHost } from '../../../contract/contractHost';
import type { SyncStatus } from '../../../contract/queue';
import { kioskConfigSchema } from '../config/kioskConfig';
import { JOURNAL_FILE } from '../journal/journal';
import { sampleDraft } from '../journal/testing/sampleDraft';
import { FileLog } from '../logging/logger';
import { hostPaths } from '../paths';
import { keyFileDataKey } from '../secure/dataKey';
import { ServiceManager } from '../serviceManager';
import { type Harness, startHarness } from '../../../sync/server/testing/gatewayHarness';
import type { DeviceCredentials } from './deviceCredentials';
import { QueueService, type QueueServiceOptions } from './queueService';
import { enrollForTest } from './testing/enrolledCredentials';

let harness: Harness;
let credentials: DeviceCredentials;
let root: string;

beforeAll(async () => {
  harness = await startHarness('pglite');
  credentials = await enrollForTest(harness.db, harness.url);
  root = await mkdtemp(join(tmpdir(), 'cunban-queue-'));
}, 60_000);
afterAll(async () => {
  await harness?.close();
  await rm(root, { recursive: true, force: true });
});

async function startQueue(name: string, overrides: Partial<QueueServiceOptions> = {}) {
  const paths = hostPaths(join(root, name));
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const log = new FileLog({ dir: paths.logs }).logger('test');
  const contract = new ContractHost();
  const events: SyncStatus[] = [];
  contract.onEvent((e) => {
    if (e.name === 'queue.statusChanged') events.push(e.payload as SyncStatus);
  });
  const service = new QueueService({
    host: { contract, services: new ServiceManager(log), config: kioskConfigSchema.parse({ county: { url: harness.url } }) },
    paths,
    keys: keyFileDataKey(join(paths.keys, 'data.key')),
    log,
    credentials: async () => credentials,
    drain: { idleMs: 200, backoffBaseMs: 100, backoffCapMs: 500 },
    ...overrides,
  });
  await service.start();
  const call = async (req: string, input: unknown = {}) => {
    const res = await contract.dispatch({ kind: 'request', id: 1, name: req, input });
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    return res.output as never;
  };
  return { service, call, events, paths };
}

async function until(check: () => Promise<boolean> | boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function countyApplications(): Promise<Array<{ id: string; body: Record<string, unknown> }>> {
  const r = await harness.db.query<{ id: string; body: Record<string, unknown> }>(
    "SELECT id, body FROM documents WHERE collection = 'applications'",
  );
  return r.rows;
}

describe('queue service', () => {
  it('journals a submission, drains it with its pages, then acknowledges and deletes locally', async () => {
    const { service, call, events, paths } = await startQueue('drain');
    const page = randomBytes(40_000);
    const stored = await service.outbox!.put(page, { kind: 'page', mime: 'image/jpeg' });
    const draft = sampleDraft([
      { materialId: 'hukou', sha256: stored.sha256, size: stored.size, contentType: 'image/jpeg', credibility: 'scanned' },
    ]);
    const result = (await call('queue.submit', draft)) as { ok: true; document: { id: string; trackingNumber: string } };
    expect(result.ok).toBe(true);
    expect(result.document.trackingNumber).toMatch(new RegExp(`^${credentials.siteCode}-\\d{8}-0001$`));
    await until(async () => (await countyApplications()).some((r) => r.id === result.document.id && r.body.filesComplete === true));
    await until(() => service.journal!.pending().length === 0);
    await expect(service.outbox!.get(stored.sha256)).rejects.toMatchObject({ code: 'not-found' });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ online: true, queuedDocuments: 0, queuedFiles: 0, bytesPending: 0, error: null });
    expect(last.lastSuccessAt).not.toBeNull();
    expect(await call('queue.journalEntries')).toEqual({ documents: [] });
    await service.stop();
    // Nothing personal is left in the journal once acknowledged (it was compacted or only holds acks).
    const journalBytes = await readFile(join(paths.journal, JOURNAL_FILE));
    expect(journalBytes.includes(Buffer.from('蓝阿婆'))).toBe(false);
  }, 40_000);

  it('refuses below the free-space threshold before writing anything', async () => {
    const { service, call, paths } = await startQueue('full', {
      statfs: async () => ({ bavail: 10, bsize: 1024 * 1024 }),
    });
    const before = (await stat(join(paths.journal, JOURNAL_FILE))).size;
    const result = (await call('queue.submit', sampleDraft())) as { ok: false; reason: string; messageZh: string };
    expect(result).toMatchObject({ ok: false, reason: 'disk-full' });
    expect(result.messageZh).toContain('存储空间不足');
    expect((await stat(join(paths.journal, JOURNAL_FILE))).size).toBe(before);
    expect(service.journal!.pending()).toHaveLength(0);
    await service.stop();
  });

  it('refuses when the kiosk is not enrolled, and gives the renderer no token', async () => {
    const { service, call } = await startQueue('unenrolled', { credentials: async () => null });
    expect(await call('queue.submit', sampleDraft())).toMatchObject({ ok: false, reason: 'not-enrolled' });
    expect(await call('queue.syncToken')).toBeNull();
    expect(await call('queue.status')).toMatchObject({ error: { code: 'not-enrolled' } });
    await service.stop();
  });

  it('gives the renderer a derived personal key and single-use county tokens', async () => {
    const { service, call } = await startQueue('session');
    const session = (await call('queue.session')) as { personalKey: string; retentionDays: number };
    expect(Buffer.from(session.personalKey, 'base64')).toHaveLength(32);
    const dataKey = await readFile(join(root, 'session', 'keys', 'data.key'));
    expect(Buffer.from(session.personalKey, 'base64').equals(dataKey)).toBe(false);
    expect(session.retentionDays).toBe(30);
    const a = (await call('queue.syncToken')) as { token: string };
    const b = (await call('queue.syncToken')) as { token: string };
    expect(a.token).not.toBe(b.token);
    const res = await fetch(`${harness.url}/v1/sync/services/pull?seq=0&limit=1`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(res.status).toBe(200);
    await service.stop();
  });
});
