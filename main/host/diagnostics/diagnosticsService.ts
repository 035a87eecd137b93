import { join } from 'node:path';
import { ContractError } from '../../../contract/define';
import { openSaneTestBackend } from '../../../drivers/scanner/saneTestBackend';
import type { KioskConfig } from '../config/kioskConfig';
import { ConfigError } from '../config/loadConfig';
import type { KioskHost } from '../kioskHost';
import { exportLogs } from '../logging/logExport';
import type { FileLog, Logger } from '../logging/logger';
import type { HostService } from '../serviceManager';
import type { AdminSession } from './adminSession';
import { AssignmentError, assignDevice } from './deviceAssignment';
import { type Detection, type DetectionSources, detectDevices, portsInUse } from './deviceDetection';
import { deviceReports, livePeripherals } from './deviceReports';
import { isAllowedExportFolder, listExportTargets } from './exportTargets';
import type { PowerScheduler } from './powerScheduler';
import { listSaneScanners, type ScannerTestOptions, testScanOnePage } from './scannerTest';

export interface DiagnosticsServiceOptions {
  host: Pick<KioskHost, 'contract' | 'health' | 'config'>;
  admin: AdminSession;
  fileLog: FileLog;
  log: Logger;
  exportsDir: string;
  /** Tests point this at a fake /proc/mounts. */
  mountsFile?: string;
  /** Serial probing opens every port; tests limit it. */
  probe?: () => Promise<{ kind: string; path: string; resultZh: string }[]>;
  /** Where detection looks; tests point it at ptys. `inUse` is always the running config's ports. */
  detection?: Omit<DetectionSources, 'inUse' | 'saneDevices'>;
  /** The kiosk.json device assignments are written to (the one enrollment writes). */
  configFile: string;
  /** The config the next start will load, when enrollment already wrote a newer one. */
  pendingConfig?: () => KioskConfig;
  /** Scratch folder for scanner tests. */
  scratchDir: string;
  /** SANE environment for real scanners (tests: the test backend). The demo opens its own. */
  saneEnv?: Record<string, string>;
  power?: PowerScheduler;
}

/**
 * The IT console's host side: admin unlock, device states, probing, and logs. Every request but
 * `admin.unlock` needs the admin session, so nothing here is reachable from the villager screens
 * even if someone found the request names.
 */
export class DiagnosticsService implements HostService {
  readonly name = 'diagnostics';

  constructor(private readonly options: DiagnosticsServiceOptions) {}

  async start(): Promise<void> {
    const { host, admin, fileLog, log } = this.options;
    const guarded =
      <I, O>(fn: (input: I) => Promise<O>) =>
      async (input: I) => {
        admin.require();
        return fn(input);
      };
    host.contract.handle({
      'admin.unlock': async ({ pin }) => {
        try {
          const session = await admin.unlock(pin);
          log.info('admin console unlocked');
          return session;
        } catch (error) {
          log.warn('admin unlock refused', { reason: (error as Error).message });
          throw error;
        }
      },
      'admin.lock': async () => {
        admin.lock('lock');
        return { ok: true as const };
      },
      'diagnostics.devices': guarded(async () => ({
        devices: deviceReports(host.health(), await livePeripherals(host)),
      })),
      // The older list view: the same detection, in its shape.
      'diagnostics.probe': guarded(async () => ({
        candidates: this.options.probe
          ? await this.options.probe()
          : (await this.detect()).map((d) => ({ kind: d.kind, path: d.path, resultZh: d.resultZh })),
      })),
      'diagnostics.detect': guarded(async () => ({
        devices: (await this.detect()).map(({ configs: _hostOnly, ...d }) => d),
      })),
      'diagnostics.testScan': guarded(async ({ deviceId }) => {
        const found = this.lastDetection.find((d) => d.id === deviceId && d.kind === 'sane');
        if (!found)
          throw new ContractError('invalid-input', 'detect devices first, then test a scanner from the list');
        const result = await this.withSane((options) => testScanOnePage(found.path, options));
        log.info('scanner test', { device: found.path, ok: result.ok, ms: Math.round(result.ms) });
        return result;
      }),
      'diagnostics.assign': guarded(async ({ role, deviceId }) => {
        const found = this.lastDetection.find((d) => d.id === deviceId);
        const device = found?.configs[role];
        if (!found || !device)
          throw new ContractError(
            'invalid-input',
            `this device cannot be used as ${role}; detect devices first`,
          );
        try {
          // One read-modify-write of kiosk.json at a time: two quick taps must not lose one.
          const write = this.configWrites.then(() =>
            assignDevice({
              configFile: this.options.configFile,
              running: this.options.pendingConfig?.() ?? host.config,
              role,
              device,
            }),
          );
          this.configWrites = write.then(
            () => {},
            () => {},
          );
          await write;
        } catch (error) {
          if (error instanceof ConfigError || error instanceof AssignmentError)
            throw new ContractError('failed', error.message);
          throw error;
        }
        log.info('device assigned in the kiosk config', { role, kind: found.kind });
        // The device services open their device once at start from the loaded config; none of
        // them can switch devices while running, so the honest answer is a restart.
        return {
          restartRequired: true,
          resultZh: `已写入本机配置：${ROLE_WORDS[role]}使用 ${found.path}。请重启本机后生效。`,
        };
      }),
      'diagnostics.powerPlan': guarded(async () => {
        if (!this.options.power) throw new ContractError('unavailable', 'no power schedule on this host');
        return this.options.power.plan();
      }),
      'diagnostics.exportTargets': guarded(async () => ({
        folders: await listExportTargets(this.options.exportsDir, this.options.mountsFile),
      })),
      'diagnostics.exportLogs': guarded(async ({ folder, days }) => {
        const allowed = await listExportTargets(this.options.exportsDir, this.options.mountsFile);
        if (!isAllowedExportFolder(folder, allowed))
          throw new ContractError(
            'forbidden',
            'logs may only be exported to a USB stick or the export folder',
          );
        const result = await exportLogs(fileLog, folder, days);
        log.info('logs exported', { bytes: result.bytes, files: result.files });
        return result;
      }),
      // Log lines are redacted when written (logging/redact), so they can be shown as they are.
      'diagnostics.recentLogs': guarded(async ({ limit }) => ({ lines: fileLog.recent(limit) })),
    });
  }

  async stop(): Promise<void> {
    this.options.admin.lock('lock');
  }

  private lastDetection: Detection[] = [];
  private configWrites: Promise<void> = Promise.resolve();

  private async detect(): Promise<Detection[]> {
    const devices = this.options.host.config.devices;
    const found = await detectDevices({
      ...this.options.detection,
      inUse: portsInUse(devices),
      saneDevices: () => this.withSane((options) => listSaneScanners(options)),
    });
    // The demo's scanners are SANE's test backend: they may be tested, never written into a
    // config (the file on disk may already be the production one enrollment wrote).
    this.lastDetection = this.demoSane()
      ? found.map((d) =>
          d.kind === 'sane'
            ? { ...d, role: null, configs: {}, resultZh: `${d.resultZh}（模拟设备，演示用）` }
            : d,
        )
      : found;
    return this.lastDetection;
  }

  private demoSane(): boolean {
    return (
      !this.options.saneEnv && this.options.host.config.devices.documentScanner.transport === 'simulated'
    );
  }

  /** Real SANE, or in the demo the test backend (the simulated scanner has no SANE of its own). */
  private async withSane<T>(work: (options: ScannerTestOptions) => Promise<T>): Promise<T> {
    const workDir = join(this.options.scratchDir, 'scanner-test');
    if (!this.demoSane()) return work({ workDir, env: this.options.saneEnv });
    const backend = await openSaneTestBackend(1);
    try {
      return await work({ workDir, env: backend.env });
    } finally {
      await backend.close();
    }
  }
}

const ROLE_WORDS = {
  idCardReader: '身份证阅读器',
  receiptPrinter: '凭条打印机',
  barcodeScanner: '扫码器',
  documentScanner: '扫描仪',
} as const;
