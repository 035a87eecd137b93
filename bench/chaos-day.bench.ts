import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { demoConfig } from '../main/host/config/loadConfig';
import { hostPaths } from '../main/host/paths';
import { keyFileDataKey } from '../main/host/secure/dataKey';
import { sealerFor } from '../main/host/secure/sealedBox';
import { saveDeviceCredentials } from '../main/host/syncService/deviceCredentials';
import { enrollForTest } from '../main/host/syncService/testing/enrolledCredentials';
import { startLinkSimulator } from '../sync/linkSimulator/linkSimulator';
import { openDatabase } from '../sync/server/database';
import { type ChildGateway, startChildGateway } from '../sync/server/testing/childGateway';
import type { BenchFigure, BenchSuite } from './figure';
import { ATTRACT_BOUND_MS, runChaosDay } from './system/chaosDay';
import { checkCounty } from './system/countyCheck';
import { freePort, sleep } from './system/freePort';
import { type KioskProcess, superviseKiosk } from './system/kioskSupervisor';
import { openAllDay } from './system/openAllDay';
import { seededRandom } from './system/seededRandom';
import { mountSmallDisk, type SmallDisk } from './system/smallDisk';

/**
 * Chaos during the busy day and the drain of a week offline, in one scripted run
 * (bench/system/chaosDay.ts): a browser-host kiosk in a child process (real Chromium page,
 * simulated devices, data folder on a real 512 MB tmpfs) takes CHAOS_DAY_BACKLOG applications
 * offline (default 8), then villagers come through the screens while the backlog drains over a
 * 2 Mbit/s, 100 ms link to a gateway child on PostgreSQL, and every fault lands once (the host
 * kill twice). Moments from CHAOS_DAY_SEED (default 7). Then: the county holds exactly the
 * receipted set, no duplicates, every page hashes right from the gateway's store, and the kiosk
 * was back on the attract screen by itself after every fault.
 */
const BACKLOG = Number(process.env.CHAOS_DAY_BACKLOG ?? 8);
const BETWEEN = Number(process.env.CHAOS_DAY_SESSIONS_BETWEEN ?? 1);
const SEED = Number(process.env.CHAOS_DAY_SEED ?? 7);
const MIN_FREE_MB = 50; // the smallest storage.minFreeMegabytes the config allows
const DISK_MB = 512;

const suite: BenchSuite = {
  title: 'Chaos day: faults during the busy day and the drain, browser host',
  issue: 11,
  async run(): Promise<BenchFigure[]> {
    const url = process.env.DATABASE_URL;
    if (!url)
      throw new Error('chaos-day bench needs DATABASE_URL (PostgreSQL); source .ci/services.env first');
    const schema = `bench_chaos_day_${randomBytes(4).toString('hex')}`;
    const work = await mkdtemp(join(tmpdir(), 'cunban-chaos-day-'));
    const gatewayDir = join(work, 'county');
    const dataDir = join(work, 'kiosk');
    await mkdir(dataDir);
    const disk: SmallDisk = await mountSmallDisk(dataDir, DISK_MB);
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
    let kiosk: KioskProcess | undefined;
    try {
      const first = await startChildGateway(gatewayArgs, gatewayEnv);
      db = await openDatabase({ databaseUrl: url, schema, poolSize: 4 });
      const credentials = await enrollForTest(db, first.url, '441881102201');
      await first.stop();
      await openAllDay(db, credentials.deviceId);
      const paths = hostPaths(dataDir);
      await mkdir(paths.keys, { recursive: true, mode: 0o700 });
      const key = await keyFileDataKey(join(paths.keys, 'data.key')).getKey();
      await saveDeviceCredentials(paths.keys, sealerFor(key), credentials);
      const demo = demoConfig();
      const configFile = join(work, 'config.json');
      await writeFile(
        configFile,
        JSON.stringify({
          ...demo,
          site: { ...demo.site, divisionCode: credentials.division, siteCode: credentials.siteCode },
          county: { url: link.url },
          // The shortest idle time the config allows: a villager who walks away costs 15 s.
          timeouts: { ...demo.timeouts, idleSeconds: 15 },
          storage: { minFreeMegabytes: MIN_FREE_MB },
        }),
      );
      kiosk = await superviseKiosk(dataDir, configFile, await freePort(), await freePort());

      const started = performance.now();
      const outcome = await runChaosDay(
        {
          kiosk,
          link,
          gatewayArgs,
          gatewayEnv,
          gatewayPort,
          deadPort: await freePort(),
          disk,
          minFreeMegabytes: MIN_FREE_MB,
          division: credentials.division,
          random: seededRandom(SEED),
        },
        BACKLOG,
        BETWEEN,
      );
      gateway = outcome.gateway;
      const seconds = (performance.now() - started) / 1000;
      // The kiosk's queue can be empty while the county still verifies the last uploads: give the
      // county a bounded while to hold everything before judging.
      const settleStart = performance.now();
      const countyNow = () =>
        checkCounty(db!, join(gatewayDir, 'files'), credentials.deviceId, outcome.receipts, 'trackingNumber');
      let check = await countyNow();
      while (
        (check.missing.length > 0 || check.filesBad.length > 0) &&
        performance.now() - settleStart < 120_000
      ) {
        await sleep(1_000);
        check = await countyNow();
      }
      const settleSeconds = (performance.now() - settleStart) / 1000;
      const materials = Number(
        (
          await db.query<{ n: string }>(
            "SELECT count(*) AS n FROM documents d, jsonb_array_elements(d.body->'materials') m WHERE d.collection = 'applications' AND d.body->>'deviceId' = $1 AND m->>'materialId' <> 'signature'",
            [credentials.deviceId],
          )
        ).rows[0]!.n,
      );
      const back = outcome.recoveries.filter((r) => r.ok).length;
      const slowest = Math.max(0, ...outcome.recoveries.map((r) => r.seconds));
      const exactlyReceipted =
        check.missing.length === 0 && check.duplicates === 0 && check.extra.length <= outcome.hostKills;
      const filesOk =
        check.filesBad.length === 0 && check.filesVerified === materials && check.signatures.bad === 0;
      const devicesOk = outcome.devicesBack?.reader === true && outcome.devicesBack.printer === true;
      const diskOk = !disk.mounted || outcome.diskRefusal !== null;
      const pass =
        exactlyReceipted &&
        filesOk &&
        back === outcome.recoveries.length &&
        outcome.drained &&
        devicesOk &&
        diskOk &&
        disk.mounted;
      const found = [
        `receipts shown ${outcome.receipts.size} (${outcome.backlog} offline backlog + screen sessions), delivered ${check.delivered}`,
        `missing ${check.missing.length}, at the county without a receipt ${check.extra.length} (≤ ${outcome.hostKills} host kills allowed), duplicates ${check.duplicates}`,
        `signature images at the county ${check.signatures.verified}/${check.signatures.verified + check.signatures.bad}`,
        `pages verified by SHA-256 from the gateway store ${check.filesVerified}/${materials}, bad ${check.filesBad.length}${check.filesBad.length ? ` (${check.filesBad.slice(0, 6).join(', ')})` : ''}; the county settled ${settleSeconds.toFixed(1)} s after the kiosk queue was empty`,
        `attract screen by itself after ${back}/${outcome.recoveries.length} faults, slowest ${slowest.toFixed(1)} s (bound ${ATTRACT_BOUND_MS / 1000} s)`,
        `disk guard on screen: ${outcome.diskRefusal ? 'refused' : disk.mounted ? 'NOT refused' : `not run (${disk.why})`}; devices back: ${outcome.devicesBack ? `reader ${outcome.devicesBack.reader}, printer ${outcome.devicesBack.printer}` : 'not run'}`,
        `host restarts by the bench's supervisor ${kiosk.restarts()}; queue drained by itself: ${outcome.drained ? 'yes' : 'NO'}`,
      ];
      console.log(
        `\n  chaos day (seed ${SEED}) did:\n    ${outcome.events.join('\n    ')}\n  and found:\n    ${found.join('\n    ')}`,
      );
      const note = `seed ${SEED}; ${outcome.backlog} applications offline, then ${outcome.screenSessions} complete sessions through the screens (real clicks in headless Chromium) with ${BETWEEN} between faults; faults: ${outcome.recoveries.map((r) => r.fault).join(', ')}; 2 Mbit/s 100 ms link; gateway child on PostgreSQL; kiosk data on a ${DISK_MB} MB tmpfs, guard ${MIN_FREE_MB} MB; run took ${seconds.toFixed(0)} s`;
      return [
        {
          name: 'receipted applications at the county',
          value: check.delivered,
          unit: 'apps',
          reference: { name: 'receipts shown', value: outcome.receipts.size, unit: 'apps' },
          ratio: outcome.receipts.size ? Number((check.delivered / outcome.receipts.size).toFixed(3)) : 0,
          target: 'all, exactly once',
          pass: exactlyReceipted,
          note: `${check.extra.length} at the county without a receipt (a host kill between journal and receipt); duplicates ${check.duplicates}`,
        },
        {
          name: 'pages verified by SHA-256',
          value: check.filesVerified,
          unit: 'pages',
          reference: { name: 'pages the county holds', value: materials, unit: 'pages' },
          target: 'all',
          pass: filesOk,
        },
        {
          name: 'signature images at the county',
          value: check.signatures.verified,
          unit: 'images',
          reference: {
            name: 'signatures referenced',
            value: check.signatures.verified + check.signatures.bad,
            unit: 'images',
          },
          target: 'all',
          pass: check.signatures.bad === 0,
          note: 'hashed from the gateway store like the pages; counted apart so a missing signature is named',
        },
        {
          name: 'attract screen by itself after a fault',
          value: back,
          unit: 'faults',
          reference: { name: 'faults', value: outcome.recoveries.length, unit: 'faults' },
          target: `every fault, within ${ATTRACT_BOUND_MS / 1000} s`,
          pass: back === outcome.recoveries.length,
          note: outcome.recoveries
            .map((r) => `${r.fault} ${r.ok ? `${r.seconds.toFixed(1)} s` : 'NOT'}`)
            .join(', '),
        },
        {
          name: 'slowest return to the attract screen',
          value: Number(slowest.toFixed(1)),
          unit: 's',
          target: `≤ ${ATTRACT_BOUND_MS / 1000} s`,
          pass: slowest <= ATTRACT_BOUND_MS / 1000,
          note: 'host kill: 2 s restart delay + host and Chromium start; walk-away faults: the 15 s idle timeout',
        },
        {
          name: 'chaos day invariants hold',
          value: pass ? 1 : 0,
          unit: '',
          target: 'all hold',
          pass,
          note,
        },
      ];
    } finally {
      await kiosk?.stop();
      await gateway?.stop();
      await link.stop();
      await db?.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      await disk.unmount();
      await rm(work, { recursive: true, force: true });
    }
  },
};

export default suite;
