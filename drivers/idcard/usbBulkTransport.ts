import { SAM_HEADER_LENGTH } from './samFrame';
import { ListenerSet, type SamTransport } from './samTransport';

/**
 * The part of the `usb` package's WebUSB-style device we use (endpoint *numbers*, not
 * addresses: 0x02 → 2, 0x81 → 1). A test fake implements just this.
 */
export interface BulkDeviceLike {
  open(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  transferOut(endpointNumber: number, data: Uint8Array): Promise<{ status: string }>;
  transferIn(
    endpointNumber: number,
    length: number,
    timeoutMs?: number,
  ): Promise<{ data?: DataView; status: string }>;
  close(): Promise<void>;
}

/** 部标 USB endpoints (reference §10): header and body travel on separate pipes. */
export const BULK_ENDPOINTS = { headerOut: 0x02, bodyOut: 0x06, headerIn: 0x81, bodyIn: 0x85 } as const;
const num = (address: number) => address & 0x0f;

export interface UsbBulkTransportOptions {
  vendorId: number;
  productId: number;
  /** Injected for tests; defaults to `usb.findDeviceByIds`. */
  findDevice?: () => Promise<BulkDeviceLike | undefined>;
  /** IN transfer timeout; longer than the slowest vendor timeout (read, 3.5 s). */
  inTimeoutMs?: number;
}

export async function openUsbBulkTransport(options: UsbBulkTransportOptions): Promise<SamTransport> {
  const device = await (options.findDevice ?? (() => findUsbDevice(options.vendorId, options.productId)))();
  if (!device) throw new Error('USB reader not found');
  await device.open();
  try {
    await device.selectConfiguration(1);
    await device.claimInterface(0);
  } catch (err) {
    await device.close().catch(() => undefined);
    throw err;
  }
  const data = new ListenerSet<Uint8Array>();
  const disconnect = new ListenerSet<Error | undefined>();
  const IN_TIMEOUT_MS = options.inTimeoutMs ?? DEFAULT_IN_TIMEOUT_MS;
  let closing = false;
  let gone = false;
  const lost = (err?: Error) => {
    if (closing || gone) return;
    gone = true;
    disconnect.emit(err);
  };

  /** One reply: preamble + LEN from EP 0x81, then LEN bytes from EP 0x85. */
  const receiveReply = async () => {
    const head = await device.transferIn(num(BULK_ENDPOINTS.headerIn), SAM_HEADER_LENGTH, IN_TIMEOUT_MS);
    if (head.status !== 'ok' || !head.data) return; // stall: the reader's timeout handles it
    const h = new Uint8Array(head.data.buffer, head.data.byteOffset, head.data.byteLength);
    data.emit(h.slice());
    if (h.length < SAM_HEADER_LENGTH) return;
    const len = (h[5]! << 8) | h[6]!;
    const body = await device.transferIn(num(BULK_ENDPOINTS.bodyIn), len, IN_TIMEOUT_MS);
    if (body.status === 'ok' && body.data) {
      data.emit(new Uint8Array(body.data.buffer, body.data.byteOffset, body.data.byteLength).slice());
    }
  };

  // One reader of the IN pipes at a time, one reply per request sent, so replies stay in order
  // even when the state machine gave up on one and moved on.
  let wanted = 0;
  let pumping = false;
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (wanted > 0 && !gone && !closing) {
        wanted--;
        try {
          await receiveReply();
        } catch (err) {
          // A transfer timeout only means no reply came; the state machine has its own timeouts.
          if (!isTransferTimeout(err)) lost(err as Error);
        }
      }
    } finally {
      pumping = false;
    }
  };

  return {
    kind: 'usb',
    description: `usb-bulk ${options.vendorId.toString(16)}:${options.productId.toString(16)}`,
    async send(frame) {
      if (gone) throw new Error('USB reader gone');
      try {
        await device.transferOut(num(BULK_ENDPOINTS.headerOut), frame.subarray(0, SAM_HEADER_LENGTH));
        await device.transferOut(num(BULK_ENDPOINTS.bodyOut), frame.subarray(SAM_HEADER_LENGTH));
      } catch (err) {
        lost(err as Error);
        throw err;
      }
      wanted++;
      void pump();
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

/** Longer than the slowest vendor timeout (read base info, 3.5 s): the usb default is 1 s. */
const DEFAULT_IN_TIMEOUT_MS = 4_000;

function isTransferTimeout(err: unknown): boolean {
  return /timed? ?out/i.test((err as Error)?.message ?? '');
}

async function findUsbDevice(vendorId: number, productId: number): Promise<BulkDeviceLike | undefined> {
  const { usb } = await import('usb');
  return (await usb.findDeviceByIds(vendorId, productId)) as unknown as BulkDeviceLike | undefined;
}

/** Vendor ids of ID card readers seen in public code (reference §10), for IT staff listings. */
export const KNOWN_READER_USB_IDS: ReadonlyArray<{ vendorId: number; productId: number; note: string }> = [
  { vendorId: 0x0400, productId: 0xc35a, note: '部标 USB bulk (common)' },
  { vendorId: 0x0483, productId: 0x5652, note: '部标 USB bulk (Android demos fallback)' },
  { vendorId: 0x10c4, productId: 0x0007, note: '中正 Miaxis HID (vendor framing)' },
];
