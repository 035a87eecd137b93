import { SerialPort } from 'serialport';
import type { PrinterTransport } from './printerTransport';
import { TransportError } from './printerTransport';
import { TransportListeners } from './transportListeners';

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
}

export class SerialTransport implements PrinterTransport {
  readonly description: string;
  private port: SerialPort | undefined;
  private readonly listeners = new TransportListeners();
  private closing = false;

  constructor(private readonly opts: SerialTransportOptions) {
    this.description = `serial ${opts.path} @ ${opts.baudRate ?? 115200}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const port = new SerialPort({
      path: this.opts.path,
      baudRate: this.opts.baudRate ?? 115200,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((err) =>
        err ? reject(new TransportError(err.message, this.description, { cause: err })) : resolve(),
      ),
    );
    this.closing = false;
    port.on('data', (chunk: Buffer) => this.listeners.emitData(chunk));
    port.on('close', (err?: Error) => {
      if (this.port === port) this.port = undefined;
      if (!this.closing) this.listeners.emitLost(err ?? new Error('serial port closed'));
    });
    // Errors after open also arrive as 'close' on disconnect; keep them from being unhandled.
    port.on('error', () => {});
    this.port = port;
  }

  async write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new TransportError('serial port is not open', this.description);
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(data), (err) => {
        if (err) return reject(new TransportError(err.message, this.description, { cause: err }));
        port.drain((e) =>
          e ? reject(new TransportError(e.message, this.description, { cause: e })) : resolve(),
        );
      });
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return;
    this.closing = true;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  onData(l: (chunk: Buffer) => void): () => void {
    return this.listeners.onData(l);
  }
  onLost(l: (reason: Error) => void): () => void {
    return this.listeners.onLost(l);
  }
}
