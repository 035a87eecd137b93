import type { HostResources } from '../../hostResources';
import type { KioskHost } from '../../kioskHost';
import type { FileLog } from '../../logging/logger';
import type { DeviceCredentials } from '../deviceCredentials';
import { QueueService, type QueueServiceOptions } from '../queueService';

/** The queue service as host tests build it: enrolled with `credentials`, fast retries unless told. */
export function testQueueService(
  host: KioskHost,
  resources: HostResources,
  log: FileLog,
  credentials: DeviceCredentials,
  options: Partial<QueueServiceOptions> = {},
): QueueService {
  return new QueueService({
    host,
    paths: resources.paths,
    keys: resources.dataKey,
    log: log.logger('queue'),
    credentials: async () => credentials,
    drain: { idleMs: 200, backoffBaseMs: 100, backoffCapMs: 500 },
    ...options,
  });
}
