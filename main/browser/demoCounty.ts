import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createDeviceKey } from '../../sync/client/deviceKey';
import { enrollDevice } from '../../sync/client/gatewayClient';
import { hashClerkPin } from '../../sync/protocol/clerkPin';
import { townOf } from '../../sync/protocol/ids';
import { seedCatalogIfEmpty } from '../../sync/server/catalogSeed';
import { type Database, openDatabase } from '../../sync/server/database';
import { readDocument, writeDocuments } from '../../sync/server/documentStore';
import { createEnrollmentCode } from '../../sync/server/enrollmentService';
import { buildGateway } from '../../sync/server/gateway';
import { migrate } from '../../sync/server/migrations';
import { ensureFirstAdmin } from '../../sync/server/staffAuth';
import type { Logger } from '../host/logging/logger';
import type { HostPaths } from '../host/paths';
import type { DataKeyProvider } from '../host/secure/dataKey';
import { sealerFor } from '../host/secure/sealedBox';
import {
  type DeviceCredentials,
  loadDeviceCredentials,
  saveDeviceCredentials,
} from '../host/syncService/deviceCredentials';

export const DEMO_COUNTY_PORT = 47801;
/**
 * The demo enrollment is kept apart from the real one (device.sealed), so the kiosk still counts
 * as unprovisioned and IT can enrol it in the real county from the wizard.
 */
const DEMO_CREDENTIALS_FILE = 'demo-county-device.sealed';
const DEMO_DIVISION = '441881102201';
/** The demo's clerk: badge `cunban-clerk:9001`, PIN 2468 (shown in the docs, demo county only). */
export const DEMO_CLERK = { id: '9001', name: '演示协办员', pin: '2468' } as const;

async function seedDemoClerk(db: Database): Promise<void> {
  if (await readDocument(db, 'clerks', DEMO_CLERK.id)) return;
  const town = townOf(DEMO_DIVISION);
  const body = {
    id: DEMO_CLERK.id,
    name: DEMO_CLERK.name,
    town,
    role: 'villageAssistant',
    pinHash: await hashClerkPin(DEMO_CLERK.pin),
    active: true,
    _deleted: false,
  };
  await db.transaction((tx) =>
    writeDocuments(tx, db.changeChannel, 'clerks', [{ id: DEMO_CLERK.id, scopes: [`town:${town}`], body }]),
  );
}

export interface DemoCounty {
  url: string;
  credentials: DeviceCredentials;
  /** First staff login of the demo county console (shown once, kept in the demo folder). */
  staffLogin: { username: string; password: string } | null;
  close(): Promise<void>;
}

/**
 * The demo profile's county: a real gateway on an embedded PGlite database beside the kiosk, with
 * the kiosk enrolled in it, so the whole loop — apply offline, sync, staff act in the console, the
 * villager sees the status — works out of the box without any server to set up.
 */
export async function startDemoCounty(options: {
  paths: HostPaths;
  keys: DataKeyProvider;
  log: Logger;
  port?: number;
  version: string;
}): Promise<DemoCounty> {
  const dir = join(options.paths.root, 'county-demo');
  await mkdir(join(dir, 'files'), { recursive: true, mode: 0o700 });
  await mkdir(join(dir, 'updates'), { recursive: true });
  const db: Database = await openDatabase({ dataDir: join(dir, 'pglite') });
  await migrate(db);
  await seedCatalogIfEmpty(db);
  await seedDemoClerk(db);
  const loginFile = join(dir, 'staff-login.json');
  const created = await ensureFirstAdmin(db);
  if (created) await writeFile(loginFile, JSON.stringify(created), { mode: 0o600 });
  const staffLogin =
    created ??
    (await readFile(loginFile, 'utf8')
      .then(JSON.parse)
      .catch(() => null));

  let app: FastifyInstance | undefined;
  try {
    app = await buildGateway({ db, filesDir: join(dir, 'files'), updatesDir: join(dir, 'updates') });
    await app.listen({ port: options.port ?? DEMO_COUNTY_PORT, host: '127.0.0.1' });
  } catch (error) {
    await app?.close();
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;

  const sealer = sealerFor(await options.keys.getKey());
  let credentials = await loadDeviceCredentials(options.paths.keys, sealer, DEMO_CREDENTIALS_FILE);
  if (!credentials) {
    const code = await createEnrollmentCode(
      db,
      { division: DEMO_DIVISION, siteName: '演示站点（模拟）', bundle: 'default', createdBy: 'demo' },
      url,
    );
    const key = await createDeviceKey();
    const enrollment = await enrollDevice(url, {
      code: code.code,
      alg: key.alg,
      publicKey: key.publicJwk as never,
      appVersion: options.version,
      label: `demo ${hostname()}`.slice(0, 80),
    });
    credentials = {
      deviceId: enrollment.deviceId,
      siteCode: enrollment.site.siteCode,
      division: enrollment.site.division,
      audience: enrollment.audience,
      key,
    };
    await saveDeviceCredentials(options.paths.keys, sealer, credentials, DEMO_CREDENTIALS_FILE);
    options.log.info('demo kiosk enrolled in the demo county', { siteCode: enrollment.site.siteCode });
  }
  return {
    url,
    credentials,
    staffLogin,
    async close() {
      await app?.close();
      await db.close();
    },
  };
}
