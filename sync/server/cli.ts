import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { seedCatalogIfEmpty } from './catalogSeed';
import { type Database, openDatabase } from './database';
import { type CreatedCode, createEnrollmentCode } from './enrollmentService';
import type { S3Options } from './fileRoutes';
import { buildGateway } from './gateway';
import { migrate } from './migrations';
import { ensureFirstAdmin, recordStaffAction } from './staffAuth';

/**
 * `npm run county` — the county gateway.
 *   npm run county -- [--port 8470] [--host 0.0.0.0] [--data DIR]
 *   npm run county -- enroll --division 441625200001 --site "下蓝村党群服务中心" [--bundle default] [--ttl-minutes N]
 * Environment: PORT, CUNBAN_COUNTY_DATA, DATABASE_URL (PostgreSQL instead of PGlite),
 * CUNBAN_DB_SCHEMA, CUNBAN_PUBLIC_URL, CUNBAN_S3_* (see README.md).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    division: { type: 'string' },
    site: { type: 'string' },
    bundle: { type: 'string', default: 'default' },
    'ttl-minutes': { type: 'string' },
  },
});

const dataDir = path.resolve(values.data ?? process.env.CUNBAN_COUNTY_DATA ?? '.data/county');
const serverFile = path.join(dataDir, 'server.json');

function s3FromEnv(): S3Options | undefined {
  const e = process.env;
  if (!e.CUNBAN_S3_BUCKET) return undefined;
  return {
    bucket: e.CUNBAN_S3_BUCKET,
    region: e.CUNBAN_S3_REGION ?? 'us-east-1',
    ...(e.CUNBAN_S3_ENDPOINT ? { endpoint: e.CUNBAN_S3_ENDPOINT } : {}),
    accessKeyId: e.CUNBAN_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: e.CUNBAN_S3_SECRET_ACCESS_KEY ?? '',
  };
}

async function open(): Promise<Database> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const db = await openDatabase(
    process.env.DATABASE_URL
      ? {
          databaseUrl: process.env.DATABASE_URL,
          ...(process.env.CUNBAN_DB_SCHEMA ? { schema: process.env.CUNBAN_DB_SCHEMA } : {}),
        }
      : { dataDir: path.join(dataDir, 'pglite') },
  );
  await migrate(db);
  return db;
}

async function printCode(code: CreatedCode, site: string): Promise<void> {
  console.log(`\n开通码 enrollment code for ${site}: ${code.display}`);
  console.log(`有效期至 expires at: ${code.expiresAt}`);
  console.log(await QRCode.toString(code.qrPayload, { type: 'terminal', small: true }));
}

async function enroll(): Promise<void> {
  const division = values.division ?? '';
  const siteName = values.site ?? '';
  if (!/^\d{12}$/.test(division) || !siteName) {
    console.error(
      'usage: npm run county -- enroll --division <12 digits> --site "<site name>" [--bundle default]',
    );
    process.exitCode = 2;
    return;
  }
  const ttlMinutes = values['ttl-minutes'] ? Number(values['ttl-minutes']) : undefined;
  const body = {
    division,
    siteName,
    bundle: values.bundle ?? 'default',
    ...(ttlMinutes ? { ttlMinutes } : {}),
  };
  // A running server owns the PGlite files: ask it over loopback.
  const running = await readFile(serverFile, 'utf8').then(
    (t) => JSON.parse(t) as { url: string; adminToken: string },
    () => null,
  );
  if (running) {
    try {
      const res = await fetch(`${running.url}/v1/admin/enrollment-codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cunban-admin-token': running.adminToken },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`server answered ${res.status}: ${await res.text()}`);
      await printCode((await res.json()) as CreatedCode, siteName);
      return;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // TypeError = not reachable: use the files.
    }
  }
  const db = await open();
  try {
    const url = process.env.CUNBAN_PUBLIC_URL ?? 'http://127.0.0.1:8470';
    const code = await createEnrollmentCode(db, { ...body, createdBy: 'cli' }, url);
    await recordStaffAction(db, null, 'enrollment.create', division, { siteName });
    await printCode(code, siteName);
  } finally {
    await db.close();
  }
}

async function serve(): Promise<void> {
  const port = Number(values.port ?? process.env.PORT ?? 8470);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const db = await open();
  const seeded = await seedCatalogIfEmpty(db);
  const firstAdmin = await ensureFirstAdmin(db);
  const adminToken = randomBytes(24).toString('base64url');
  const s3 = s3FromEnv();
  await mkdir(path.join(dataDir, 'updates'), { recursive: true });
  const app = await buildGateway({
    db,
    filesDir: path.join(dataDir, 'files'),
    updatesDir: path.join(dataDir, 'updates'),
    ...(s3 ? { s3 } : {}),
    ...(process.env.CUNBAN_PUBLIC_URL ? { publicUrl: process.env.CUNBAN_PUBLIC_URL } : {}),
    adminToken,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  });
  await mkdir(path.join(dataDir, 'files'), { recursive: true });
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`;
  await writeFile(serverFile, JSON.stringify({ url, adminToken, pid: process.pid }), { mode: 0o600 });
  console.log(
    `村办 county gateway listening on ${url} (database: ${db.kind}${process.env.DATABASE_URL ? '' : `, data: ${dataDir}`})`,
  );
  if (seeded > 0) console.log(`Seeded ${seeded} services from resources/catalog.`);
  if (firstAdmin) {
    console.log(
      `首次登录 first staff login: username "${firstAdmin.username}", password "${firstAdmin.password}" (shown once; change it)`,
    );
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await rm(serverFile, { force: true });
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const command = positionals[0] ?? 'serve';
(command === 'enroll'
  ? enroll()
  : command === 'serve'
    ? serve()
    : Promise.reject(new Error(`unknown command ${command}`))
).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
