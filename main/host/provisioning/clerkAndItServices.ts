import { ClerkService } from '../clerk/clerkService';
import type { KioskConfig } from '../config/kioskConfig';
import { AdminSession } from '../diagnostics/adminSession';
import { CountyHeartbeat } from '../diagnostics/countyHeartbeat';
import { DiagnosticsService } from '../diagnostics/diagnosticsService';
import { type PowerControl, PowerScheduler } from '../diagnostics/powerScheduler';
import { RemoteSettingsStore } from '../diagnostics/remoteSettings';
import { systemPowerControl } from '../diagnostics/systemPowerControl';
import type { KioskHost } from '../kioskHost';
import type { FileLog } from '../logging/logger';
import type { HostPaths } from '../paths';
import type { DataKeyProvider } from '../secure/dataKey';
import type { HostService } from '../serviceManager';
import type { DeviceCredentials } from '../syncService/deviceCredentials';
import { ProvisioningService } from './provisioningService';

export interface ClerkAndItOptions {
  paths: HostPaths;
  /** The same data key provider the queue service uses (the device key is sealed with it). */
  keys: DataKeyProvider;
  fileLog: FileLog;
  /** Defaults to the host's own version. */
  version?: string;
  onProvisioned?: (config: KioskConfig) => void;
  queue?: () => { documents: number; files: number; bytesPending: number; lastSyncAt: string | null };
  heartbeatMs?: number;
  fetchImpl?: typeof fetch;
  /** Demo profile: clerks come from the demo county until the kiosk is enrolled in a real one. */
  demoCounty?: { url: string; credentials: DeviceCredentials };
  /** The machine's power switch for the county's schedule (default: systemctl / shutdown). */
  power?: PowerControl;
}

export interface ClerkAndIt {
  provisioning: ProvisioningService;
  admin: AdminSession;
  heartbeat: CountyHeartbeat;
  clerk: ClerkService;
  diagnostics: DiagnosticsService;
  power: PowerScheduler;
  services: HostService[];
}

/**
 * Provisioning, the admin session and diagnostics, heartbeat with remote settings, and clerks,
 * wired to each other. `kioskServices` spreads `services` in after the queue service.
 */
export function clerkAndItServices(host: KioskHost, options: ClerkAndItOptions): ClerkAndIt {
  const { paths, fileLog } = options;
  const version = options.version ?? host.health().version;
  let provisioning: ProvisioningService;
  const admin = new AdminSession({
    pinHash: () => provisioning.config.adminPinHash,
    demo: () => provisioning.config.profile === 'demo',
    pinCheck: host.adminPin,
    onLocked: (reason) => host.contract.emit('admin.locked', { reason }),
  });
  provisioning = new ProvisioningService({
    host,
    paths,
    keys: options.keys,
    admin,
    log: fileLog.logger('provisioning'),
    version,
    onProvisioned: (config) => {
      // A freshly enrolled kiosk fetches its clerks and settings at once, not in five minutes.
      void clerk.syncNow().catch(() => {});
      void heartbeat.beatNow();
      options.onProvisioned?.(config);
    },
  });
  const credentials = () => provisioning.deviceCredentials;
  const countyUrl = () => provisioning.config.county?.url ?? null;
  const heartbeat = new CountyHeartbeat({
    host,
    credentials,
    countyUrl,
    settings: new RemoteSettingsStore(paths.state, host.config.timeouts.idleSeconds),
    dataDir: paths.root,
    log: fileLog.logger('heartbeat'),
    version,
    queue: options.queue,
    onRevoked: () => provisioning.markRevoked(),
    intervalMs: options.heartbeatMs,
    fetchImpl: options.fetchImpl,
  });
  const clerk = new ClerkService({
    host,
    stateDir: paths.state,
    keys: options.keys,
    log: fileLog.logger('clerk'),
    credentials: () => credentials() ?? options.demoCounty?.credentials ?? null,
    countyUrl: () => (credentials() ? countyUrl() : (options.demoCounty?.url ?? countyUrl())),
    fallbackDivision: host.config.site?.divisionCode ?? '000000000000',
    fetchImpl: options.fetchImpl,
  });
  // A demo kiosk has no business switching the machine off: its schedule is shown, not carried out.
  const demoPower: PowerControl = {
    powerOff: async () => fileLog.logger('power').info('demo: scheduled power-off not carried out'),
    reboot: async () => fileLog.logger('power').info('demo: scheduled reboot not carried out'),
  };
  const power = new PowerScheduler({
    schedule: () => heartbeat.settings.get().powerSchedule,
    busy: () => host.sessionActive() || admin.unlocked,
    power: options.power ?? (host.config.profile === 'production' ? systemPowerControl() : demoPower),
    log: fileLog.logger('power'),
  });
  const diagnostics = new DiagnosticsService({
    host,
    admin,
    fileLog,
    log: fileLog.logger('diagnostics'),
    exportsDir: paths.exports,
    configFile: paths.config,
    pendingConfig: () => provisioning.config,
    scratchDir: paths.state,
    power,
  });
  return {
    provisioning,
    admin,
    heartbeat,
    clerk,
    diagnostics,
    power,
    services: [provisioning, diagnostics, heartbeat, clerk, power],
  };
}
