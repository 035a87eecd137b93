import { BarcodeReaderBase } from './barcodeReaderBase';
import {
  HidPosAssembler,
  HidPosError,
  HONEYWELL_ENABLE_FEATURE_REPORT,
  HONEYWELL_VENDOR_ID,
} from './hidPosCodec';
import { type HidBackend, type HidHandle, type HidMatch, isHidPosScanner } from './hidTransport';
import type { DriverLogger } from './typedEvents';

export type { BarcodeReaderEvents } from './barcodeReaderBase';

export interface HidPosScannerOptions {
  backend: HidBackend;
  match?: HidMatch;
  /** How often to look for a (re)plugged scanner. */
  pollMs?: number;
  /** Send the Honeywell enable report even for other vendors (some OEM rebrands need it). */
  alwaysSendEnableReport?: boolean;
  logger?: DriverLogger;
}

/**
 * HID POS barcode scanner: finds the 0x8C collection, switches it into HID POS output, joins
 * continued reports and emits one `barcode` event per code. Unplugging is a state, and the
 * device is picked up again when it comes back.
 */
export class HidPosScanner extends BarcodeReaderBase {
  private readonly assembler = new HidPosAssembler();
  private handle: HidHandle | undefined;

  constructor(private readonly options: HidPosScannerOptions) {
    super('hid-pos', options.logger);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState('searching');
    this.tryOpen();
  }

  stop(): void {
    this.running = false;
    this.cancelRetry();
    this.closeHandle();
    this.setState('stopped');
  }

  private schedule(): void {
    this.retryAfter(this.options.pollMs ?? 1000, () => this.tryOpen());
  }

  private tryOpen(): void {
    if (!this.running || this.handle) return;
    let info: ReturnType<HidBackend['devices']>[number] | undefined;
    try {
      info = this.options.backend.devices().find((d) => isHidPosScanner(d, this.options.match));
    } catch (err) {
      this.log.warn('HID enumeration failed', { error: String(err) });
    }
    if (!info?.path) {
      this.schedule();
      return;
    }
    let handle: HidHandle;
    try {
      handle = this.options.backend.open(info.path);
    } catch (err) {
      // Typically permissions (udev rule missing) or another process holding it.
      this.log.warn('HID POS scanner could not be opened', { error: String(err), vendorId: info.vendorId });
      this.setState('fault', 'cannot open HID device');
      this.schedule();
      return;
    }
    this.handle = handle;
    this.assembler.reset();
    handle.on('data', (report) => this.onReport(report));
    handle.on('error', (err) => this.onLost(err));
    if (info.vendorId === HONEYWELL_VENDOR_ID || this.options.alwaysSendEnableReport) {
      try {
        handle.sendFeatureReport([...HONEYWELL_ENABLE_FEATURE_REPORT]);
      } catch (err) {
        // Many scanners are already in HID POS mode and simply do not have this report.
        this.log.warn('HID POS enable report refused', { error: String(err) });
      }
    }
    this.log.info('HID POS scanner ready', { vendorId: info.vendorId, productId: info.productId });
    this.setState('ready');
  }

  private onReport(report: Buffer): void {
    let scan: ReturnType<HidPosAssembler['push']>;
    try {
      scan = this.assembler.push(report);
    } catch (err) {
      // Only the error code is logged: the report bytes may hold personal data.
      this.log.warn('HID POS report dropped', { code: err instanceof HidPosError ? err.code : 'unknown' });
      return;
    }
    if (scan) this.emitScan(scan);
  }

  private onLost(err: Error): void {
    this.log.warn('HID POS scanner lost', { error: String(err) });
    this.closeHandle();
    if (!this.running) return;
    this.setState('disconnected');
    this.schedule();
  }

  private closeHandle(): void {
    const handle = this.handle;
    this.handle = undefined;
    this.assembler.reset();
    if (!handle) return;
    handle.removeAllListeners();
    try {
      handle.close();
    } catch {
      // already gone with the device
    }
  }
}
