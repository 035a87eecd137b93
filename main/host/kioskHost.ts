import { randomUUID } from 'node:crypto';
import { ContractHost } from '../../contract/contractHost';
import type { HealthReport } from '../../contract/health';
import { AdminPinCheck } from './admin/adminPin';
import type { KioskConfig } from './config/kioskConfig';
import { exportLogs } from './logging/logExport';
import type { FileLog } from './logging/logger';
import type { HostPaths } from './paths';
import { type HostService, ServiceManager } from './serviceManager';

export interface KioskHostOptions {
  config: KioskConfig;
  paths: HostPaths;
  log: FileLog;
  hostKind: 'electron' | 'browser';
  version: string;
  /** Services beyond the built-in ones, in start order (devices, printing, journal…). */
  services?: (host: KioskHost) => HostService[];
  /** Called when IT staff exit through the admin path; the only way the kiosk closes. */
  onAdminExit?: () => void;
  now?: () => Date;
}

export interface KioskHost {
  readonly contract: ContractHost;
  readonly services: ServiceManager;
  readonly config: KioskConfig;
  readonly instanceId: string;
  health(): HealthReport;
  /** Simulated peripherals announce themselves so the UI can show the demo banner. */
  markSimulated(device: string): void;
  /** A villager is at the screen (reported by the renderer through session.activity). */
  sessionActive(): boolean;
  /** The admin PIN check shared by admin exit and the IT console (one budget of guesses). */
  readonly adminPin: AdminPinCheck;
  stop(): Promise<void>;
}

/**
 * The electron-free host: the contract handlers and the services behind them. Both hosts (the
 * Electron shell and the browser host) run exactly this and only differ in how they bind it.
 */
export async function startKioskHost(options: KioskHostOptions): Promise<KioskHost> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const logger = options.log.logger('host');
  const simulated = new Set<string>();
  let villagerAtScreen = false;
  const contract = new ContractHost({}, (name, error) =>
    logger.error('request failed', {
      request: name,
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  let emitTimer: ReturnType<typeof setTimeout> | undefined;
  const services = new ServiceManager(logger, () => {
    // Coalesce bursts of status changes (start-up) into one event.
    if (emitTimer) return;
    emitTimer = setTimeout(() => {
      emitTimer = undefined;
      contract.emit('health.changed', host.health());
    }, 50);
  });
  const adminPin = new AdminPinCheck({
    pinHash: () => options.config.adminPinHash ?? null,
    demo: () => options.config.profile === 'demo',
  });

  const host: KioskHost = {
    contract,
    services,
    config: options.config,
    instanceId: randomUUID(),
    health: () => ({
      profile: options.config.profile,
      version: options.version,
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.max(0, (now().getTime() - startedAt.getTime()) / 1000),
      services: services.list(),
      simulatedDevices: [...simulated],
    }),
    markSimulated: (device) => {
      simulated.add(device);
    },
    sessionActive: () => villagerAtScreen,
    adminPin,
    async stop() {
      if (emitTimer) clearTimeout(emitTimer);
      await services.stopAll();
      logger.info('host stopped');
    },
  };

  contract.handle({
    'system.ping': async ({ nonce }) => ({ nonce, hostTime: now().toISOString() }),
    'system.info': async () => ({
      version: options.version,
      profile: options.config.profile,
      host: options.hostKind,
      site: options.config.site
        ? { name: options.config.site.name, divisionCode: options.config.site.divisionCode }
        : null,
      countyUrl: options.config.county?.url ?? null,
      idleTimeoutSeconds: options.config.timeouts.idleSeconds,
    }),
    'health.get': async () => host.health(),
    'session.activity': async ({ active }) => {
      villagerAtScreen = active;
      return { ok: true as const };
    },
    'logs.recent': async ({ limit }) => ({ lines: options.log.recent(limit) }),
    'logs.export': async ({ days }) => exportLogs(options.log, options.paths.exports, days, now()),
    'admin.exit': async ({ pin }) => {
      await adminPin.check(pin).catch((error: unknown) => {
        logger.warn('admin exit refused', { reason: (error as Error).message });
        throw error;
      });
      logger.info('admin exit');
      setTimeout(() => options.onAdminExit?.(), 50);
      return { ok: true as const };
    },
  });

  logger.info('host starting', {
    profile: options.config.profile,
    host: options.hostKind,
    version: options.version,
  });
  await services.startAll(options.services?.(host) ?? []);
  return host;
}
