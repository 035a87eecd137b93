import { SerialPort } from 'serialport';
import { BarcodeReaderBase } from './barcodeReaderBase';
import { type SerialCodecOptions, SerialScanSplitter } from './serialCodec';
import type { DriverLogger } from './typedEvents';

export interface SerialBarcodeScannerOptions extends SerialCodecOptions {
  path: string;
  baudRate?: number;
  /** How often to try reopening after the port vanished (USB-CDC unplugged). */
  reopenMs?: number;
  logger?: DriverLogger;
}

/**
 * A scanner in USB-CDC (虚拟串口) or RS-232 mode. The port is opened read-only in spirit: the
 * scanner needs no commands to send codes. Losing the port is a state, and the driver keeps
 * trying the same path until the scanner comes back.
 */
export class SerialBarcodeScanner extends BarcodeReaderBase {
  private readonly splitter: SerialScanSplitter;
  private port: SerialPort | undefined;

  constructor(private readonly options: SerialBarcodeScannerOptions) {
    super('serial', options.logger);
    this.splitter = new SerialScanSplitter(options);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState('searching');
    this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.cancelRetry();
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setState('stopped');
  }

  private open(): void {
    if (!this.running || this.port) return;
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baudRate ?? 9600,
      autoOpen: false,
    });
    this.port = port;
    port.open((err) => {
      if (this.port !== port) return;
      if (err) {
        this.port = undefined;
        this.scheduleReopen();
        return;
      }
      this.splitter.reset();
      this.log.info('serial barcode scanner ready', { path: this.options.path });
      this.setState('ready');
    });
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('close', () => this.onLost('port closed'));
    port.on('error', (error: Error) => this.onLost(error.message));
  }

  private onData(chunk: Buffer): void {
    const { scans, errors } = this.splitter.push(chunk);
    for (const error of errors) this.log.warn('serial barcode data dropped', { code: error.code });
    for (const scan of scans) this.emitScan(scan);
  }

  private onLost(reason: string): void {
    const port = this.port;
    if (!port || !this.running) return;
    this.port = undefined;
    port.removeAllListeners();
    port.on('error', () => {}); // late errors from a dead port must not crash the host
    if (port.isOpen) port.close(() => {});
    this.log.warn('serial barcode scanner lost', { path: this.options.path, reason });
    this.setState('disconnected', reason);
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    this.retryAfter(this.options.reopenMs ?? 1000, () => this.open());
  }
}
