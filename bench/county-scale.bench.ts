import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { GatewayClient } from '../sync/client/index';
import { openDatabase } from '../sync/server/database';
import { buildGateway } from '../sync/server/gateway';
import { type ChildGateway, startChildGateway } from '../sync/server/testing/childGateway';
import { enrollKiosk, type Kiosk, makeApplication } from '../sync/server/testing/gatewayHarness';
import type { BenchFigure, BenchSuite } from './figure';
import { percentile, pool } from './system/pool';

/**
 * County scale: K simulated kiosks (COUNTY_SCALE_KIOSKS, default 300; the issue's figure is 2000)
 * against TWO gateway nodes — child processes started as `npm run county` would, sharing one
 * PostgreSQL schema. Each kiosk pushes ROUNDS batches of 10 applications and pulls after each,
 * alternating kiosks between the nodes, C in flight (COUNTY_SCALE_CONCURRENCY, default 8, as bench/county.bench.ts).
 * Reference in the same run: the same rows inserted straight into PostgreSQL, same batches and
 * concurrency. Kiosks enroll through an in-process gateway on the same schema (the CLI node
 * limits enrollment to 30 a minute per address, which would make set-up take ten minutes).
 */
const KIOSKS = Number(process.env.COUNTY_SCALE_KIOSKS ?? 300);
const CONCURRENCY = Number(process.env.COUNTY_SCALE_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.COUNTY_SCALE_ROUNDS ?? 2);
const BATCH = 10;

const suite: BenchSuite = {
  title: 'County scale: kiosks against two gateway nodes on one PostgreSQL',
  issue: 11,
  async run(): Promise<BenchFigure[]> {
    const url = process.env.DATABASE_URL;
    if (!url)
      throw new Error('county-scale bench needs DATABASE_URL (PostgreSQL); source .ci/services.env first');
    const schema = `bench_scale_${randomBytes(4).toString('hex')}`;
    const env = { CUNBAN_DB_SCHEMA: schema, LOG_LEVEL: 'error' };
    const dirs = [
      await mkdtemp(path.join(tmpdir(), 'scale-a-')),
      await mkdtemp(path.join(tmpdir(), 'scale-b-')),
    ];
    const nodes: ChildGateway[] = [];
    const db = await openDatabase({ databaseUrl: url, schema, poolSize: 10 });
    let enroller: Awaited<ReturnType<typeof buildGateway>> | undefined;
    try {
      // A first: it runs the migrations and seeds the catalogue; B then finds them done.
      nodes.push(await startChildGateway(['--port', '0', '--data', dirs[0]!], env));
      nodes.push(await startChildGateway(['--port', '0', '--data', dirs[1]!], env));
      enroller = await buildGateway({ db, filesDir: dirs[0]!, enrollRateLimitPerMinute: 1_000_000 });
      await enroller.listen({ port: 0, host: '127.0.0.1' });
      const address = enroller.server.address();
      const enrollUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const kiosks: Kiosk[] = [];
      await pool(
        Array.from({ length: KIOSKS }, (_, i) => i),
        8,
        async (i) => {
          const k = await enrollKiosk(
            db,
            enrollUrl,
            `441625${String(300_000 + i).padStart(6, '0')}`,
            `站点${i}`,
          );
          k.client = new GatewayClient(nodes[i % 2]!.url, k.signer);
          kiosks.push(k);
        },
      );
      await enroller.close();
      enroller = undefined;
      const work = kiosks.map((k) => ({
        k,
        rounds: Array.from({ length: ROUNDS }, () => Array.from({ length: BATCH }, () => makeApplication(k))),
      }));
      const pushMs: number[] = [];
      const pullMs: number[] = [];
      let pushSeconds = 0;
      let pullSeconds = 0;
      let pulled = 0;
      const t0 = performance.now();
      await pool(work, CONCURRENCY, async ({ k, rounds }) => {
        let checkpoint: unknown;
        for (const docs of rounds) {
          const s = performance.now();
          const conflicts = await k.client.push(
            'applications',
            docs.map((d) => ({ newDocumentState: d })),
          );
          const p = performance.now();
          pushMs.push(p - s);
          pushSeconds += (p - s) / 1000;
          if (conflicts.length > 0)
            throw new Error(`unexpected conflicts: ${JSON.stringify(conflicts[0]).slice(0, 200)}`);
          const page = await k.client.pull('applications', checkpoint as never, 100);
          pullMs.push(performance.now() - p);
          pullSeconds += (performance.now() - p) / 1000;
          checkpoint = page.checkpoint;
          pulled += page.documents.length;
        }
      });
      const seconds = (performance.now() - t0) / 1000;
      const apps = KIOSKS * ROUNDS * BATCH;
      if (pulled !== apps) throw new Error(`kiosks pulled ${pulled} of ${apps} documents`);
      const appsPerSecond = apps / seconds;
      pushMs.sort((a, b) => a - b);
      pullMs.sort((a, b) => a - b);

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
      const setup = `${KIOSKS} kiosks × ${ROUNDS} batches of ${BATCH}, ${CONCURRENCY} in flight, alternating between 2 gateway child processes on one PostgreSQL; shared 2-core machine (gateways, PostgreSQL and the load generator on it)`;
      // Time-share each direction takes of the run, so the two rates add up to the run's work.
      const pushShare = pushSeconds / (pushSeconds + pullSeconds);
      return [
        {
          name: 'applications pushed per second (push + pull cycle)',
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
          note: `${setup}; push takes ${(pushShare * 100).toFixed(0)} % of request time`,
        },
        {
          name: 'push latency (p99, batch of 10)',
          value: Number(percentile(pushMs, 99).toFixed(1)),
          unit: 'ms',
          target: 'p99 < 250 ms',
          pass: percentile(pushMs, 99) < 250,
          note: `p50 ${percentile(pushMs, 50).toFixed(1)} ms over ${pushMs.length} pushes`,
        },
        {
          name: 'documents pulled per second',
          value: Math.round(pulled / seconds),
          unit: 'docs/s',
          note: `${pulled} documents in ${pullMs.length} pulls; each kiosk sees its own scope`,
        },
        {
          name: 'pull latency (p99)',
          value: Number(percentile(pullMs, 99).toFixed(1)),
          unit: 'ms',
          target: 'p99 < 250 ms',
          pass: percentile(pullMs, 99) < 250,
          note: `p50 ${percentile(pullMs, 50).toFixed(1)} ms over ${pullMs.length} pulls`,
        },
      ];
    } finally {
      await enroller?.close();
      await Promise.all(nodes.map((n) => n.stop()));
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    }
  },
};
export default suite;
