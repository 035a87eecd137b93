import { describe, expect, it } from 'vitest';
import { listUsbReaderCandidates } from './usbCandidates';

describe('listUsbReaderCandidates', () => {
  it('keeps only known reader ids, once per transport', async () => {
    const list = await listUsbReaderCandidates({
      hidDevices: async () => [
        { vendorId: 0x10c4, productId: 0x0007, product: 'IdCard' },
        { vendorId: 0x046d, productId: 0xc077, product: 'mouse' },
      ],
      usbDevices: async () => [
        { vendorId: 0x0400, productId: 0xc35a },
        { vendorId: 0x0400, productId: 0xc35a },
      ],
    });
    expect(list.map((c) => `${c.transport} ${c.id}`)).toEqual(['hid 10C4:0007', 'usb 0400:C35A']);
  });

  it('an enumeration failure gives an empty list, not an error', async () => {
    const list = await listUsbReaderCandidates({
      hidDevices: () => Promise.reject(new Error('no hidraw permission')),
      usbDevices: () => Promise.reject(new Error('no libusb')),
    });
    expect(list).toEqual([]);
  });

  it('does not throw with the real node-hid and usb enumeration on this machine', async () => {
    const list = await listUsbReaderCandidates();
    expect(Array.isArray(list)).toBe(true);
  });
});
