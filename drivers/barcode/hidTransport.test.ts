import { describe, expect, it } from 'vitest';
import { isHidPosScanner, nodeHidBackend } from './hidTransport';

describe('HID transport', () => {
  it('recognises only bar code scanner collections, optionally of one model', () => {
    const scanner = {
      path: '/dev/hidraw3',
      vendorId: 0x0c2e,
      productId: 0x0b8f,
      usagePage: 0x8c,
      usage: 0x02,
    };
    expect(isHidPosScanner(scanner)).toBe(true);
    expect(isHidPosScanner(scanner, { vendorId: 0x0c2e, productId: 0x0b8f })).toBe(true);
    expect(isHidPosScanner(scanner, { productId: 0x1234 })).toBe(false);
    expect(isHidPosScanner({ ...scanner, usagePage: 0x01, usage: 0x06 })).toBe(false); // a keyboard
    expect(isHidPosScanner({ ...scanner, path: undefined })).toBe(false);
  });

  it('loads the real node-hid binding and enumerates without throwing', async () => {
    const backend = await nodeHidBackend();
    const devices = backend.devices();
    expect(Array.isArray(devices)).toBe(true);
    expect(devices.filter((d) => isHidPosScanner(d))).toEqual([]); // no scanner on the build machine
  });
});
