import { captureHostService } from './capture/captureHostService';
import { idCardService } from './devices/idCardService';
import type { HostResources } from './hostResources';
import type { KioskHost } from './kioskHost';
import type { FileLog } from './logging/logger';
import { printHostService } from './printing/printHostService';
import type { HostService } from './serviceManager';

/**
 * The host services of a kiosk, in start order. Both hosts (Electron and browser) run this list,
 * so they cannot drift apart.
 */
export function kioskServices(host: KioskHost, log: FileLog, resources: HostResources): HostService[] {
  return [
    idCardService(host, log.logger('idcard')),
    printHostService(host, log.logger('printer'), resources),
    captureHostService(host, log.logger('capture'), resources),
  ];
}
