import type { HealthReport } from '../../../contract/health';
import type { DeviceReport } from '../../../contract/provisioning';
import type { BarcodeReaderState } from '../../../drivers/barcode/schemas';
import type { ScannerState } from '../../../drivers/scanner/schemas';
import type { KioskConfig } from '../config/kioskConfig';
import type { KioskHost } from '../kioskHost';

/**
 * What the host's service list cannot tell: the scanner and the barcode reader live inside the
 * capture service, the A4 printer and the document camera are configuration, not services.
 */
export interface LivePeripherals {
  scanner: ScannerState | null;
  barcode: BarcodeReaderState | null;
  devices: Pick<KioskConfig['devices'], 'a4Printer' | 'documentCamera'>;
}

/** Asks the host's own contract for the live states, as the screen would. */
export async function livePeripherals(
  host: Pick<KioskHost, 'contract' | 'config'>,
): Promise<LivePeripherals> {
  const ask = async <T>(name: string): Promise<T | null> => {
    const res = await host.contract.dispatch({ kind: 'request', id: 0, name, input: {} }).catch(() => null);
    return res?.ok ? (res.output as T) : null;
  };
  return {
    scanner: await ask<ScannerState>('scanner.state'),
    barcode: await ask<BarcodeReaderState | null>('barcode.state'),
    devices: host.config.devices,
  };
}

const SCANNER_FAULTS = new Set(['disconnected', 'jammed', 'cover-open', 'fault', 'no-scanner']);

/**
 * Each peripheral's state in words. A simulated one says so, so nobody mistakes the demo for
 * working hardware; the names match what the device services announce with `markSimulated`.
 */
export function deviceReports(health: HealthReport, live?: LivePeripherals): DeviceReport[] {
  const simulated = (label: string) => health.simulatedDevices.includes(label);
  /** `simulatedAs`: the name the device service announces with markSimulated, if it can be simulated. */
  const ok = (name: string, label: string, simulatedAs: string | null, words = '正常'): DeviceReport => ({
    name,
    state: 'ok',
    detailZh:
      simulatedAs && simulated(simulatedAs) ? `${label}：${words}（模拟设备，演示用）` : `${label}：${words}`,
  });
  const absent = (name: string, label: string): DeviceReport => ({
    name,
    state: 'absent',
    detailZh: `${label}：未连接或未配置`,
  });
  const fromService = (name: string, label: string, simulatedAs: string): DeviceReport => {
    const service = health.services.find((s) => s.name === name);
    if (!service || service.state === 'stopped') return absent(name, label);
    if (service.state === 'degraded')
      return {
        name,
        state: 'fault',
        ...(service.message ? { detail: service.message } : {}),
        detailZh: `${label}：故障 — ${service.messageZh ?? '请检查连线和电源'}`,
      };
    if (service.state === 'starting') return { name, state: 'degraded', detailZh: `${label}：正在启动` };
    return ok(name, label, simulatedAs);
  };

  const reports = [
    fromService('idcard', '身份证阅读器', '身份证阅读器'),
    fromService('printer', '凭条打印机', '小票打印机'),
  ];
  if (!live) return reports;

  const a4 = live.devices.a4Printer;
  reports.push(
    a4
      ? ok('a4printer', 'A4 打印机', null, `已设置（打印队列 ${a4.queue}）`)
      : absent('a4printer', 'A4 打印机'),
  );

  const scanner = live.scanner;
  if (!scanner || scanner.status === 'stopped') reports.push(absent('scanner', '扫描仪'));
  else if (SCANNER_FAULTS.has(scanner.status))
    reports.push({
      name: 'scanner',
      state: 'fault',
      detail: scanner.messageEn,
      detailZh: `扫描仪：${scanner.messageZh}`,
    });
  else reports.push(ok('scanner', '扫描仪', '扫描仪'));

  const barcode = live.barcode;
  if (!barcode || barcode.status === 'stopped') reports.push(absent('barcode', '扫码器'));
  else if (barcode.status === 'ready') reports.push(ok('barcode', '扫码器', '扫码枪'));
  else if (barcode.status === 'searching')
    reports.push({ name: 'barcode', state: 'degraded', detailZh: '扫码器：正在连接' });
  else
    reports.push({
      name: 'barcode',
      state: 'fault',
      detail: barcode.messageEn,
      detailZh: `扫码器：${barcode.messageZh}`,
    });

  // The camera is opened by the screen itself; the host only knows whether it is switched on.
  reports.push(
    live.devices.documentCamera.enabled
      ? ok('camera', '高拍仪', null, '已启用（拍照时由屏幕打开）')
      : absent('camera', '高拍仪'),
  );
  return reports;
}
