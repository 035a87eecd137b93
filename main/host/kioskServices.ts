import { idCardService } from './devices/idCardService';
import type { KioskHost } from './kioskHost';
import type { FileLog } from './logging/logger';
import type { HostService } from './serviceManager';

/**
 * The host services of a kiosk, in start order. Both hosts (Electron and browser) run this list,
 * so they cannot drift apart.
 */
export function kioskServices(host: KioskHost, log: FileLog): HostService[] {
  return [idCardService(host, log.logger('idcard'))];
}
