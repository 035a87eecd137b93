import { afterEach, describe, expect, it } from 'vitest';
import { plainSplitFraming } from './hidFraming';
import { openHidTransport } from './hidTransport';
import { IdCardReader } from './idCardReader';
import { nextEvent, waitForState } from './readerTestKit';
import { buildSamFrame } from './samFrame';
import { inProcessHidReader, inProcessUsbReader } from './simulator/inProcessDevices';
import { SamCardSimulator } from './simulator/samCardSimulator';
import { openUsbBulkTransport } from './usbBulkTransport';

const tuning = { samPowerUpMs: 10, pollIntervalMs: 10, reconnectIntervalMs: 40 };
let reader: IdCardReader | undefined;
afterEach(async () => {
  await reader?.stop();
  reader = undefined;
});

describe('plain split HID framing', () => {
  it('splits a frame into zero-padded 64-byte reports with a report id', () => {
    const frame = buildSamFrame(new Uint8Array(100).fill(1));
    const reports = plainSplitFraming().encode(frame);
    expect(reports).toHaveLength(2);
    expect(reports.every((r) => r.length === 65 && r[0] === 0)).toBe(true);
    expect([...reports[0]!.subarray(1, 6)]).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
  });

  it('reassembles a 2321-byte reply split across 64-byte reports and drops the padding', () => {
    const frame = buildSamFrame(new Uint8Array(2313).map((_, i) => (i * 13) & 0xff));
    expect(frame.length).toBe(2321);
    const decode = plainSplitFraming().createDecoder();
    const out: number[] = [];
    // Twice, to show padding after the first frame does not disturb the second.
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < frame.length; i += 64) {
        const report = new Uint8Array(64);
        report.set(frame.subarray(i, i + 64));
        out.push(...decode(report));
      }
    }
    expect(out).toEqual([...frame, ...frame]);
  });

  it('drops garbage reports between frames', () => {
    const decode = plainSplitFraming().createDecoder();
    const status = buildSamFrame([0, 0, 0x90]);
    const junk = Uint8Array.from([0xaa, 0x13, 0xff, 0, 0xaa, 0xaa, 0x01]);
    expect([...decode(junk)]).toEqual([]);
    const report = new Uint8Array(64);
    report.set(status);
    expect([...decode(report)]).toEqual([...status]);
  });
});

describe.each([
  [
    'hid',
    (engine: SamCardSimulator) => {
      const dev = inProcessHidReader(engine);
      return {
        dev,
        open: () => openHidTransport({ vendorId: 0x10c4, productId: 0x0007, openDevice: () => dev.open() }),
      };
    },
  ],
  [
    'usb',
    (engine: SamCardSimulator) => {
      const dev = inProcessUsbReader(engine);
      return {
        dev,
        open: () =>
          openUsbBulkTransport({ vendorId: 0x0400, productId: 0xc35a, findDevice: () => dev.open() }),
      };
    },
  ],
] as const)('%s transport with the in-process reader', (kind, make) => {
  it('reads cards, reports removal, and survives unplug/replug', async () => {
    const engine = new SamCardSimulator({ find: 1, select: 1, read: 10, other: 1 });
    const { dev, open } = make(engine);
    reader = new IdCardReader({ ...tuning, openTransport: open });
    reader.start();
    await waitForState(reader, 'ready');
    let card = nextEvent(reader, 'card');
    engine.placeCard('smith-john-2017');
    expect((await card).card.englishName).toBe('SMITH JOHN');
    const removed = nextEvent(reader, 'removed');
    engine.removeCard();
    await removed;

    engine.placeCard('garcia-maria-2023');
    await nextEvent(reader, 'card');
    const gone = waitForState(reader, 'no-reader');
    const removedOnUnplug = nextEvent(reader, 'removed');
    dev.unplug();
    await gone;
    await removedOnUnplug;
    card = nextEvent(reader, 'card');
    dev.replug();
    await waitForState(reader, 'ready');
    // Power-cycled reader: the card still lying there is a new presentation.
    expect((await card).card.idNumber, kind).toBe('932682198501010017');
    expect(engine.readsServed).toBe(3);
  });

  it('answers the published find exchange byte for byte', async () => {
    const engine = new SamCardSimulator({ find: 0, select: 0, read: 0, other: 0 });
    engine.placeCard('li-xiuying');
    const { open } = make(engine);
    const t = await open();
    const got: number[] = [];
    const done = new Promise<void>((resolve) =>
      t.onData((c) => {
        got.push(...c);
        if (got.length >= 15) resolve();
      }),
    );
    await t.send(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22]));
    await done;
    expect(got).toEqual([
      0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x08, 0x00, 0x00, 0x9f, 0x00, 0x00, 0x00, 0x00, 0x97,
    ]);
    await t.close();
  });
});

describe('usb transport timeouts', () => {
  it('a reply that never comes is a timeout, not an unplug', async () => {
    const engine = new SamCardSimulator({ find: 1, select: 1, read: 5, other: 1 });
    const dev = inProcessUsbReader(engine);
    reader = new IdCardReader({
      ...tuning,
      timeouts: { find: 60, select: 60 },
      openTransport: () =>
        openUsbBulkTransport({
          vendorId: 0x0400,
          productId: 0xc35a,
          inTimeoutMs: 30,
          findDevice: () => dev.open(),
        }),
    });
    const states: string[] = [];
    reader.on('state', (s) => states.push(s.status));
    reader.start();
    await waitForState(reader, 'ready');
    engine.injectFault('timeout');
    await new Promise((r) => setTimeout(r, 300)); // past both the reader's and the USB transfer timeout
    const card = nextEvent(reader, 'card');
    engine.placeCard('li-xiuying');
    expect((await card).card.name).toBe('李秀英');
    expect(states).not.toContain('no-reader');
  });
});
