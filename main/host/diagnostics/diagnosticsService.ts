import { ContractError } from '../../../contract/define';
import { listUsbReaderCandidates, probeSerialPorts } from '../../../drivers/idcard/index';
import type { KioskHost } from '../kioskHost';
import { exportLogs } from '../logging/logExport';
import type { FileLog, Logger } from '../logging/logger';
import type { HostService } from '../serviceManager';
import type { AdminSession } from './adminSession';
import { deviceReports } from './deviceReports';
import { isAllowedExportFolder, listExportTargets } from './exportTargets';

export interface DiagnosticsServiceOptions {
  host: Pick<KioskHost, 'contract' | 'health'>;
  admin: AdminSession;
  fileLog: FileLog;
  log: Logger;
  exportsDir: string;
  /** Tests point this at a fake /proc/mounts. */
  mountsFile?: string;
  /** Serial probing opens every port; tests limit it. */
  probe?: () => Promise<{ kind: string; path: string; resultZh: string }[]>;
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
      'diagnostics.devices': guarded(async () => ({ devices: deviceReports(host.health()) })),
      'diagnostics.probe': guarded(async () => ({ candidates: await (this.options.probe ?? probeAll)() })),
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
}

/** Serial ports answered by a SAM module (ID card reader) and USB ids of known readers. */
async function probeAll(): Promise<{ kind: string; path: string; resultZh: string }[]> {
  const serial = await probeSerialPorts({ timeoutMs: 300 });
  const usb = await listUsbReaderCandidates();
  return [
    ...serial.map((p) => ({
      kind: 'serial',
      path: p.path,
      resultZh: p.samAnswered ? '身份证阅读器（安全模块已应答）' : '串口无应答（不是阅读器，或设备未通电）',
    })),
    ...usb.map((c) => ({
      kind: c.transport,
      path: c.id,
      resultZh: `可能是身份证阅读器：${c.product ?? c.note}`,
    })),
  ];
}
