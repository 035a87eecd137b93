import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seedCatalogIfEmpty } from '../sync/server/catalogSeed';
import { openDatabase } from '../sync/server/database';
import { buildGateway } from '../sync/server/gateway';
import { migrate } from '../sync/server/migrations';
import { enrollKiosk, type Kiosk, makeApplication } from '../sync/server/testing/gatewayHarness';
import type { BenchFigure, BenchSuite } from './figure';

/**
 * County gateway under load: N kiosks (CUNBAN_BENCH_KIOSKS, default 200; the issue's figure is
 * 1000) each push ROUNDS batches of 10 applications and pull after each, C kiosks at a time
 * (CUNBAN_BENCH_CONCURRENCY, default 8), against PostgreSQL (DATABASE_URL). Reference, same run:
 * the same rows inserted straight into PostgreSQL with the same concurrency and batch size.
 */
const KIOSKS = Number(process.env.CUNBAN_BENCH_KIOSKS ?? 200);
const CONCURRENCY = Number(process.env.CUNBAN_BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.CUNBAN_BENCH_ROUNDS ?? 3);
const BATCH = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const suite: BenchSuite = {
  title: 'County gateway: kiosk push/pull vs raw PostgreSQL inserts',
  issue: 7,
  async run(): Promise<BenchFigure[]> {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('county bench needs DATABASE_URL (PostgreSQL); source .ci/services.env');
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const db = await openDatabase({ databaseUrl: url, schema, poolSize: 10 });
    const filesDir = await mkdtemp(path.join(tmpdir(), 'county-bench-'));
    await migrate(db);
    await seedCatalogIfEmpty(db);
    const app = await buildGateway({
      db,
      filesDir,
      rateLimitPerMinute: 1_000_000,
      enrollRateLimitPerMinute: 1_000_000,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const kiosks: Kiosk[] = [];
      await pool(
        Array.from({ length: KIOSKS }, (_, i) => i),
        8,
        async (i) => {
          kiosks.push(
            await enrollKiosk(db, base, `441625${String(200_000 + i).padStart(6, '0')}`, `站点${i}`),
          );
        },
      );
      // Build every batch first so the timed section measures the gateway, not test-data making.
      const work = kiosks.map((k) => ({
        k,
        rounds: Array.from({ length: ROUNDS }, () => Array.from({ length: BATCH }, () => makeApplication(k))),
      }));
      const latencies: number[] = [];
      const checkpoints = new Map<Kiosk, { seq: number }>();
      let pulled = 0;
      const t0 = performance.now();
      // Each kiosk works through its rounds in order (as a real one does); C kiosks at a time.
      await pool(work, CONCURRENCY, async ({ k, rounds }) => {
        for (const docs of rounds) {
          const s = performance.now();
          const conflicts = await k.client.push(
            'applications',
            docs.map((d) => ({ newDocumentState: d })),
          );
          latencies.push(performance.now() - s);
          if (conflicts.length > 0)
            throw new Error(`unexpected conflicts: ${JSON.stringify(conflicts[0]).slice(0, 200)}`);
          const page = await k.client.pull('applications', checkpoints.get(k), 100);
          checkpoints.set(k, page.checkpoint);
          pulled += page.documents.length;
        }
      });
      const seconds = (performance.now() - t0) / 1000;
      const apps = KIOSKS * ROUNDS * BATCH;
      const appsPerSecond = apps / seconds;
      latencies.sort((a, b) => a - b);
      const p99 = percentile(latencies, 99);
      if (pulled !== apps) throw new Error(`kiosks pulled ${pulled} of ${apps} documents`);

      // Reference: the same stored rows, straight into a copy of the table, same batches.
      const rows = (
        await db.query<{ id: string; scopes: string[]; body: unknown }>(
          "SELECT id, scopes, body FROM documents WHERE collection = 'applications'",
        )
      ).rows;
      const raw = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 10 });
      await raw.query('CREATE TABLE raw_documents (LIKE documents INCLUDING ALL)');
      const batches: Array<typeof rows> = [];
      for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
      const r0 = performance.now();
      await pool(batches, CONCURRENCY, async (batch) => {
        await raw.query(
          `INSERT INTO raw_documents (collection, id, scopes, body, deleted, seq)
           SELECT 'applications', x.id, x.scopes, x.body, false, nextval('change_seq')
             FROM jsonb_to_recordset($1::jsonb) AS x(id text, scopes text[], body jsonb)`,
          [JSON.stringify(batch)],
        );
      });
      const rawPerSecond = rows.length / ((performance.now() - r0) / 1000);
      await raw.end();
      const ratio = appsPerSecond / rawPerSecond;
      const note = `${KIOSKS} kiosks × ${ROUNDS} batches of ${BATCH}, ${CONCURRENCY} in flight, pull after each push; in-process Fastify + pg pool of 10 on one shared machine`;
      return [
        {
          name: 'applications accepted per second (push + pull)',
          value: Math.round(appsPerSecond),
          unit: 'apps/s',
          reference: {
            name: 'raw multi-row INSERT of the same rows',
            value: Math.round(rawPerSecond),
            unit: 'rows/s',
          },
          ratio: Number(ratio.toFixed(3)),
          target: '≥ 40 % of the raw insert rate',
          pass: ratio >= 0.4,
          note,
        },
        {
          name: 'push latency (p99, batch of 10)',
          value: Number(p99.toFixed(1)),
          unit: 'ms',
          target: 'p99 < 250 ms',
          pass: p99 < 250,
          note: `p50 ${percentile(latencies, 50).toFixed(1)} ms over ${latencies.length} pushes`,
        },
      ];
    } finally {
      await app.close();
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      await rm(filesDir, { recursive: true, force: true });
    }
  },
};
export default suite;
