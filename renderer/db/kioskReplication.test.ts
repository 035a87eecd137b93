import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractHost } from '../../contract/contractHost';
import type { KioskApi } from '../../contract/kioskApi';
import { kioskConfigSchema } from '../../main/host/config/kioskConfig';
import { buildApplication } from '../../main/host/journal/applicationFactory';
import { sampleDraft } from '../../main/host/journal/testing/sampleDraft';
import { FileLog } from '../../main/host/logging/logger';
import { hostPaths } from '../../main/host/paths';
import { keyFileDataKey } from '../../main/host/secure/dataKey';
import { ServiceManager } from '../../main/host/serviceManager';
import type { DeviceCredentials } from '../../main/host/syncService/deviceCredentials';
import { QueueService } from '../../main/host/syncService/queueService';
import { enrollForTest } from '../../main/host/syncService/testing/enrolledCredentials';
import { type Harness, startHarness } from '../../sync/server/testing/gatewayHarness';
import { ApplicationStore } from './applicationStore';
import { ownershipConflictHandler } from './conflictHandler';
import { CountyConnection } from './countyConnection';
import { hostCountyTransport } from './countyTransport';
import { type KioskDatabase, kioskStorage, openKioskDatabase } from './kioskDatabase';
import { startKioskReplication } from './kioskReplication';
import { PersonalVault } from './personalVault';
import { sweepPersonalData } from './retention';
import { applicationSchemaV0 } from './schemas/applicationSchema';
import { inProcessKioskApi } from './testing/inProcessKioskApi';

/** Dexie over fake-indexeddb in Node; the durability tests that need a real browser are in e2e/. */
const storage = () => kioskStorage({ indexedDB, IDBKeyRange });
let harness: Harness;
let credentials: DeviceCredentials;
let hostDir: string;
let vault: PersonalVault;
let dbCounter = 0;

beforeAll(async () => {
  harness = await startHarness('pglite');
  credentials = await enrollForTest(harness.db, harness.url);
  vault = await PersonalVault.fromBase64(randomBytes(32).toString('base64'));
  hostDir = await mkdtemp(join(tmpdir(), 'cunban-rxhost-'));
  const paths = hostPaths(hostDir);
  await mkdir(paths.keys, { recursive: true });
  const contract = new ContractHost();
  const log = new FileLog({ dir: paths.logs }).logger('test');
  queue = new QueueService({
    host: {
      contract,
      services: new ServiceManager(log),
      config: kioskConfigSchema.parse({ county: { url: harness.url } }),
    },
    paths,
    keys: keyFileDataKey(join(paths.keys, 'data.key')),
    log,
    credentials: async () => credentials,
    drainEnabled: false,
  });
  await queue.start();
  api = inProcessKioskApi(contract);
}, 60_000);
afterAll(async () => {
  await queue?.stop();
  await rm(hostDir, { recursive: true, force: true });
  await harness?.close();
});

async function withDb<T>(run: (db: KioskDatabase) => Promise<T>): Promise<T> {
  const db = await openKioskDatabase({ name: `test${++dbCounter}`, storage: storage() });
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

/** The host side for real: the queue service's county proxy (its own drain is off here). */
let queue: QueueService;
let api: KioskApi;
const connection = () =>
  new CountyConnection(hostCountyTransport(api), { backoffBaseMs: 50, backoffCapMs: 200 });

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function countyBody(id: string): Promise<Record<string, unknown> | undefined> {
  const r = await harness.db.query<{ body: Record<string, unknown> }>(
    "SELECT body FROM documents WHERE collection = 'applications' AND id = $1",
    [id],
  );
  return r.rows[0]?.body;
}

let sequence = 1000;
const application = (draft = sampleDraft()) => buildApplication(draft, credentials, new Date(), ++sequence);

describe('kiosk replication against the real gateway', () => {
  it('pushes the full application, keeps it masked locally and pulls the county status back', async () => {
    await withDb(async (db) => {
      const store = new ApplicationStore(db, vault);
      const doc = application();
      await store.put(doc);
      const local = (await db.applications.findOne(doc.id).exec())!.toJSON() as Record<string, unknown>;
      expect(JSON.stringify(local)).not.toContain('11010519491231002X');
      expect(JSON.stringify(local)).not.toContain('蓝阿婆');
      const sealed = (await db.personal.findOne(doc.id).exec())!.toJSON();
      expect(JSON.stringify(sealed)).not.toContain('蓝阿婆');

      const replication = startKioskReplication({
        db,
        store,
        connection: connection(),
        countyUrl: harness.url,
      });
      try {
        await until(async () => (await db.applications.findOne(doc.id).exec())?.get('status') === 'received');
        const county = await countyBody(doc.id);
        expect((county?.applicant as { name: string } | undefined)?.name).toBe('蓝阿婆');
        expect(county?.trackingNumber).toBe(doc.trackingNumber);
        const after = (await db.applications.findOne(doc.id).exec())!.toJSON() as Record<string, unknown>;
        expect(after.trackingNumber).toBe(doc.trackingNumber);
        expect(JSON.stringify(after)).not.toContain('11010519491231002X');
        // The county's catalogue arrived by pull as well.
        expect(await db.services.count().exec()).toBeGreaterThan(0);
      } finally {
        await replication.stop();
      }
    });
  }, 40_000);

  it('returns a rejected application as data with a reason and keeps the queue moving', async () => {
    await withDb(async (db) => {
      const store = new ApplicationStore(db, vault);
      const bad = sampleDraft();
      bad.applicant = { ...bad.applicant, idNumber: '110105194912310021' };
      const rejected = application(bad);
      const good = application();
      await store.put(rejected);
      await store.put(good);
      const replication = startKioskReplication({
        db,
        store,
        connection: connection(),
        countyUrl: harness.url,
        pushBatchSize: 1,
      });
      try {
        await until(
          async () => (await db.applications.findOne(good.id).exec())?.get('status') === 'received',
        );
        await until(
          async () => (await db.applications.findOne(rejected.id).exec())?.get('status') === 'rejected',
        );
        const reason = (await db.applications.findOne(rejected.id).exec())!.get('rejectionReason') as string;
        expect(reason).toMatch(/invalidIdNumber/);
      } finally {
        await replication.stop();
      }
    });
  }, 40_000);

  it('deletes personal data after the retention period and never pushes the purged copy', async () => {
    await withDb(async (db) => {
      const store = new ApplicationStore(db, vault);
      const doc = application();
      await store.put(doc);
      const replication = startKioskReplication({
        db,
        store,
        connection: connection(),
        countyUrl: harness.url,
      });
      try {
        await until(
          async () => (await db.applications.findOne(doc.id).exec())?.get('filesComplete') === true,
        );
        const now = Date.now();
        expect(await sweepPersonalData(db, 30, new Date(now))).toEqual({ marked: 1, deleted: 0 });
        expect(await sweepPersonalData(db, 30, new Date(now + 29 * 86_400_000))).toEqual({
          marked: 0,
          deleted: 0,
        });
        expect(await sweepPersonalData(db, 30, new Date(now + 31 * 86_400_000))).toEqual({
          marked: 0,
          deleted: 1,
        });
        expect(await db.personal.findOne(doc.id).exec()).toBeNull();
        const left = (await db.applications.findOne(doc.id).exec())!.toJSON() as Record<string, unknown>;
        expect(left.trackingNumber).toBe(doc.trackingNumber);
        expect(await store.full(left)).toBeNull();
        // The county still holds the full application.
        expect(((await countyBody(doc.id))?.applicant as { name: string } | undefined)?.name).toBe('蓝阿婆');
      } finally {
        await replication.stop();
      }
    });
  }, 40_000);

  it('replays journal entries that RxDB lacks, once', async () => {
    await withDb(async (db) => {
      const store = new ApplicationStore(db, vault);
      const docs = [application(), application()];
      await store.put(docs[0]!);
      const api = { request: async () => ({ documents: docs }) } as never;
      expect(await store.replayJournal(api)).toBe(1);
      expect(await store.replayJournal(api)).toBe(0);
      expect(await db.applications.count().exec()).toBe(2);
    });
  });
});

describe('ownership conflict handler', () => {
  it('keeps kiosk content, takes county status, and compares only county fields', async () => {
    const handler = ownershipConflictHandler(['status', 'rejectionReason']);
    const local = {
      id: 'a',
      trackingNumber: 'T',
      applicant: { name: '蓝*' },
      status: 'submitted',
      rejectionReason: null,
      _deleted: false,
    };
    const master = { ...local, applicant: { name: '蓝阿婆' }, status: 'accepted', _deleted: false };
    expect(handler.isEqual(local, { ...local, applicant: { name: 'x' } }, '')).toBe(true);
    expect(handler.isEqual(local, master, '')).toBe(false);
    const resolved = await handler.resolve({ newDocumentState: local, realMasterState: master }, '');
    expect(resolved).toMatchObject({ applicant: { name: '蓝*' }, status: 'accepted' });
  });
});

describe('schema migration', () => {
  it('opens a v0 database with data present and migrates every document to v1', async () => {
    const name = `migrate${++dbCounter}`;
    const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    await old.addCollections({ applications: { schema: applicationSchemaV0 } });
    const base = {
      trackingNumber: '44162520000101-20261129-0001',
      submittedAt: new Date().toISOString(),
      history: [],
      rejectionReason: null,
    };
    await old.applications!.bulkInsert([
      { ...base, id: 'a', status: 'submitted' },
      { ...base, id: 'b', status: 'completed', trackingNumber: '44162520000101-20261129-0002' },
    ]);
    await old.close();
    const db = await openKioskDatabase({ name, storage: storage() });
    try {
      const a = (await db.applications.findOne('a').exec())!.toJSON() as Record<string, unknown>;
      const b = (await db.applications.findOne('b').exec())!.toJSON() as Record<string, unknown>;
      expect(a).toMatchObject({ status: 'submitted', filesComplete: false, staffNote: null });
      expect(b).toMatchObject({ status: 'completed', filesComplete: true, staffNote: null });
      expect(await db.applications.count().exec()).toBe(2);
    } finally {
      await db.close();
    }
  });
});
