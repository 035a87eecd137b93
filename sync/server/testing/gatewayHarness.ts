import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createDeviceKey, DeviceSigner, enrollDevice, GatewayClient } from '../../client/index';
import type { ApplicationDocument } from '../../protocol/documents';
import type { EnrollResponse } from '../../protocol/enrollment';
import { formatTrackingNumber, newUuidV7 } from '../../protocol/ids';
import { CATALOG_DIR, seedCatalogIfEmpty } from '../catalogSeed';
import { type Database, openDatabase } from '../database';
import { createEnrollmentCode } from '../enrollmentService';
import { buildGateway, type GatewayOptions } from '../gateway';
import { MIGRATIONS, migrate } from '../migrations';

/**
 * A real gateway on a real database for tests: PGlite in memory, or PostgreSQL in a fresh schema
 * (dropped at the end) so parallel test files never see each other's rows or notifications.
 */
export type DbMode = 'pglite' | 'postgres';

/** Modes to run: PGlite always, PostgreSQL when DATABASE_URL is set (CI sets it). */
export const DB_MODES: DbMode[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface Harness {
  app: FastifyInstance;
  db: Database;
  url: string;
  filesDir: string;
  enroll(division?: string, siteName?: string): Promise<Kiosk>;
  close(): Promise<void>;
}

export interface Kiosk {
  client: GatewayClient;
  signer: DeviceSigner;
  enrollment: EnrollResponse;
  sequence: number;
}

export async function openTestDatabase(
  mode: DbMode,
  schema?: string,
): Promise<{ db: Database; drop(): Promise<void> }> {
  if (mode === 'pglite') {
    const db = await openPgliteFromTemplate();
    return { db, drop: () => db.close() };
  }
  const url = process.env.DATABASE_URL!;
  const name = schema ?? `t_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ databaseUrl: url, schema: name, poolSize: 6 });
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await c.end();
    },
  };
}

/**
 * PGlite's initdb is slow on a loaded machine (10–25 s); tests start from a migrated, seeded
 * data-dir dump cached in the temp dir (keyed by the migration count) instead.
 */
async function openPgliteFromTemplate(): Promise<Database> {
  const file = path.join(tmpdir(), `cunban-pglite-template-v${MIGRATIONS.length}-${CATALOG_STAMP}.tar`);
  try {
    const data = await readFile(file);
    return await openDatabase({ loadDataDir: new Blob([data]) });
  } catch {}
  const db = await openDatabase({});
  await migrate(db);
  await seedCatalogIfEmpty(db);
  const dump = await db.dumpDataDir!();
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await rename(tmp, file);
  return db;
}

/** Changes when the seed catalogue changes, so a stale template is not reused. */
const CATALOG_STAMP = createHash('sha256')
  .update(
    readdirSync(CATALOG_DIR)
      .map((n) => `${n}:${statSync(path.join(CATALOG_DIR, n)).mtimeMs}`)
      .join(),
  )
  .digest('hex')
  .slice(0, 8);

export async function startHarness(mode: DbMode, overrides: Partial<GatewayOptions> = {}): Promise<Harness> {
  const { db, drop } = await openTestDatabase(mode);
  await seedCatalogIfEmpty(db);
  const filesDir = await mkdtemp(path.join(tmpdir(), 'cunban-files-'));
  const app = await buildGateway({ db, filesDir, sseHeartbeatMs: 500, ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    db,
    url,
    filesDir,
    enroll: (division = '441625200001', siteName = '下蓝村党群服务中心') =>
      enrollKiosk(db, url, division, siteName),
    close: async () => {
      await app.close();
      await drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

export async function enrollKiosk(
  db: Database,
  url: string,
  division: string,
  siteName: string,
): Promise<Kiosk> {
  const code = await createEnrollmentCode(
    db,
    { division, siteName, bundle: 'default', createdBy: 'test' },
    url,
  );
  const key = await createDeviceKey();
  const enrollment = await enrollDevice(url, {
    code: code.display,
    alg: 'ES256',
    publicKey: key.publicJwk as never,
    appVersion: '0.1.0',
  });
  const signer = new DeviceSigner(key, enrollment.deviceId, enrollment.audience);
  return { client: new GatewayClient(url, signer), signer, enrollment, sequence: 0 };
}

/** A valid S06 application for this kiosk (fictitious person with a valid check digit). */
export function makeApplication(
  kiosk: Kiosk,
  overrides: Partial<ApplicationDocument> = {},
): Record<string, unknown> {
  kiosk.sequence += 1;
  const site = kiosk.enrollment.site;
  return {
    id: newUuidV7(),
    trackingNumber: formatTrackingNumber(site.siteCode, new Date(), kiosk.sequence),
    siteDivision: site.division,
    siteCode: site.siteCode,
    deviceId: kiosk.enrollment.deviceId,
    serviceId: 'S06-gaoling-jintie',
    serviceVersion: 1,
    submittedAt: new Date().toISOString(),
    applicant: { name: '蓝阿婆', idNumber: '11010519491231002X', phone: '13800138000' },
    agent: null,
    formValues: {
      name: '蓝阿婆',
      idNumber: '11010519491231002X',
      gender: '2',
      phone: '13800138000',
      householdAddress: { division: site.division, detail: '下蓝村3号' },
      birthDate: '1944-05-01',
      bankAccount: { holder: '蓝阿婆', account: '6221880012345678', bank: '东源农商银行' },
      signature: 'a'.repeat(64),
    },
    materials: [],
    assistedBy: null,
    supplementOf: null,
    status: 'submitted',
    history: [],
    rejectionReason: null,
    staffNote: null,
    filesComplete: false,
    _deleted: false,
    ...overrides,
  };
}
