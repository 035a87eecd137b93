import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../host/config/loadConfig';
import { hostResources } from '../host/hostResources';
import { sampleDraft } from '../host/journal/testing/sampleDraft';
import { type KioskHost, startKioskHost } from '../host/kioskHost';
import { kioskServices } from '../host/kioskServices';
import { FileLog } from '../host/logging/logger';
import { hostPaths } from '../host/paths';
import { type DemoCounty, startDemoCounty } from './demoCounty';

/** The demo profile's whole loop: an application taken at the kiosk reaches the county beside it. */
describe('demo county beside the kiosk', () => {
  let county: DemoCounty;
  let host: KioskHost;
  const call = async (name: string, input: unknown = {}) => {
    const answer = await host.contract.dispatch({ kind: 'request', id: 1, name, input });
    if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
    return answer.output as Record<string, unknown>;
  };

  beforeAll(async () => {
    const paths = hostPaths(await mkdtemp(join(tmpdir(), 'cunban-demo-county-')));
    const log = new FileLog({ dir: paths.logs });
    const resources = hostResources(paths);
    county = await startDemoCounty({
      paths,
      keys: resources.dataKey,
      log: log.logger('demo-county'),
      port: 0,
      version: 't',
    });
    const config = { ...demoConfig(), site: { ...demoConfig().site!, divisionCode: '441881102201' } };
    host = await startKioskHost({
      config,
      paths,
      log,
      hostKind: 'browser',
      version: 't',
      services: (h) => kioskServices(h, log, resources, { demoCounty: county }),
    });
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
    await county?.close();
  });

  it('enrols the demo kiosk apart from the real enrollment, and the console is served', async () => {
    expect(county.credentials.siteCode).toMatch(/^441881102201\d{2}$/);
    expect(county.staffLogin?.username).toBeTruthy();
    const status = await call('provisioning.status');
    expect(status.state).toBe('unenrolled'); // IT can still enrol it in the real county
    expect((await fetch(`${county.url}/healthz`)).status).toBe(200);
  });

  it('delivers a submitted application to the county', async () => {
    const result = await call('queue.submit', {
      ...sampleDraft(),
      formValues: {
        ...sampleDraft().formValues,
        householdAddress: { division: '441881102201', detail: '演示村1号' },
      },
    });
    expect(result.ok).toBe(true);
    await expect
      .poll(async () => ((await call('queue.status')) as { queuedDocuments: number }).queuedDocuments, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(0);
    expect(((await call('queue.status')) as { lastSuccessAt: string | null }).lastSuccessAt).not.toBeNull();
  });
});
