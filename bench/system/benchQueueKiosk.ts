import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractHost } from '../../contract/contractHost';
import { kioskConfigSchema } from '../../main/host/config/kioskConfig';
import { FileLog } from '../../main/host/logging/logger';
import { hostPaths } from '../../main/host/paths';
import { keyFileDataKey } from '../../main/host/secure/dataKey';
import { ServiceManager } from '../../main/host/serviceManager';
import type { DeviceCredentials } from '../../main/host/syncService/deviceCredentials';
import { QueueService } from '../../main/host/syncService/queueService';

/**
 * The kiosk side of the queue benchmarks: a QueueService with its own data folder, talking to the
 * county through `countyUrl` (a link simulator in front of the gateway), with the drain settings
 * the benchmarks share. `drainEnabled: false` leaves delivery to the caller's own loop.
 */
export async function startBenchQueueKiosk(options: {
  work: string;
  countyUrl: string;
  credentials: DeviceCredentials;
  drainEnabled?: boolean;
}): Promise<QueueService> {
  const paths = hostPaths(join(options.work, 'kiosk'));
  await mkdir(paths.keys, { recursive: true, mode: 0o700 });
  const log = new FileLog({ dir: paths.logs }).logger('bench');
  return new QueueService({
    host: {
      contract: new ContractHost(),
      services: new ServiceManager(log),
      config: kioskConfigSchema.parse({ county: { url: options.countyUrl } }),
    },
    paths,
    keys: keyFileDataKey(join(paths.keys, 'data.key')),
    log,
    credentials: async () => options.credentials,
    ...(options.drainEnabled === false ? { drainEnabled: false } : {}),
    journal: { compactAfterAcks: 50 },
    drain: { idleMs: 60_000, backoffBaseMs: 300, backoffCapMs: 2000 },
  });
}
