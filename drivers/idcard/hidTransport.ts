import type { DriverLogger } from './driverLogger';
import { type HidFraming, plainSplitFraming } from './hidFraming';
import { ListenerSet, type SamTransport } from './samTransport';

/** The part of node-hid's `HIDAsync` we use: the thinnest boundary a test fake replaces. */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export interface HidTransportOptions {
  vendorId: number;
  productId: number;
  framing?: HidFraming;
  logger?: DriverLogger;
  /** Injected for tests; defaults to node-hid `HIDAsync.open(vendorId, productId)`. */
  openDevice?: () => Promise<HidDeviceLike>;
}

export async function openHidTransport(options: HidTransportOptions): Promise<SamTransport> {
  const framing = options.framing ?? plainSplitFraming();
  const device = await (options.openDevice ?? (() => openNodeHid(options.vendorId, options.productId)))();
  const decode = framing.createDecoder();
  const data = new ListenerSet<Uint8Array>();
  const disconnect = new ListenerSet<Error | undefined>();
  let closing = false;
  let gone = false;
  const lost = (err?: Error) => {
    if (closing || gone) return;
    gone = true;
    disconnect.emit(err);
  };
  device.on('data', (report) => {
    const bytes = decode(new Uint8Array(report.buffer, report.byteOffset, report.length));
    if (bytes.length > 0) data.emit(bytes);
  });
  device.on('error', (err) => lost(err));
  const id = `${hex4(options.vendorId)}:${hex4(options.productId)}`;
  return {
    kind: 'hid',
    description: `hid ${id} (${framing.name})`,
    async send(frame) {
      if (gone) throw new Error('HID device gone');
      try {
        for (const report of framing.encode(frame)) await device.write(Buffer.from(report));
      } catch (err) {
        lost(err as Error);
        throw err;
      }
    },
    onData: (l) => data.add(l),
    onDisconnect: (l) => disconnect.add(l),
    async close() {
      closing = true;
      data.clear();
      disconnect.clear();
      await device.close().catch(() => undefined);
    },
  };
}

async function openNodeHid(vendorId: number, productId: number): Promise<HidDeviceLike> {
  const hid = await import('node-hid');
  return (await hid.HIDAsync.open(vendorId, productId)) as unknown as HidDeviceLike;
}

export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0').toUpperCase();
}
