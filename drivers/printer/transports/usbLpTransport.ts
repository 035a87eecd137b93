import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { PrinterTransport } from './printerTransport';
import { TransportError } from './printerTransport';
import { TransportListeners } from './transportListeners';

export interface UsbLpTransportOptions {
  /** e.g. /dev/usb/lp0 (Linux usblp driver). */
  path: string;
  /** How often to look for status bytes; the usblp driver has no readiness events for Node. */
  readPollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Linux USB printer class. The device node is opened non-blocking: a blocking read would hold a
 * libuv thread until the printer speaks, and a close could then hang; instead reads are polled on
 * a timer and EAGAIN means "nothing yet". A vanished node (EIO/ENODEV) means the cable was pulled.
 */
export class UsbLpTransport implements PrinterTransport {
  readonly description: string;
  private handle: FileHandle | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new TransportListeners();

  constructor(private readonly opts: UsbLpTransportOptions) {
    this.description = `usb-lp ${opts.path}`;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    try {
      this.handle = await open(this.opts.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (err) {
      throw new TransportError((err as Error).message, this.description, { cause: err });
    }
    this.schedulePoll();
  }

  private schedulePoll(): void {
    this.pollTimer = setTimeout(() => void this.poll(), this.opts.readPollMs ?? 50);
  }

  private async poll(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    const buf = Buffer.alloc(256);
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        this.listeners.emitData(Buffer.from(buf.subarray(0, bytesRead)));
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') return this.lose(err as Error);
    }
    if (this.handle === handle) this.schedulePoll();
  }

  private lose(err: Error): void {
    const handle = this.handle;
    if (!handle) return;
    this.handle = undefined;
    clearTimeout(this.pollTimer);
    void handle.close().catch(() => {});
    this.listeners.emitLost(err);
  }

  async write(data: Uint8Array): Promise<void> {
    let offset = 0;
    let waitedMs = 0;
    while (offset < data.length) {
      const handle = this.handle;
      if (!handle) throw new TransportError('printer device is not open', this.description);
      try {
        const { bytesWritten } = await handle.write(data, offset, data.length - offset, null);
        offset += bytesWritten;
        waitedMs = 0;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // The printer's buffer is full (it is busy printing): wait a little, but not forever.
        if ((code === 'EAGAIN' || code === 'EWOULDBLOCK') && waitedMs < 10_000) {
          await sleep(20);
          waitedMs += 20;
          continue;
        }
        this.lose(err as Error);
        throw new TransportError((err as Error).message, this.description, { cause: err });
      }
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    clearTimeout(this.pollTimer);
    await handle?.close().catch(() => {});
  }

  onData(l: (chunk: Buffer) => void): () => void {
    return this.listeners.onData(l);
  }
  onLost(l: (reason: Error) => void): () => void {
    return this.listeners.onLost(l);
  }
}
