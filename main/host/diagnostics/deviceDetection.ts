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
  const out: Detection[] = [];
  for (const path of await (sources.serialPaths ?? listSerialPaths)().catch(() => [])) {
    if (sources.inUse.has(path)) {
      out.push(inUse('serial', path));
      continue;
    }
    out.push(await probeSerialPort(path, timeoutMs, sources.printerBaudRates ?? [115200, 9600]));
  }
  for (const path of await (sources.usbLpPaths ?? listUsbLpPaths)().catch(() => [])) {
    if (sources.inUse.has(path)) {
      out.push(inUse('usblp', path));
      continue;
    }
    const result = await probeEscPos(new UsbLpTransport({ path }), { timeoutMs });
    out.push({
      id: `usblp:${path}`,
      kind: 'usblp',
      path,
      role: result.kind === 'printer' ? 'receiptPrinter' : null,
      inUse: false,
      resultZh: escposProbeWords(result),
      configs: result.kind === 'printer' ? { receiptPrinter: { transport: 'usblp', path } } : {},
    });
  }
  for (const c of await (sources.usbReaders ?? (() => listUsbReaderCandidates()))().catch(() => [])) {
    const transport = c.transport;
    out.push({
      id: `${transport}:${c.id}`,
      kind: transport,
      path: c.id,
      role: 'idCardReader',
      inUse: false,
      resultZh: `身份证阅读器（${transport === 'hid' ? 'HID' : 'USB'}，型号已知）：${c.product ?? c.note}`,
      configs: { idCardReader: { transport, vendorId: c.vendorId, productId: c.productId } },
    });
  }
  for (const s of await (sources.hidScanners ?? listHidPosScanners)().catch(() => [])) {
    const id = `${hex4(s.vendorId)}:${hex4(s.productId)}`;
    out.push({
      id: `hid:${id}`,
      kind: 'hid',
      path: id,
      role: 'barcodeScanner',
      inUse: false,
      resultZh: `扫码器（HID POS）：${s.product ?? id}`,
      configs: { barcodeScanner: { transport: 'hid-pos', vendorId: s.vendorId, productId: s.productId } },
    });
  }
  for (const d of await (sources.saneDevices ?? (async () => []))().catch(() => [])) {
    out.push({
      id: `sane:${d.id}`,
      kind: 'sane',
      path: d.id,
      role: 'documentScanner',
      inUse: false,
      resultZh: `扫描仪：${[d.vendor, d.model].filter(Boolean).join(' ')}（${d.type}）`,
      configs: { documentScanner: { transport: 'sane', device: d.id } },
    });
  }
  return out;
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
