import { SerialPort } from 'serialport';
import type { BarcodeReaderEvents } from './hidPosScanner';
import { type BarcodeReaderState, barcodeReaderState } from './schemas';
import { type SerialCodecOptions, SerialScanSplitter } from './serialCodec';
import { type DriverLogger, silentLogger, TypedEvents } from './typedEvents';

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
export class SerialBarcodeScanner {
  private readonly events: TypedEvents<BarcodeReaderEvents>;
  private readonly splitter: SerialScanSplitter;
  private readonly log: DriverLogger;
  private port: SerialPort | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: BarcodeReaderState = barcodeReaderState('stopped', 'serial');

  constructor(private readonly options: SerialBarcodeScannerOptions) {
    this.log = options.logger ?? silentLogger;
    this.splitter = new SerialScanSplitter(options);
    this.events = new TypedEvents((err) => this.log.error('barcode listener threw', { error: String(err) }));
  }

  get state(): BarcodeReaderState {
    return this.current;
  }

  on<K extends keyof BarcodeReaderEvents>(event: K, listener: BarcodeReaderEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState('searching');
    this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setState('stopped');
  }

  private setState(status: BarcodeReaderState['status'], detail?: string): void {
    if (this.current.status === status) return;
    this.current = barcodeReaderState(status, 'serial', detail);
    this.events.emit('state', this.current);
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
    for (const scan of scans) {
      this.log.info('barcode scanned', {
        source: 'serial',
        symbology: scan.symbology,
        length: scan.data.length,
      });
      this.events.emit('barcode', { ...scan, source: 'serial', at: Date.now() });
    }
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
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), this.options.reopenMs ?? 1000);
    this.timer.unref?.();
  }
}
