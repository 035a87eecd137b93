import { captureHostService } from './capture/captureHostService';
import { TownQueueService } from './clerk/townQueueService';
import { idCardService } from './devices/idCardService';
import type { HostResources } from './hostResources';
import type { KioskHost } from './kioskHost';
import type { FileLog } from './logging/logger';
import type { HtmlToPdf } from './printing/a4/a4Interfaces';
import { printHostService } from './printing/printHostService';
import { registerResultNotice } from './printing/resultNotice/resultNoticeHandler';
import { clerkAndItServices } from './provisioning/clerkAndItServices';
import type { HostService } from './serviceManager';
import type { DeviceCredentials } from './syncService/deviceCredentials';
import { QueueService } from './syncService/queueService';
import { type UpdateHostServiceOptions, updateHostService } from './updates/updateHostService';

/**
 * The host services of a kiosk, in start order. Both hosts (Electron and browser) run this list,
 * so they cannot drift apart. The queue, capture and provisioning share one data key: pages are
 * sealed with it and so is the device's private key.
 */
export interface KioskServiceOptions {
  /** The Electron shell renders A4 with its own printToPDF; otherwise a headless Chromium does. */
  htmlToPdf?: HtmlToPdf;
  /** Demo profile: the county started beside the kiosk, with the kiosk's demo enrollment. */
  demoCounty?: { url: string; credentials: DeviceCredentials };
  /** Packaged Electron builds: self-update from the county (the browser host does not). */
  updates?: Pick<
    UpdateHostServiceOptions,
    'installer' | 'platform' | 'currentVersion' | 'downloadDir' | 'releasePublicKey' | 'bytesPerSecond'
  >;
}

export function kioskServices(
  host: KioskHost,
  log: FileLog,
  resources: HostResources,
  options: KioskServiceOptions = {},
): HostService[] {
  let queue: QueueService | undefined;
  const staff = clerkAndItServices(host, {
    paths: resources.paths,
    keys: resources.dataKey,
    fileLog: log,
    demoCounty: options.demoCounty,
    queue: () => {
      const s = queue?.status();
      return {
        documents: s?.queuedDocuments ?? 0,
        files: s?.queuedFiles ?? 0,
        bytesPending: s?.bytesPending ?? 0,
        lastSyncAt: s?.lastSuccessAt ?? null,
      };
    },
  });
  queue = new QueueService({
    host,
    paths: resources.paths,
    keys: resources.dataKey,
    log: log.logger('queue'),
    credentials: async () => staff.provisioning.deviceCredentials ?? options.demoCounty?.credentials ?? null,
    ...(options.demoCounty && !host.config.county ? { countyUrl: options.demoCounty.url } : {}),
    clerks: staff.clerk,
  });
  const printer = printHostService(host, log.logger('printer'), resources);
  registerResultNotice(host, log.logger('printer'), {
    find: (query) => queue?.findForNotice(query) ?? Promise.resolve(null),
    receipt: () => printer.printService(),
    ...(options.htmlToPdf ? { htmlToPdf: options.htmlToPdf } : {}),
  });
  const updates = options.updates
    ? [
        updateHostService({
          ...options.updates,
          countyUrl: () => host.config.county?.url ?? null,
          deviceId: () => staff.provisioning.deviceCredentials?.deviceId ?? null,
          openingHours: () => staff.heartbeat.settings.get().openingHours,
          sessionActive: () => host.sessionActive(),
          log: log.logger('updates'),
        }),
      ]
    : [];
  // Provisioning loads the saved enrollment; the queue reads it once when it starts, so it must
  // come first — otherwise an enrolled kiosk comes back from every restart without county sync.
  return [
    idCardService(host, log.logger('idcard')),
    printer,
    captureHostService(host, log.logger('capture'), resources),
    staff.provisioning,
    queue,
    ...staff.services.filter((s) => s !== staff.provisioning),
    // The clerk's view of the town's queue: needs both the queue and the clerk session.
    new TownQueueService({
      host,
      queue,
      clerk: staff.clerk,
      stateDir: resources.paths.state,
      keys: resources.dataKey,
      log: log.logger('townQueue'),
    }),
    ...updates,
  ];
}
