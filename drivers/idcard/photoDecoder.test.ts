import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IdCardReader } from './idCardReader';
import { loadVendorWltDecoder, noPhotoDecoder, WLT_BMP_BYTES } from './photoDecoder';
import { nextEvent, recordingLogger } from './readerTestKit';
import { findFixture, fixtureWlt } from './simulator/cardFixtures';
import { inProcessUsbReader } from './simulator/inProcessDevices';
import { SamCardSimulator } from './simulator/samCardSimulator';
import { openUsbBulkTransport } from './usbBulkTransport';

/**
 * The vendor WLT decoders are closed binaries we cannot ship, so this builds a stand-in shared
 * library with the same C signature (libwlt2bmp `int unpack(uint8 *wlt, uint8 *bmp, int)`) and
 * loads it through the real koffi path.
 */
const dir = mkdtempSync(join(tmpdir(), 'cunban-wlt-'));
const libPath = join(dir, 'libfakewlt.so');
writeFileSync(
  join(dir, 'fakewlt.c'),
  `int unpack(unsigned char *wlt, unsigned char *bmp, int flag) {
     (void)flag;
     if (wlt[0] != 'W' || wlt[1] != 'L') return -1;
     bmp[0] = 'B'; bmp[1] = 'M';
     unsigned int size = 38862; bmp[2] = size & 0xff; bmp[3] = (size >> 8) & 0xff;
     for (int i = 54; i < 38862; i++) bmp[i] = wlt[10 + (i % 1000)];
     return 1;
   }`,
);
let built = true;
try {
  execFileSync('gcc', ['-shared', '-fPIC', '-o', libPath, join(dir, 'fakewlt.c')]);
} catch {
  built = false;
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('photo decoders', () => {
  it('needs gcc to build the stand-in vendor library', () => {
    expect(built).toBe(true);
  });

  it('decodes WLT through a vendor library loaded with koffi', async () => {
    const decoder = await loadVendorWltDecoder({ libraryPath: libPath }, recordingLogger());
    expect(decoder.name).toBe('vendor:unpack');
    const photo = await decoder.decode(fixtureWlt(findFixture('li-xiuying')));
    expect(photo).toMatchObject({ mimeType: 'image/bmp', width: 102, height: 126 });
    expect(photo!.data.length).toBe(WLT_BMP_BYTES);
    expect([photo!.data[0], photo!.data[1]]).toEqual([0x42, 0x4d]);
    await expect(decoder.decode(new Uint8Array(1024))).rejects.toThrow(/returned -1/);
  });

  it('falls back to the placeholder (no decoder) when the library is missing, and says so', async () => {
    const logger = recordingLogger();
    const decoder = await loadVendorWltDecoder({ libraryPath: join(dir, 'missing.so') }, logger);
    expect(decoder).toBe(noPhotoDecoder);
    expect(await decoder.decode(new Uint8Array(1024))).toBeNull();
    expect(logger.lines.join()).toMatch(/could not be loaded/);
  });

  it('the card event carries the decoded image, or WLT plus a warning when decoding fails', async () => {
    const engine = new SamCardSimulator({ find: 0, select: 0, read: 0, other: 0 });
    const dev = inProcessUsbReader(engine);
    const decoder = await loadVendorWltDecoder({ libraryPath: libPath }, recordingLogger());
    let fail = false;
    const reader = new IdCardReader({
      samPowerUpMs: 0,
      pollIntervalMs: 5,
      openTransport: () => openUsbBulkTransport({ vendorId: 1, productId: 2, findDevice: () => dev.open() }),
      photoDecoder: {
        name: 'test',
        decode: (w) => (fail ? Promise.reject(new Error('boom')) : decoder.decode(w)),
      },
    });
    reader.start();
    try {
      let card = nextEvent(reader, 'card');
      engine.placeCard('li-xiuying');
      const ev = await card;
      expect(ev.card.photo.kind).toBe('image');
      if (ev.card.photo.kind === 'image')
        expect(Buffer.from(ev.card.photo.dataBase64, 'base64').length).toBe(WLT_BMP_BYTES);
      engine.removeCard();
      await nextEvent(reader, 'removed');
      fail = true;
      card = nextEvent(reader, 'card');
      engine.placeCard('li-xiuying');
      const ev2 = await card;
      expect(ev2.card.photo.kind).toBe('wlt');
      expect(ev2.card.warnings).toContain('photo-decode-failed');
    } finally {
      await reader.stop();
    }
  });
});
