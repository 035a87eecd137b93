import { mkdir } from 'node:fs/promises';
import { hashClerkPin } from '../../../../sync/protocol/clerkPin';
import type { Database } from '../../../../sync/server/database';
import { writeDocuments } from '../../../../sync/server/documentStore';
import { captureHostService } from '../../capture/captureHostService';
import { kioskConfigSchema } from '../../config/kioskConfig';
import { hostResources } from '../../hostResources';
import { type KioskHost, startKioskHost } from '../../kioskHost';
import { FileLog } from '../../logging/logger';
import { hostPaths } from '../../paths';
import { printHostService } from '../../printing/printHostService';
import type { DeviceCredentials } from '../../syncService/deviceCredentials';
import type { QueueService } from '../../syncService/queueService';
import { testQueueService } from '../../syncService/testing/testQueueService';
import { ClerkService } from '../clerkService';
import { TownQueueService } from '../townQueueService';

/** The clerk the town-queue tests sign in with (badge `cunban-clerk:clerk-lan`). */
export const TEST_CLERK = { id: 'clerk-lan', name: '蓝秀梅', pin: '246810', town: '441625200' };

export async function addTestClerk(db: Database): Promise<void> {
  const pinHash = await hashClerkPin(TEST_CLERK.pin, 1000);
  await db.transaction((tx) =>
    writeDocuments(tx, db.changeChannel, 'clerks', [
      {
        id: TEST_CLERK.id,
        scopes: [`town:${TEST_CLERK.town}`],
        body: {
          id: TEST_CLERK.id,
          name: TEST_CLERK.name,
          town: TEST_CLERK.town,
          role: 'townClerk',
          active: true,
          pinHash,
        },
      },
    ]),
  );
}

export interface TownQueueHost {
  host: KioskHost;
  queue: QueueService;
  clerk: ClerkService;
  call<T = Record<string, unknown>>(name: string, input?: unknown): Promise<T>;
}

/**
 * A kiosk host with what the clerk's town queue needs, all real: the journal and county drain
 * (enrolled with `credentials`, reaching the county at `countyUrl`), clerk sign-in with the
 * county's clerk list, the print queue on the ESC/POS simulator, the simulated document scanner
 * when `scanner` is set, and the town queue service itself. The clerk list is fetched before
 * this resolves (straight from `clerkCountyUrl`, so a test may cut the queue's link first).
 */
export async function startTownQueueHost(options: {
  dataDir: string;
  credentials: DeviceCredentials;
  countyUrl: string;
  clerkCountyUrl?: string;
  scanner?: boolean;
}): Promise<TownQueueHost> {
  const paths = hostPaths(options.dataDir);
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const fileLog = new FileLog({ dir: paths.logs });
  const resources = hostResources(paths);
  const { credentials } = options;
  const config = kioskConfigSchema.parse({
    profile: 'demo',
    site: {
      name: '下蓝村党群服务中心',
      divisionCode: credentials.division,
      siteCode: 'TOWNQ1',
      townPhone: '0762-12345',
    },
    county: { url: options.countyUrl },
    devices: {
      receiptPrinter: { transport: 'simulated', paperWidthMm: 80 },
      ...(options.scanner ? { documentScanner: { transport: 'simulated' } } : {}),
    },
  });
  let queue!: QueueService;
  let clerk!: ClerkService;
  const host = await startKioskHost({
    config,
    paths,
    log: fileLog,
    hostKind: 'browser',
    version: '0.1.0-test',
    services: (h) => {
      queue = testQueueService(h, resources, fileLog, credentials, {
        drain: { idleMs: 3_600_000, backoffBaseMs: 50, backoffCapMs: 200 },
        // As kioskServices wires it: assisted submissions are checked against the live clerk.
        clerks: {
          assistingClerk: () => clerk.assistingClerk(),
          assistedSubmitted: (document) => clerk.assistedSubmitted(document),
        },
      });
      clerk = new ClerkService({
        host: h,
        stateDir: paths.state,
        keys: resources.dataKey,
        log: fileLog.logger('clerk'),
        credentials: () => credentials,
        countyUrl: () => options.clerkCountyUrl ?? options.countyUrl,
        fallbackDivision: credentials.division,
        refreshMs: 3_600_000,
      });
      const townQueue = new TownQueueService({
        host: h,
        queue,
        clerk,
        stateDir: paths.state,
        keys: resources.dataKey,
        log: fileLog.logger('townQueue'),
        syncWaitMs: 15_000,
        listWaitMs: 1_000,
        countyPullTimeoutMs: 2_000,
      });
      return [
        printHostService(h, fileLog.logger('printer'), resources),
        ...(options.scanner ? [captureHostService(h, fileLog.logger('capture'), resources)] : []),
        queue,
        clerk,
        townQueue,
      ];
    },
  });
  await clerk.syncNow();
  let nextId = 1;
  return {
    host,
    queue,
    clerk,
    async call<T>(name: string, input: unknown = {}) {
      const res = await host.contract.dispatch({ kind: 'request', id: nextId++, name, input });
      if (!res.ok) throw Object.assign(new Error(`${res.error.code}: ${res.error.message}`), res.error);
      return res.output as T;
    },
  };
}
