import { readdir } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { DetectedDevice, DeviceRole } from '../../../contract/diagnostics';
import { isHidPosScanner, nodeHidBackend } from '../../../drivers/barcode/hidTransport';
import { hex4 } from '../../../drivers/idcard/hidTransport';
import {
  listUsbReaderCandidates,
  probeSerialPorts,
  type UsbReaderCandidate,
} from '../../../drivers/idcard/index';
import { SerialTransport } from '../../../drivers/printer/transports/serialTransport';
import { UsbLpTransport } from '../../../drivers/printer/transports/usbLpTransport';
import type { ScannerDevice } from '../../../drivers/scanner/schemas';
import type { KioskConfigInput } from '../config/kioskConfig';
import { type EscPosProbeResult, escposProbeWords, probeEscPos } from './escposProbe';

type DevicesInput = NonNullable<KioskConfigInput['devices']>;

/** A detected device plus the config each role would get from it (kept in the host, never sent). */
export interface Detection extends DetectedDevice {
  configs: Partial<{ [R in DeviceRole]: NonNullable<DevicesInput[R]> }>;
}

export interface DetectionSources {
  serialPaths?: () => Promise<string[]>;
  usbLpPaths?: () => Promise<string[]>;
  usbReaders?: () => Promise<UsbReaderCandidate[]>;
  hidScanners?: () => Promise<{ vendorId: number; productId: number; product?: string }[]>;
  saneDevices?: () => Promise<ScannerDevice[]>;
  /** Ports the running drivers hold: listed as in use, never opened. */
  inUse: ReadonlySet<string>;
  timeoutMs?: number;
  /** Serial printers ship at 115200 or 9600; a pty ignores the rate. */
  printerBaudRates?: number[];
}

/**
 * Finds what is plugged in, each kind asked with its own protocol: ESC/POS real-time status on
 * serial ports and /dev/usb/lp*, then the SAM status command on serial ports that are no printer
 * (a DLE EOT is harmless to a SAM, a SAM frame would print garbage on a printer), known reader
 * ids on HID/USB, the HID POS usage page for barcode scanners, and SANE's device list.
 */
export async function detectDevices(sources: DetectionSources): Promise<Detection[]> {
  const timeoutMs = sources.timeoutMs ?? 300;
  // Each port is its own wire, so ports are asked side by side; the contract gives a request 15 s,
  // and a kiosk with six silent COM ports would need ~6 s one after another.
  const [serial, usblp, readers, scanners, sane] = await Promise.all([
    (sources.serialPaths ?? listSerialPaths)()
      .catch(() => [])
      .then((paths) =>
        inParallel(paths, 4, (path) =>
          sources.inUse.has(path)
            ? Promise.resolve(inUse('serial', path))
            : probeSerialPort(path, timeoutMs, sources.printerBaudRates ?? [115200, 9600]),
        ),
      ),
    (sources.usbLpPaths ?? listUsbLpPaths)()
      .catch(() => [])
      .then((paths) =>
        inParallel(paths, 4, (path) =>
          sources.inUse.has(path) ? Promise.resolve(inUse('usblp', path)) : probeUsbLp(path, timeoutMs),
        ),
      ),
    (sources.usbReaders ?? (() => listUsbReaderCandidates()))().catch(() => []),
    (sources.hidScanners ?? listHidPosScanners)().catch(() => []),
    (sources.saneDevices ?? (async () => []))().catch(() => []),
  ]);
  return [
    ...serial,
    ...usblp,
    ...readers.map(readerDetection),
    ...scanners.map(hidScannerDetection),
    ...sane.map(saneDetection),
  ];
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

async function probeUsbLp(path: string, timeoutMs: number): Promise<Detection> {
  const result = await probeEscPos(new UsbLpTransport({ path }), { timeoutMs });
  return {
    ...base('usblp', path),
    role: result.kind === 'printer' ? 'receiptPrinter' : null,
    resultZh: escposProbeWords(result),
    configs: result.kind === 'printer' ? { receiptPrinter: { transport: 'usblp', path } } : {},
  };
}

function readerDetection(c: UsbReaderCandidate): Detection {
  return {
    id: `${c.transport}:${c.id}`,
    kind: c.transport,
    path: c.id,
    role: 'idCardReader',
    inUse: false,
    resultZh: `身份证阅读器（${c.transport === 'hid' ? 'HID' : 'USB'}，型号已知）：${c.product ?? c.note}`,
    configs: { idCardReader: { transport: c.transport, vendorId: c.vendorId, productId: c.productId } },
  };
}

function hidScannerDetection(s: { vendorId: number; productId: number; product?: string }): Detection {
  const id = `${hex4(s.vendorId)}:${hex4(s.productId)}`;
  return {
    id: `hid:${id}`,
    kind: 'hid',
    path: id,
    role: 'barcodeScanner',
    inUse: false,
    resultZh: `扫码器（HID POS）：${s.product ?? id}`,
    configs: { barcodeScanner: { transport: 'hid-pos', vendorId: s.vendorId, productId: s.productId } },
  };
}

function saneDetection(d: ScannerDevice): Detection {
  return {
    id: `sane:${d.id}`,
    kind: 'sane',
    path: d.id,
    role: 'documentScanner',
    inUse: false,
    resultZh: `扫描仪：${[d.vendor, d.model].filter(Boolean).join(' ')}（${d.type}）`,
    configs: { documentScanner: { transport: 'sane', device: d.id } },
  };
}

async function probeSerialPort(path: string, timeoutMs: number, bauds: number[]): Promise<Detection> {
  let last: EscPosProbeResult = { kind: 'silent' };
  for (const baudRate of bauds) {
    last = await probeEscPos(new SerialTransport({ path, baudRate }), { timeoutMs });
    if (last.kind === 'printer')
      return {
        id: `serial:${path}`,
        kind: 'serial',
        path,
        role: 'receiptPrinter',
        inUse: false,
        resultZh: `${escposProbeWords(last)}（${baudRate} 波特）`,
        configs: { receiptPrinter: { transport: 'serial', path, baudRate } },
      };
    if (last.kind === 'unopenable') break;
  }
  if (last.kind === 'unopenable')
    return { ...base('serial', path), resultZh: escposProbeWords(last), configs: {} };
  const [sam] = await probeSerialPorts({ paths: [path], timeoutMs });
  if (sam?.samAnswered)
    return {
      ...base('serial', path),
      role: 'idCardReader',
      resultZh: sam.sw3 === 0x90 ? '身份证阅读器（安全模块已应答）' : '身份证阅读器（安全模块应答了故障）',
      configs: { idCardReader: { transport: 'serial', path, baudRate: 115200 } },
    };
  // Serial barcode scanners only speak when they read a code, so a silent port may be one.
  return {
    ...base('serial', path),
    resultZh:
      last.kind === 'silent'
        ? '串口无应答：不是打印机或阅读器（可能是串口扫码器，或设备未通电）'
        : escposProbeWords(last),
    configs: last.kind === 'silent' ? { barcodeScanner: { transport: 'serial', path } } : {},
  };
}

function base(kind: 'serial' | 'usblp', path: string) {
  return { id: `${kind}:${path}`, kind, path, role: null, inUse: false } as const;
}

function inUse(kind: 'serial' | 'usblp', path: string): Detection {
  return {
    ...base(kind, path),
    inUse: true,
    resultZh: '本机正在使用这个端口（未检测，以免打断业务）',
    configs: {},
  };
}

async function listSerialPaths(): Promise<string[]> {
  return (await SerialPort.list()).map((p) => p.path);
}

async function listUsbLpPaths(): Promise<string[]> {
  const names = await readdir('/dev/usb').catch(() => [] as string[]);
  return names.filter((n) => /^lp\d+$/.test(n)).map((n) => `/dev/usb/${n}`);
}

async function listHidPosScanners() {
  const backend = await nodeHidBackend();
  return (await backend.devices())
    .filter((d) => isHidPosScanner(d))
    .map((d) => ({ vendorId: d.vendorId, productId: d.productId, product: d.product ?? undefined }));
}

/** Ports the running config points drivers at, so detection leaves them alone. */
export function portsInUse(devices: {
  idCardReader: { transport: string; path?: string };
  receiptPrinter: { transport: string; path?: string };
  barcodeScanner: { transport: string; path?: string };
}): Set<string> {
  const paths = [devices.idCardReader, devices.receiptPrinter, devices.barcodeScanner]
    .map((d) => ('path' in d ? d.path : undefined))
    .filter((p): p is string => typeof p === 'string');
  return new Set(paths);
}
