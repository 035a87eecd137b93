import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { hostPaths } from '../main/host/paths';
import { keyFileDataKey } from '../main/host/secure/dataKey';
import { sealerFor } from '../main/host/secure/sealedBox';
import { saveDeviceCredentials } from '../main/host/syncService/deviceCredentials';
import { enrollForTest } from '../main/host/syncService/testing/enrolledCredentials';
import { startLinkSimulator } from '../sync/linkSimulator/linkSimulator';
import { openDatabase } from '../sync/server/database';
import type { ChildGateway } from '../sync/server/testing/childGateway';
import type { BenchFigure, BenchSuite } from './figure';
import { runChaos } from './system/chaosScenario';
import { checkCounty } from './system/countyCheck';
import { freePort } from './system/freePort';
import { seededRandom } from './system/seededRandom';

/**
 * Chaos during a week-offline-style drain, in one scripted run (bench/system/chaosScenario.ts):
 * the kiosk host (child process) takes CHAOS_APPLICATIONS applications (default 40) with pages
 * through a 2 Mbit/s, 100 ms link to a gateway child process on PostgreSQL, while the host is
 * SIGKILLed twice, the gateway once, the link is cut and the disk guard sees a full disk.
 * Moments come from CHAOS_SEED (default 11), so a failing run can be replayed. Then: the county
 * must hold every receipted application once, every page must hash right from the gateway's
 * store, and the host must have drained by itself. Prints what it did and what it found.
 */
const APPLICATIONS = Number(process.env.CHAOS_APPLICATIONS ?? 40);
const SEED = Number(process.env.CHAOS_SEED ?? 11);
// Slow enough that the host is still taking applications when the later faults land.
const PACE_MS = 400;
const MIN_FREE_MB = 500; // kioskConfig's default storage.minFreeMegabytes

const suite: BenchSuite = {
  title: 'Chaos: kills, link cut and full disk during a drain',
  issue: 11,
  async run(): Promise<BenchFigure[]> {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('chaos bench needs DATABASE_URL (PostgreSQL); source .ci/services.env first');
    const schema = `bench_chaos_${randomBytes(4).toString('hex')}`;
    const work = await mkdtemp(join(tmpdir(), 'cunban-chaos-'));
    const gatewayDir = join(work, 'county');
    const dataDir = join(work, 'kiosk');
    const gatewayPort = await freePort();
    const gatewayArgs = ['--port', String(gatewayPort), '--data', gatewayDir];
    const gatewayEnv = { CUNBAN_DB_SCHEMA: schema, LOG_LEVEL: 'error' };
    const link = await startLinkSimulator({
      target: { host: '127.0.0.1', port: gatewayPort },
      latencyMs: 100,
      bytesPerSecond: 2_000_000 / 8,
    });
    let db: Awaited<ReturnType<typeof openDatabase>> | undefined;
    let gateway: ChildGateway | undefined;
    try {
      // A first gateway run creates the schema; the scenario starts its own on the same port.
      const { startChildGateway } = await import('../sync/server/testing/childGateway');
      const first = await startChildGateway(gatewayArgs, gatewayEnv);
      db = await openDatabase({ databaseUrl: url, schema, poolSize: 4 });
      const credentials = await enrollForTest(db, first.url);
      await first.stop();
      const paths = hostPaths(dataDir);
      await mkdir(paths.keys, { recursive: true, mode: 0o700 });
      const key = await keyFileDataKey(join(paths.keys, 'data.key')).getKey();
      await saveDeviceCredentials(paths.keys, sealerFor(key), credentials);

      const started = performance.now();
      const outcome = await runChaos(
        {
          dataDir,
          link,
          gatewayArgs,
          gatewayEnv,
          gatewayPort,
          deadPort: await freePort(),
          db,
          deviceId: credentials.deviceId,
          minFreeMegabytes: MIN_FREE_MB,
          random: seededRandom(SEED),
        },
        APPLICATIONS,
        PACE_MS,
      );
      gateway = outcome.gateway;
      const seconds = (performance.now() - started) / 1000;
      const check = await checkCounty(db, join(gatewayDir, 'files'), credentials.deviceId, outcome.receipts);
      const materials = (
        await db.query<{ n: string }>(
          "SELECT coalesce(sum(jsonb_array_length(body->'materials')), 0) AS n FROM documents WHERE collection = 'applications' AND body->>'deviceId' = $1",
          [credentials.deviceId],
        )
      ).rows[0]!.n;
      // A kill between the journal append and the receipt leaves one unreceipted application.
      const pass =
        outcome.drained &&
        outcome.receipts.size > 0 &&
        outcome.refusals > 0 &&
        check.missing.length === 0 &&
        check.duplicates === 0 &&
        check.extra.length <= outcome.hostKills &&
        check.filesBad.length === 0 &&
        check.filesVerified === Number(materials);
      const found = [
        `receipted ${outcome.receipts.size}, refused ${outcome.refusals} (disk guard), delivered ${check.delivered}`,
        `missing ${check.missing.length}, journaled-but-unreceipted at the county ${check.extra.length} (≤ ${outcome.hostKills} host kills allowed), duplicates ${check.duplicates}`,
        `pages verified by SHA-256 from the gateway store ${check.filesVerified}/${materials}, bad ${check.filesBad.length}`,
        `recoveries without help ${outcome.recoveries}; host drained by itself: ${outcome.drained ? 'yes' : 'NO'}`,
      ];
      console.log(
        `\n  chaos run (seed ${SEED}) did:\n    ${outcome.events.join('\n    ')}\n  and found:\n    ${found.join('\n    ')}`,
      );
      const note = `seed ${SEED}, ${APPLICATIONS} applications of 1–2 pages (20–80 KB) paced ${PACE_MS} ms, 2 Mbit/s 100 ms link, gateway child on PostgreSQL; ${outcome.hostKills} host SIGKILLs, ${outcome.gatewayKills} gateway SIGKILL, 1 link cut (3 s), 1 full disk (1.5 s); run took ${seconds.toFixed(0)} s. Reader/printer unplug and the attract-screen check are in chaos-day (this host has no renderer).`;
      return [
        {
          name: 'applications receipted',
          value: outcome.receipts.size,
          unit: 'apps',
          note: `${outcome.refusals} refused by the disk guard while the disk was full`,
        },
        {
          name: 'submissions refused while the disk was full',
          value: outcome.refusals,
          unit: 'apps',
          target: '≥ 1 (the guard fired, nothing of them reached the county)',
          pass: outcome.refusals > 0,
        },
        {
          name: 'receipted applications delivered',
          value: check.delivered,
          unit: 'apps',
          reference: { name: 'receipted', value: outcome.receipts.size, unit: 'apps' },
          ratio: outcome.receipts.size ? Number((check.delivered / outcome.receipts.size).toFixed(3)) : 0,
          target: 'all, exactly once',
          pass:
            check.missing.length === 0 && check.duplicates === 0 && check.extra.length <= outcome.hostKills,
          note: `${check.extra.length} journaled before a kill without a receipt`,
        },
        {
          name: 'duplicates at the county',
          value: check.duplicates,
          unit: 'apps',
          target: '0',
          pass: check.duplicates === 0,
        },
        {
          name: 'pages verified by SHA-256',
          value: check.filesVerified,
          unit: 'pages',
          reference: { name: 'pages the county holds', value: Number(materials), unit: 'pages' },
          target: 'all',
          pass: check.filesBad.length === 0 && check.filesVerified === Number(materials),
        },
        {
          name: 'recoveries without help',
          value: outcome.recoveries,
          unit: 'faults',
          reference: {
            name: 'faults injected',
            value: outcome.hostKills + outcome.gatewayKills + 1,
            unit: 'faults',
          },
          target: 'every fault',
          pass: outcome.recoveries >= outcome.hostKills + outcome.gatewayKills + 1 && outcome.drained,
        },
        { name: 'chaos invariants hold', value: pass ? 1 : 0, unit: '', target: 'all hold', pass, note },
      ];
    } finally {
      await gateway?.stop();
      await link.stop();
      await db?.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      await rm(work, { recursive: true, force: true });
      await rm(`${dataDir}.disk`, { force: true });
    }
  },
};

export default suite;
