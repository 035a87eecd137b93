import { EventEmitter } from 'node:events';
import type { HidDeviceLike } from '../hidTransport';
import { SAM_HEADER_LENGTH } from '../samFrame';
import type { BulkDeviceLike } from '../usbBulkTransport';
import type { SamCardSimulator } from './samCardSimulator';

/**
 * In-process stand-ins for HID and 部标 USB readers: the thinnest fakes of the node-hid / usb
 * device surface, with the real protocol engine behind them. Hardware cannot run here; all the
 * driver code above the device object (framing, transport, deframer, state machine) is real.
 */
export interface PluggableDevice<D> {
  /** What the transport's injected opener calls; rejects while unplugged. */
  open(): Promise<D>;
  unplug(): void;
  replug(): void;
}

class NoDevice extends Error {
  constructor() {
    super('LIBUSB_ERROR_NO_DEVICE (simulated unplug)');
  }
}

/** HID reader speaking the plain framing: SAM frames split across zero-padded input reports. */
export function inProcessHidReader(
  engine: SamCardSimulator,
  reportSize = 64,
): PluggableDevice<HidDeviceLike> {
  let plugged = true;
  let current: (EventEmitter & HidDeviceLike) | null = null;
  return {
    async open() {
      if (!plugged) throw new NoDevice();
      const emitter = new EventEmitter();
      const timers = new Set<NodeJS.Timeout>();
      let open = true;
      const device = Object.assign(emitter, {
        async write(values: number[] | Buffer) {
          if (!plugged || !open) throw new NoDevice();
          // node-hid passes the report id first; the device sees the report body (zero padding
          // included, which the SAM's own frame hunting skips).
          const report = Uint8Array.from(values).subarray(1);
          for (const reply of engine.receive(report)) {
            const t = setTimeout(() => {
              timers.delete(t);
              for (let i = 0; i < reply.bytes.length; i += reportSize) {
                const r = Buffer.alloc(reportSize);
                r.set(reply.bytes.subarray(i, i + reportSize));
                if (open) emitter.emit('data', r);
              }
            }, reply.delayMs);
            timers.add(t);
          }
          return values.length;
        },
        async close() {
          open = false;
          for (const t of timers) clearTimeout(t);
        },
      }) as EventEmitter & HidDeviceLike;
      current = device;
      return device;
    },
    unplug() {
      plugged = false;
      current?.emit('error', new Error('could not read from HID device'));
      current = null;
    },
    replug() {
      plugged = true;
      engine.powerCycle();
    },
  };
}

/** 部标 bulk reader: request header on EP 2 + body on EP 6; reply header on EP 1, body on EP 5. */
export function inProcessUsbReader(engine: SamCardSimulator): PluggableDevice<BulkDeviceLike> {
  let plugged = true;
  let generation = 0;
  let wakeCurrent = () => {};
  return {
    async open() {
      if (!plugged) throw new NoDevice();
      const mine = ++generation;
      let header: Uint8Array | null = null;
      const replies: Uint8Array[] = [];
      let partial: Uint8Array | null = null;
      const waiters: Array<() => void> = [];
      const alive = () => plugged && mine === generation;
      const wake = () => {
        for (const w of waiters.splice(0)) w();
      };
      const nextBytes = async (
        want: number,
        fromHeaderPipe: boolean,
        timeoutMs: number,
      ): Promise<Uint8Array> => {
        const deadline = performance.now() + timeoutMs;
        for (;;) {
          if (!alive()) throw new NoDevice();
          if (!fromHeaderPipe && partial) {
            const out = partial.subarray(0, want);
            partial = partial.length > want ? partial.subarray(want) : null;
            return out;
          }
          if (fromHeaderPipe && replies.length > 0) {
            const r = replies.shift()!;
            partial = r.subarray(SAM_HEADER_LENGTH);
            return r.subarray(0, Math.min(want, SAM_HEADER_LENGTH));
          }
          // The real pipe NAKs until data is ready; libusb gives up at the transfer timeout.
          const left = deadline - performance.now();
          if (left <= 0) throw new Error('LIBUSB_ERROR_TIMEOUT');
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, left);
            waiters.push(() => {
              clearTimeout(t);
              resolve();
            });
          });
        }
      };
      const device: BulkDeviceLike = {
        async open() {},
        async selectConfiguration() {},
        async claimInterface() {},
        async transferOut(endpoint, data) {
          if (!alive()) throw new NoDevice();
          if (endpoint === 2) header = data.slice();
          else if (endpoint === 6 && header) {
            const frame = new Uint8Array(header.length + data.length);
            frame.set(header);
            frame.set(data, header.length);
            header = null;
            for (const reply of engine.receive(frame)) {
              setTimeout(() => {
                if (!alive()) return;
                replies.push(reply.bytes);
                wake();
              }, reply.delayMs);
            }
          } else return { status: 'stall' };
          return { status: 'ok' };
        },
        async transferIn(endpoint, length, timeoutMs = 1000) {
          const bytes = await nextBytes(length, endpoint === 1, timeoutMs);
          const copy = bytes.slice();
          return { status: 'ok', data: new DataView(copy.buffer) };
        },
        async close() {
          if (mine === generation) generation++;
          wake();
        },
      };
      wakeCurrent = wake;
      return device;
    },
    unplug() {
      plugged = false;
      wakeCurrent();
    },
    replug() {
      plugged = true;
      engine.powerCycle();
    },
  };
}
