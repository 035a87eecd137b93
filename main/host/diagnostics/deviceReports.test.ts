import { describe, expect, it } from 'vitest';
import { barcodeReaderState } from '../../../drivers/barcode/schemas';
import { scannerState } from '../../../drivers/scanner/schemas';
import { deviceReports, type LivePeripherals } from './deviceReports';

const health = {
  profile: 'demo' as const,
  version: '0',
  startedAt: '',
  uptimeSeconds: 1,
  services: [
    { name: 'idcard', state: 'running' as const },
    { name: 'printer', state: 'degraded' as const, message: 'paper out', messageZh: '打印机缺纸' },
    { name: 'capture', state: 'running' as const },
  ],
  // As the device services announce themselves (markSimulated), not by service name.
  simulatedDevices: ['身份证阅读器', '扫描仪'],
};

const live = (over: Partial<LivePeripherals> = {}): LivePeripherals => ({
  scanner: scannerState('idle'),
  barcode: barcodeReaderState('ready', 'serial'),
  devices: { a4Printer: null, documentCamera: { enabled: false } },
  ...over,
});

const byName = (reports: ReturnType<typeof deviceReports>) =>
  Object.fromEntries(reports.map((r) => [r.name, r]));

describe('deviceReports', () => {
  it('turns service states into words, naming simulators and faults', () => {
    const r = byName(deviceReports(health, live()));
    expect(r.idcard).toMatchObject({ state: 'ok', detailZh: '身份证阅读器：正常（模拟设备，演示用）' });
    expect(r.printer).toMatchObject({
      state: 'fault',
      detail: 'paper out',
      detailZh: expect.stringContaining('缺纸'),
    });
    expect(r.scanner).toMatchObject({ state: 'ok', detailZh: '扫描仪：正常（模拟设备，演示用）' });
    expect(r.barcode).toMatchObject({ state: 'ok', detailZh: '扫码器：正常' });
    expect(r.a4printer?.state).toBe('absent');
    expect(r.camera?.state).toBe('absent');
  });

  it('reports the scanner and barcode reader from their own states, not the capture service', () => {
    const r = byName(
      deviceReports(
        health,
        live({
          scanner: scannerState('jammed'),
          barcode: barcodeReaderState('disconnected', 'serial', 'port closed'),
          devices: { a4Printer: { queue: 'CunbanPDF' }, documentCamera: { enabled: true } },
        }),
      ),
    );
    expect(r.scanner).toMatchObject({ state: 'fault', detailZh: expect.stringContaining('卡纸') });
    expect(r.barcode).toMatchObject({ state: 'fault', detail: expect.stringContaining('port closed') });
    expect(r.a4printer).toMatchObject({ state: 'ok', detailZh: expect.stringContaining('CunbanPDF') });
    expect(r.camera?.state).toBe('ok');
    expect(byName(deviceReports(health, live({ scanner: null, barcode: null }))).scanner?.state).toBe(
      'absent',
    );
  });
});
