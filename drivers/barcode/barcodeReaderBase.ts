import {
  type BarcodeEvent,
  type BarcodeReaderState,
  type BarcodeSource,
  barcodeReaderState,
} from './schemas';
import { type DriverLogger, silentLogger, TypedEvents } from './typedEvents';

export interface BarcodeReaderEvents {
  barcode: (event: BarcodeEvent) => void;
  state: (state: BarcodeReaderState) => void;
}

/**
 * What every barcode scanner shares, whatever its transport: the listener plumbing, the state in
 * words, the reconnect timer and the one place a scan is logged (length and symbology only — the
 * code itself may be a receipt number or a clerk's badge).
 */
export abstract class BarcodeReaderBase {
  protected readonly log: DriverLogger;
  protected running = false;
  private readonly events: TypedEvents<BarcodeReaderEvents>;
  private timer: NodeJS.Timeout | undefined;
  private current: BarcodeReaderState;

  protected constructor(
    private readonly source: BarcodeSource,
    logger: DriverLogger | undefined,
  ) {
    this.log = logger ?? silentLogger;
    this.current = barcodeReaderState('stopped', source);
    this.events = new TypedEvents((err) => this.log.error('barcode listener threw', { error: String(err) }));
  }

  get state(): BarcodeReaderState {
    return this.current;
  }

  on<K extends keyof BarcodeReaderEvents>(event: K, listener: BarcodeReaderEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /** A new state is announced when the status changes or a detail explains it. */
  protected setState(status: BarcodeReaderState['status'], detail?: string): void {
    if (this.current.status === status && !detail) return;
    this.current = barcodeReaderState(status, this.source, detail);
    this.events.emit('state', this.current);
  }

  protected emitScan(scan: Omit<BarcodeEvent, 'source' | 'at'>): void {
    this.log.info('barcode scanned', {
      source: this.source,
      symbology: scan.symbology,
      length: scan.data.length,
    });
    this.events.emit('barcode', { ...scan, source: this.source, at: Date.now() });
  }

  /** Tries `attempt` again after `ms`, while running; one pending retry at a time. */
  protected retryAfter(ms: number, attempt: () => void): void {
    if (!this.running) return;
    this.cancelRetry();
    this.timer = setTimeout(attempt, ms);
    this.timer.unref?.();
  }

  protected cancelRetry(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
