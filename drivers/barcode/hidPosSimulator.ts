import { EventEmitter } from 'node:events';
import { encodeHidPosReports, HONEYWELL_VENDOR_ID } from './hidPosCodec';
import type { HidBackend, HidDeviceInfo, HidHandle } from './hidTransport';

/**
 * In-process HID POS scanner behind the same surface as node-hid's `HID` object. It speaks the
 * real report format, so the driver's codec and assembly run unchanged. Reports are delivered
 * on later ticks, like hidapi's read thread.
 */
class FakeHidHandle extends EventEmitter implements HidHandle {
  closed = false;
  constructor(private readonly sim: HidPosSimulator) {
    super();
  }
  sendFeatureReport(data: number[] | Buffer): number {
    if (this.closed) throw new Error('device closed');
    this.sim.featureReports.push([...data]);
    return data.length;
  }
  write(data: number[] | Buffer): number {
    if (this.closed) throw new Error('device closed');
    this.sim.outputReports.push([...data]);
    return data.length + 1;
  }
  close(): void {
    this.closed = true;
  }
}

export class HidPosSimulator implements HidBackend {
  readonly featureReports: number[][] = [];
  readonly outputReports: number[][] = [];
  private plugged = true;
  private handle: FakeHidHandle | undefined;
  opens = 0;

  constructor(
    readonly info: HidDeviceInfo = {
      path: '/dev/hidraw-fake0',
      vendorId: HONEYWELL_VENDOR_ID,
      productId: 0x0b8f,
      usagePage: 0x8c,
      usage: 0x02,
      product: 'Simulated HID POS scanner',
    },
  ) {}

  devices(): HidDeviceInfo[] {
    return this.plugged ? [this.info] : [];
  }

  open(path: string): HidHandle {
    if (!this.plugged || path !== this.info.path) throw new Error(`cannot open HID device ${path}`);
    this.opens++;
    this.handle = new FakeHidHandle(this);
    return this.handle;
  }

  /** Scan a code: emits its reports one tick apart. Resolves after the last one. */
  async scan(data: string | Uint8Array, aim = ']Q1', codeId = 0x73): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await this.sendReports(encodeHidPosReports(bytes, aim, codeId));
  }

  /** Send arbitrary reports (garbage, truncated, out of order) as the device would. */
  async sendReports(reports: Uint8Array[]): Promise<void> {
    for (const report of reports) {
      await new Promise((r) => setImmediate(r));
      const handle = this.handle;
      if (!handle || handle.closed) throw new Error('no open handle to deliver the report to');
      handle.emit('data', Buffer.from(report));
    }
  }

  /** The cable is pulled: hidapi reports a read error and the device leaves the list. */
  unplug(): void {
    this.plugged = false;
    const handle = this.handle;
    this.handle = undefined;
    if (handle && !handle.closed) handle.emit('error', new Error('could not read from HID device'));
  }

  replug(): void {
    this.plugged = true;
  }
}
