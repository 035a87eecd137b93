import { hex4 } from './hidTransport';
import { KNOWN_READER_USB_IDS } from './usbBulkTransport';

export interface UsbReaderCandidate {
  transport: 'hid' | 'usb';
  vendorId: number;
  productId: number;
  /** "0400:C35A" */
  id: string;
  product?: string;
  note: string;
}

interface Enumerated {
  vendorId: number;
  productId: number;
  product?: string | null;
}

export interface CandidateSources {
  /** Defaults to node-hid `devicesAsync()`. */
  hidDevices?: () => Promise<Enumerated[]>;
  /** Defaults to the usb package's `usb.getDevices()`. */
  usbDevices?: () => Promise<Enumerated[]>;
}

/**
 * For IT staff: HID and USB devices whose vendor:product id is a known ID card reader
 * (reference §10). Enumeration failures (no permission, no libusb) give an empty list, not an error.
 */
export async function listUsbReaderCandidates(sources: CandidateSources = {}): Promise<UsbReaderCandidate[]> {
  const hid = await (sources.hidDevices ?? defaultHid)().catch(() => []);
  const usb = await (sources.usbDevices ?? defaultUsb)().catch(() => []);
  const out: UsbReaderCandidate[] = [];
  const seen = new Set<string>();
  for (const [transport, list] of [
    ['hid', hid],
    ['usb', usb],
  ] as const) {
    for (const d of list) {
      const known = KNOWN_READER_USB_IDS.find(
        (k) => k.vendorId === d.vendorId && k.productId === d.productId,
      );
      const id = `${hex4(d.vendorId)}:${hex4(d.productId)}`;
      if (!known || seen.has(`${transport}/${id}`)) continue;
      seen.add(`${transport}/${id}`);
      out.push({
        transport,
        vendorId: d.vendorId,
        productId: d.productId,
        id,
        product: d.product ?? undefined,
        note: known.note,
      });
    }
  }
  return out;
}

async function defaultHid(): Promise<Enumerated[]> {
  const hid = await import('node-hid');
  return hid.devicesAsync();
}

async function defaultUsb(): Promise<Enumerated[]> {
  const { usb } = await import('usb');
  const devices = await usb.getDevices();
  return devices.map((d) => ({ vendorId: d.vendorId, productId: d.productId, product: d.productName }));
}
