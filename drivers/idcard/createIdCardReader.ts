import { SerialPort } from 'serialport';
import type { DriverLogger } from './driverLogger';
import { silentLogger } from './driverLogger';
import { openHidTransport } from './hidTransport';
import { IdCardReader, type IdCardReaderOptions } from './idCardReader';
import { encodeCommand, SamCommands } from './samCommands';
import { SamDeframer } from './samDeframer';
import { parseResponse } from './samResponse';
import { openSerialTransport } from './serialTransport';
import { openUsbBulkTransport } from './usbBulkTransport';

/** Plain config IT staff write (or the host builds from settings). */
export type IdCardReaderConfig =
  | { transport: 'serial'; path: string; baudRate?: number }
  | { transport: 'hid'; vendorId: number; productId: number }
  | { transport: 'usb'; vendorId: number; productId: number };

export type IdCardReaderTuning = Omit<IdCardReaderOptions, 'openTransport'>;

export function createIdCardReader(
  config: IdCardReaderConfig,
  tuning: IdCardReaderTuning = {},
): IdCardReader {
  const logger = tuning.logger ?? silentLogger;
  const openTransport = (() => {
    switch (config.transport) {
      case 'serial':
        return () => openSerialTransport({ path: config.path, baudRate: config.baudRate });
      case 'hid':
        return () => openHidTransport({ vendorId: config.vendorId, productId: config.productId, logger });
      case 'usb':
        return () => openUsbBulkTransport({ vendorId: config.vendorId, productId: config.productId });
    }
  })();
  return new IdCardReader({ ...tuning, openTransport });
}

export interface SerialProbeResult {
  path: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
  /** True when a SAM answered the status command (SW3 0x90, or 0x60/0x66: a SAM, but faulty). */
  samAnswered: boolean;
  sw3?: number;
}

/**
 * For IT staff: open each serial port, send the SAM status command and see who answers.
 * Ports that are busy or silent are listed with samAnswered = false; nothing throws.
 */
export async function probeSerialPorts(
  options: { baudRate?: number; timeoutMs?: number; paths?: string[]; logger?: DriverLogger } = {},
): Promise<SerialProbeResult[]> {
  const listed = await SerialPort.list().catch(() => []);
  const candidates = options.paths
    ? options.paths.map((path) => ({ path, ...listed.find((p) => p.path === path) }))
    : listed;
  const results: SerialProbeResult[] = [];
  for (const info of candidates) {
    const result: SerialProbeResult = {
      path: info.path,
      manufacturer: info.manufacturer,
      vendorId: info.vendorId,
      productId: info.productId,
      samAnswered: false,
    };
    try {
      const sw3 = await probeOne(info.path, options.baudRate ?? 115200, options.timeoutMs ?? 300);
      if (sw3 !== null) Object.assign(result, { samAnswered: true, sw3 });
    } catch (err) {
      options.logger?.info('idcard: probe could not open port', {
        path: info.path,
        error: (err as Error).message,
      });
    }
    results.push(result);
  }
  return results;
}

async function probeOne(path: string, baudRate: number, timeoutMs: number): Promise<number | null> {
  const transport = await openSerialTransport({ path, baudRate });
  const deframer = new SamDeframer();
  try {
    return await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      transport.onData((chunk) => {
        for (const ev of deframer.push(chunk)) {
          if (ev.kind !== 'frame') continue;
          clearTimeout(timer);
          try {
            resolve(parseResponse(ev.frame).sw3);
          } catch {
            resolve(null);
          }
        }
      });
      transport.onDisconnect(() => resolve(null));
      transport.send(encodeCommand(SamCommands.status)).catch(() => resolve(null));
    });
  } finally {
    await transport.close();
  }
}
