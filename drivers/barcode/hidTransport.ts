import { HID_POS_USAGE_PAGE, HID_POS_USAGE_SCANNER } from './hidPosCodec';

/**
 * The thinnest boundary around node-hid: the part of its `HID` object and `devices()` the
 * driver uses. Tests pass an in-process fake (there is no HID hardware here); production passes
 * `nodeHidBackend()`.
 */
export interface HidDeviceInfo {
  path?: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
  usage?: number;
  product?: string;
}

export interface HidHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  sendFeatureReport(data: number[] | Buffer): number;
  write(data: number[] | Buffer): number;
  close(): void;
}

export interface HidBackend {
  devices(): HidDeviceInfo[];
  open(path: string): HidHandle;
}

export interface HidMatch {
  vendorId?: number;
  productId?: number;
}

/** A bar code scanner collection (page 0x8C, usage 0x02), optionally of one vendor/model. */
export function isHidPosScanner(info: HidDeviceInfo, match: HidMatch = {}): boolean {
  if (match.vendorId !== undefined && info.vendorId !== match.vendorId) return false;
  if (match.productId !== undefined && info.productId !== match.productId) return false;
  return info.usagePage === HID_POS_USAGE_PAGE && info.usage === HID_POS_USAGE_SCANNER && !!info.path;
}

/** node-hid, loaded lazily so hosts without HID devices never load the native module. */
export async function nodeHidBackend(): Promise<HidBackend> {
  const hid = await import('node-hid');
  const mod = (hid as unknown as { default?: typeof hid }).default ?? hid;
  return {
    devices: () => mod.devices(),
    open: (path) => new mod.HID(path) as unknown as HidHandle,
  };
}
