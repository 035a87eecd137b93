import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDraft } from '../main/host/journal/testing/sampleDraft';
import { enrollForTest } from '../main/host/syncService/testing/enrolledCredentials';
import { startLinkSimulator } from '../sync/linkSimulator/linkSimulator';
import { startHarness } from '../sync/server/testing/gatewayHarness';
import type { BenchFigure, BenchSuite } from './figure';
import { startBenchQueueKiosk } from './system/benchQueueKiosk';
import { checkCounty } from './system/countyCheck';
import { freePort, sleep } from './system/freePort';

/**
 * A week offline: the kiosk takes N applications (two 150 KB pages each) while the county is
 * unreachable — its drain running and failing, as on a real kiosk — then the link comes back at
 * 2 Mbit/s with 100 ms one-way latency. Figure: time until the county holds everything ÷
 * (payload bytes ÷ bandwidth), measured in the same run. Then the county's rows are compared with
 * the receipted set and every stored page is hashed. WEEK_OFFLINE_N sets N (default 60; the
 * issue's 300 takes about 6 minutes of link time alone).
 */
const N = Number(process.env.WEEK_OFFLINE_N ?? 60);
const BYTES_PER_SECOND = 2_000_000 / 8;
const LATENCY_MS = 100;
const PAGE_BYTES = 150 * 1024;

const suite: BenchSuite = {
  title: 'Week offline: queued applications reach the county when the link returns',
  issue: 11,
  async run(): Promise<BenchFigure[]> {
    const work = await mkdtemp(join(tmpdir(), 'cunban-week-offline-'));
    const harness = await startHarness('pglite', { rateLimitPerMinute: 100_000 });
    // Offline = the link leads to a port where nothing listens: connections are refused.
    const link = await startLinkSimulator({
      target: { host: '127.0.0.1', port: await freePort() },
      latencyMs: LATENCY_MS,
      bytesPerSecond: BYTES_PER_SECOND,
    });
    const credentials = await enrollForTest(harness.db, harness.url);
    const service = await startBenchQueueKiosk({ work, countyUrl: link.url, credentials });
    try {
      await service.start();
      const receipted: string[] = [];
      const pageHashes = new Set<string>();
      let payloadBytes = 0;
      for (let i = 0; i < N; i++) {
        const pages = [];
        for (let p = 0; p < 2; p++) {
          const bytes = randomBytes(PAGE_BYTES);
          pageHashes.add(createHash('sha256').update(bytes).digest('hex'));
          pages.push(await service.outbox!.put(bytes, { kind: 'page', mime: 'image/jpeg' }));
        }
        const result = await service.submit(
          sampleDraft(
            pages.map((p, n) => ({
              materialId: `m${n}`,
              sha256: p.sha256,
              size: p.size,
              contentType: 'image/jpeg' as const,
              credibility: 'scanned' as const,
            })),
          ),
        );
        if (!result.ok) throw new Error(result.message);
        receipted.push(result.document.id);
        payloadBytes += PAGE_BYTES * 2 + Buffer.byteLength(JSON.stringify(result.document));
      }
      const failedAttempts = link.stats.connections;
      if (service.journal!.pending().length !== N) throw new Error('something reached an unreachable county');
      // The link returns. The drain is in backoff (≤ 2 s): that wait is part of the measured time.
      const before = link.stats.bytesUp;
      const started = performance.now();
      link.setTarget({ host: '127.0.0.1', port: Number(new URL(harness.url).port) });
      while (service.journal!.pending().length > 0) await sleep(50);
      const seconds = (performance.now() - started) / 1000;
      const bytesUp = link.stats.bytesUp - before;
      const check = await checkCounty(harness.db, join(harness.filesDir), credentials.deviceId, receipted);
      const exact =
        check.missing.length === 0 &&
        check.extra.length === 0 &&
        check.duplicates === 0 &&
        check.filesBad.length === 0 &&
        check.filesVerified === pageHashes.size;
      const limit = payloadBytes / BYTES_PER_SECOND;
      const ratio = seconds / limit;
      const setup = `N = ${N} applications × 2 pages of 150 KB taken offline (${failedAttempts} refused connection attempts meanwhile), then 2 Mbit/s, ${LATENCY_MS} ms one-way latency, PGlite gateway`;
      return [
        {
          name: 'time until the county has everything vs link limit',
          value: Number(seconds.toFixed(2)),
          unit: 's',
          reference: { name: 'payload ÷ bandwidth', value: Number(limit.toFixed(2)), unit: 's' },
          ratio: Number(ratio.toFixed(3)),
          target: '≤ 1.25× link limit',
          pass: ratio <= 1.25,
          note: `${setup}; bytes sent ÷ payload ${(bytesUp / payloadBytes).toFixed(3)}`,
        },
        {
          name: 'county holds exactly the receipted set, every page hashes right',
          value: check.filesVerified,
          unit: 'pages',
          reference: { name: 'pages submitted', value: pageHashes.size, unit: 'pages' },
          target: 'exact set, 0 duplicates, all SHA-256 match',
          pass: exact,
          note: `${check.delivered}/${N} delivered, ${check.missing.length} missing, ${check.extra.length} extra, ${check.duplicates} duplicate tracking numbers, ${check.filesBad.length} bad pages (hashed from the gateway's file store)`,
        },
      ];
    } finally {
      await service.stop();
      await link.stop();
      await harness.close();
      await rm(work, { recursive: true, force: true });
    }
  },
};

export default suite;
