import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractHost } from '../../../contract/contractHost';
import type { SyncStatus } from '../../../contract/queue';
import { type Harness, startHarness } from '../../../sync/server/testing/gatewayHarness';
import { kioskConfigSchema } from '../config/kioskConfig';
import { JOURNAL_FILE } from '../journal/journal';
import { sampleDraft } from '../journal/testing/sampleDraft';
import { FileLog } from '../logging/logger';
import { hostPaths } from '../paths';
import { keyFileDataKey } from '../secure/dataKey';
import { ServiceManager } from '../serviceManager';
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
const started: QueueService[] = [];
afterAll(async () => {
  // Open county streams would keep the gateway from closing.
  await Promise.all(started.map((s) => s.stop().catch(() => {})));
  await harness?.close();
  await rm(root, { recursive: true, force: true });
});

async function startQueue(
  name: string,
  overrides: Partial<QueueServiceOptions> = {},
  profile: 'demo' | 'production' = 'demo',
) {
  const paths = hostPaths(join(root, name));
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const log = new FileLog({ dir: paths.logs }).logger('test');
  const contract = new ContractHost();
  const events: SyncStatus[] = [];
  contract.onEvent((e) => {
    if (e.name === 'queue.statusChanged') events.push(e.payload as SyncStatus);
  });
  const service: QueueService = new QueueService({
    host: {
      contract,
      services: new ServiceManager(log),
      config: kioskConfigSchema.parse({ profile, county: { url: harness.url } }),
    },
    paths,
    keys: keyFileDataKey(join(paths.keys, 'data.key')),
    log,
    credentials: async () => credentials,
    drain: { idleMs: 200, backoffBaseMs: 100, backoffCapMs: 500 },
    ...overrides,
  });
  await service.start();
  started.push(service);
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
      {
        materialId: 'hukou',
        sha256: stored.sha256,
        size: stored.size,
        contentType: 'image/jpeg',
        credibility: 'scanned',
      },
    ]);
    const result = (await call('queue.submit', draft)) as {
      ok: true;
      document: { id: string; trackingNumber: string };
    };
    expect(result.ok).toBe(true);
    expect(result.document.trackingNumber).toMatch(new RegExp(`^${credentials.siteCode}-\\d{8}-0001$`));
    await until(async () =>
      (await countyApplications()).some((r) => r.id === result.document.id && r.body.filesComplete === true),
    );
    await until(() => service.journal!.pending().length === 0);
    // The page goes right after the acknowledgement: the county holds a verified copy.
    await until(() =>
      service.outbox!.get(stored.sha256).then(
        () => false,
        (e: { code?: string }) => e.code === 'not-found',
      ),
    );
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      online: true,
      queuedDocuments: 0,
      queuedFiles: 0,
      bytesPending: 0,
      error: null,
    });
    expect(last.lastSuccessAt).not.toBeNull();
    expect(await call('queue.journalEntries')).toEqual({ documents: [] });
    await service.stop();
    // Nothing personal is left in the journal once acknowledged (it was compacted or only holds acks).
    const journalBytes = await readFile(join(paths.journal, JOURNAL_FILE));
    expect(journalBytes.includes(Buffer.from('蓝阿婆'))).toBe(false);
  }, 40_000);

  let lookupCredentials: DeviceCredentials;
  it('finds applications by ID number or tracking number without returning personal data, and delivers ratings', async () => {
    // Its own terminal: tracking numbers are unique per enrolled kiosk, and each test has a new journal.
    lookupCredentials = await enrollForTest(harness.db, harness.url);
    const { service, call } = await startQueue('lookup', {
      credentials: async () => lookupCredentials,
    });
    const result = (await call('queue.submit', sampleDraft())) as {
      ok: true;
      document: { id: string; trackingNumber: string };
    };
    const byTracking = (await call('queue.lookupApplications', {
      trackingNumber: result.document.trackingNumber,
    })) as {
      applications: Array<{ applicationId: string; status: string }>;
    };
    expect(byTracking.applications.map((a) => a.applicationId)).toEqual([result.document.id]);
    await until(async () => {
      const { applications } = (await call('queue.lookupApplications', {
        idNumber: '11010519491231002x',
      })) as {
        applications: Array<{ applicationId: string; status: string }>;
      };
      return applications.some((a) => a.applicationId === result.document.id && a.status === 'received');
    });
    const answer = await call('queue.lookupApplications', { idNumber: '11010519491231002X' });
    expect(JSON.stringify(answer)).not.toMatch(/蓝阿婆|11010519491231002X|13800138000/);
    expect(
      await call('queue.lookupApplications', { trackingNumber: '44162520000101-19990101-0001' }),
    ).toEqual({ applications: [] });

    expect(
      await call('queue.submitRating', {
        applicationId: result.document.id,
        serviceId: 'S06-gaoling-jintie',
        level: 2,
        reasonTags: ['等待时间长'],
        templateVersion: 'v1',
      }),
    ).toEqual({ ok: true });
    await until(async () => {
      const r = await harness.db.query(
        "SELECT id FROM documents WHERE collection = 'ratings' AND body->>'applicationId' = $1",
        [result.document.id],
      );
      return r.rows.length === 1;
    });
    await until(async () => (await service.ratings!.list()).length === 0);
    await service.stop();
  }, 40_000);

  it('takes applications in the demo profile without enrollment and keeps them on the kiosk', async () => {
    const { service, call } = await startQueue('demo', { credentials: async () => null });
    const result = (await call('queue.submit', sampleDraft())) as {
      ok: true;
      document: { trackingNumber: string };
    };
    expect(result.document.trackingNumber).toMatch(/^44162520000199-\d{8}-0001$/);
    expect(await call('queue.status')).toMatchObject({ queuedDocuments: 1, error: { code: 'not-enrolled' } });
    expect(service.drain).toBeUndefined();
    await service.stop();
  });

  it('refuses below the free-space threshold before writing anything', async () => {
    const { service, call, paths } = await startQueue('full', {
      statfs: async () => ({ bavail: 10, bsize: 1024 * 1024 }),
    });
    const before = (await stat(join(paths.journal, JOURNAL_FILE))).size;
    const result = (await call('queue.submit', sampleDraft())) as {
      ok: false;
      reason: string;
      messageZh: string;
    };
    expect(result).toMatchObject({ ok: false, reason: 'disk-full' });
    expect(result.messageZh).toContain('存储空间不足');
    expect((await stat(join(paths.journal, JOURNAL_FILE))).size).toBe(before);
    expect(service.journal!.pending()).toHaveLength(0);
    await service.stop();
  });

  it('refuses in production when the kiosk is not enrolled, and has no county to proxy', async () => {
    const { service, call } = await startQueue('unenrolled', { credentials: async () => null }, 'production');
    expect(await call('queue.submit', sampleDraft())).toMatchObject({ ok: false, reason: 'not-enrolled' });
    expect(await call('queue.probe')).toEqual({ online: false });
    await expect(call('queue.pull', { collection: 'services', seq: 0, limit: 5 })).rejects.toThrow(
      /unavailable/,
    );
    expect(await call('queue.status')).toMatchObject({ error: { code: 'not-enrolled' } });
    await service.stop();
  });

  it('gives the renderer a derived personal key and proxies county calls without exposing the device key', async () => {
    const { service, call } = await startQueue('session', { drainEnabled: false });
    const session = (await call('queue.session')) as { personalKey: string; retentionDays: number };
    expect(Buffer.from(session.personalKey, 'base64')).toHaveLength(32);
    const dataKey = await readFile(join(root, 'session', 'keys', 'data.key'));
    expect(Buffer.from(session.personalKey, 'base64').equals(dataKey)).toBe(false);
    expect(session.retentionDays).toBe(30);
    expect(await call('queue.probe')).toEqual({ online: true });
    const page = (await call('queue.pull', { collection: 'services', seq: 0, limit: 5 })) as {
      documents: unknown[];
    };
    expect(page.documents.length).toBeGreaterThan(0);
    // Pushing to a county-only collection is refused by the contract itself.
    await expect(
      call('queue.push', { collection: 'services', rows: [{ newDocumentState: { id: 'x' } }] }),
    ).rejects.toThrow(/invalid-input/);
    await service.stop();
  });

  it('says the county is reachable with nothing queued, and says so again when it is not', async () => {
    const { service, call, events } = await startQueue('idle-link');
    await until(async () => ((await call('queue.status')) as SyncStatus).online);
    expect(events.some((e) => e.online)).toBe(true);
    await service.stop();
    const away = await startQueue('idle-no-link', { countyUrl: 'http://127.0.0.1:9' });
    await until(() => away.events.length > 0);
    expect(((await away.call('queue.status')) as SyncStatus).online).toBe(false);
    await away.service.stop();
  });
});
