import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractHost } from '../contract/contractHost';
import { kioskConfigSchema } from '../main/host/config/kioskConfig';
import { sampleDraft } from '../main/host/journal/testing/sampleDraft';
import { FileLog } from '../main/host/logging/logger';
import { hostPaths } from '../main/host/paths';
import { keyFileDataKey } from '../main/host/secure/dataKey';
import { ServiceManager } from '../main/host/serviceManager';
import { QueueService } from '../main/host/syncService/queueService';
import { enrollForTest } from '../main/host/syncService/testing/enrolledCredentials';
import { type LinkSimulator, startLinkSimulator } from '../sync/linkSimulator/linkSimulator';
import { seedCatalogIfEmpty } from '../sync/server/catalogSeed';
import type { Database } from '../sync/server/database';
import { buildGateway } from '../sync/server/gateway';
import { openTestDatabase } from '../sync/server/testing/gatewayHarness';

/**
 * A bad village link between the host's queue and the real gateway: periodic drops, responses
 * cut mid-body, a burst of 503s and the gateway process killed mid-push and started again on
 * the same database. The county must end with exactly the submitted set, once each, every page
 * verified by its SHA-256.
 */
const APPLICATIONS = Number(process.env.QUEUE_LINK_APPLICATIONS ?? 12);
let db: Database;
let dropDb: () => Promise<void>;
let gateway: FastifyInstance;
let link: LinkSimulator;
let work: string;
let service: QueueService;

async function startGateway(): Promise<FastifyInstance> {
  const app = await buildGateway({ db, filesDir: join(work, 'county-files'), sseHeartbeatMs: 500 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

const portOf = (app: FastifyInstance) => {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
};

async function killGateway(app: FastifyInstance): Promise<void> {
  // As abrupt as a crash: open requests (a push, a PATCH) lose their connection mid-way.
  app.server.closeAllConnections();
  await app.close();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cunban-link-'));
  ({ db, drop: dropDb } = await openTestDatabase('pglite'));
  await seedCatalogIfEmpty(db);
  gateway = await startGateway();
  link = await startLinkSimulator({
    target: { host: '127.0.0.1', port: portOf(gateway) },
    latencyMs: 30,
    bytesPerSecond: 600_000,
    dropEveryMs: 1200,
  });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await link?.stop();
  if (gateway) await killGateway(gateway);
  await dropDb?.();
  await rm(work, { recursive: true, force: true });
});

describe('queue through a bad link', () => {
  it('delivers exactly the submitted set, once each, with every page verified', async () => {
    const url = `http://127.0.0.1:${portOf(gateway)}`;
    const credentials = await enrollForTest(db, url);
    const paths = hostPaths(join(work, 'kiosk'));
    await mkdir(paths.keys, { recursive: true, mode: 0o700 });
    const log = new FileLog({ dir: paths.logs }).logger('test');
    const contract = new ContractHost();
    service = new QueueService({
      host: {
        contract,
        services: new ServiceManager(log),
        config: kioskConfigSchema.parse({ county: { url: link.url } }),
      },
      paths,
      keys: keyFileDataKey(join(paths.keys, 'data.key')),
      log,
      credentials: async () => credentials,
      drain: { idleMs: 200, backoffBaseMs: 100, backoffCapMs: 800 },
    });
    await service.start();

    const submitted = new Map<string, string[]>();
    for (let i = 0; i < APPLICATIONS; i++) {
      const pages = await Promise.all(
        [0, 1].map(() =>
          service.outbox!.put(randomBytes(20_000 + Math.floor(Math.random() * 60_000)), {
            kind: 'page',
            mime: 'image/jpeg',
          }),
        ),
      );
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
      submitted.set(
        result.document.id,
        pages.map((p) => p.sha256),
      );
      if (i === 2) link.cutNextResponseAfter(60);
      if (i === 5) link.failNextConnections(3);
      if (i === 7) link.cutNextResponseAfter(300);
    }
    // Kill the gateway while the drain is busy, start it again a moment later.
    await new Promise((r) => setTimeout(r, 400));
    await killGateway(gateway);
    await new Promise((r) => setTimeout(r, 800));
    gateway = await startGateway();
    link.setTarget({ host: '127.0.0.1', port: portOf(gateway) });

    const deadline = Date.now() + 90_000;
    while (service.journal!.pending().length > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(service.journal!.pending(), JSON.stringify(service.status().error)).toHaveLength(0);
    expect(link.stats.drops).toBeGreaterThan(0);

    const rows = (
      await db.query<{ id: string; body: { trackingNumber: string; filesComplete: boolean } }>(
        "SELECT id, body FROM documents WHERE collection = 'applications' AND body->>'deviceId' = $1",
        [credentials.deviceId],
      )
    ).rows;
    expect(rows.map((r) => r.id).sort()).toEqual([...submitted.keys()].sort());
    expect(new Set(rows.map((r) => r.body.trackingNumber)).size).toBe(rows.length);
    for (const row of rows) expect(row.body.filesComplete).toBe(true);
    const files = (
      await db.query<{ application_id: string; sha256: string }>(
        "SELECT DISTINCT application_id, sha256 FROM files WHERE state = 'verified' AND device_id = $1",
        [credentials.deviceId],
      )
    ).rows;
    const expected = [...submitted].flatMap(([id, shas]) => shas.map((sha) => `${id}:${sha}`)).sort();
    expect(files.map((f) => `${f.application_id}:${f.sha256}`).sort()).toEqual(expected);
  }, 150_000);
});
