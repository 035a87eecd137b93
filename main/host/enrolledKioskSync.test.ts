import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../sync/server/testing/gatewayHarness';
import { kioskConfigSchema } from './config/kioskConfig';
import { hostResources } from './hostResources';
import { sampleDraft } from './journal/testing/sampleDraft';
import { type KioskHost, startKioskHost } from './kioskHost';
import { kioskServices } from './kioskServices';
import { FileLog } from './logging/logger';
import { hostPaths } from './paths';
import { sealerFor } from './secure/sealedBox';
import { saveDeviceCredentials } from './syncService/deviceCredentials';
import { enrollForTest } from './syncService/testing/enrolledCredentials';

/**
 * A kiosk enrolled before (its credentials saved by provisioning) and started again — as after
 * every power cut or host restart — must sync with its county. The queue reads the enrollment
 * when it starts, so provisioning has to have loaded it by then (the chaos bench found a kiosk
 * that stayed "not enrolled" after restarts and never delivered anything).
 */
let harness: Harness;
let dataDir: string;
let host: KioskHost | undefined;
let deviceId: string;

beforeAll(async () => {
  harness = await startHarness('pglite');
  dataDir = await mkdtemp(join(tmpdir(), 'cunban-enrolled-'));
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await harness?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(countyUrl: string): Promise<KioskHost> {
  const paths = hostPaths(dataDir);
  const log = new FileLog({ dir: paths.logs });
  return startKioskHost({
    config: kioskConfigSchema.parse({ profile: 'demo', county: { url: countyUrl } }),
    paths,
    log,
    hostKind: 'browser',
    version: 't',
    services: (h) => kioskServices(h, log, hostResources(paths)),
  });
}

async function call<T>(h: KioskHost, name: string, input: unknown = {}): Promise<T> {
  const answer = await h.contract.dispatch({ kind: 'request', id: 1, name, input });
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
  return answer.output as T;
}

describe('an enrolled kiosk after a restart', () => {
  it('takes the saved enrollment and delivers to the county', async () => {
    const paths = hostPaths(dataDir);
    await mkdir(paths.keys, { recursive: true, mode: 0o700 });
    const credentials = await enrollForTest(harness.db, harness.url, '441881102201');
    deviceId = credentials.deviceId;
    const key = await hostResources(paths).dataKey.getKey();
    await saveDeviceCredentials(paths.keys, sealerFor(key), credentials);

    host = await start(harness.url);
    const submitted = await call<{ ok: boolean; document: { id: string; trackingNumber: string } }>(
      host,
      'queue.submit',
      sampleDraft(),
    );
    expect(submitted.ok).toBe(true);
    // The tracking number carries the enrolled site, not the demo placeholder.
    expect(submitted.document.trackingNumber, credentials.siteCode).toMatch(
      new RegExp(`^${credentials.siteCode}-`),
    );
    await expect
      .poll(
        async () =>
          (
            await harness.db.query(
              "SELECT id FROM documents WHERE collection = 'applications' AND id = $1 AND body->>'deviceId' = $2",
              [submitted.document.id, deviceId],
            )
          ).rows.length,
        { timeout: 20_000, interval: 250 },
      )
      .toBe(1);
    const status = await call<{ error: { code: string } | null }>(host, 'queue.status');
    expect(status.error?.code).not.toBe('not-enrolled');
  }, 60_000);

  it('without an enrollment stays local and says so (the unenrolled case is unchanged)', async () => {
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
    host = await start(harness.url);
    const status = await call<{ error: { code: string } | null }>(host, 'queue.status');
    expect(status.error?.code).toBe('not-enrolled');
  }, 60_000);
});
