import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../virtualSerial/ptyPair';
import { createIdCardReader } from './createIdCardReader';
import type { IdCardReader } from './idCardReader';
import { nextEvent, recordingLogger, waitForState } from './readerTestKit';
import { IdCardEventSchema, ReaderStateSchema } from './schemas';
import { type IdCardSimulatorHandle, startIdCardSimulator } from './simulator/serialSimulator';

/** Short waits so the suite stays fast; the vendor values are the defaults in production. */
const tuning = {
  samPowerUpMs: 30,
  pollIntervalMs: 20,
  reconnectIntervalMs: 60,
  timeouts: {
    find: 400,
    select: 400,
    status: 400,
    'read-base': 1500,
    'read-base-fp': 1500,
    'read-appended-address': 400,
  },
};

let pair: PtyPair | undefined;
let sim: IdCardSimulatorHandle | undefined;
let reader: IdCardReader | undefined;

afterEach(async () => {
  await reader?.stop();
  await sim?.close();
  await pair?.close();
  reader = sim = pair = undefined;
});

async function setup(extra: Parameters<typeof createIdCardReader>[1] = {}) {
  pair = await openPtyPair();
  sim = await startIdCardSimulator({ path: pair.devicePath, delays: { read: 20 } });
  const logger = recordingLogger();
  reader = createIdCardReader({ transport: 'serial', path: pair.hostPath }, { ...tuning, logger, ...extra });
  const ready = waitForState(reader, 'ready');
  reader.start();
  await ready;
  return { pair, sim, reader, logger };
}

describe('ID card reader over a real pty', () => {
  it('reads a card once per presentation, then reports it removed', async () => {
    const { sim, reader, logger } = await setup();
    const card = nextEvent(reader, 'card');
    sim.placeCard('li-xiuying');
    const ev = await card;
    expect(IdCardEventSchema.parse(ev)).toEqual(ev);
    expect(ev.card.name).toBe('李秀英');
    expect(ev.card.idNumber).toBe('130624196503121227');
    expect(ev.card.photo.kind).toBe('wlt');
    // Lying on the reader: polled many times, read once.
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.engine.readsServed).toBe(1);
    const removed = nextEvent(reader, 'removed');
    sim.removeCard();
    await removed;
    // Put back: a new presentation, read again.
    const again = nextEvent(reader, 'card');
    sim.placeCard('li-xiuying');
    await again;
    expect(sim.engine.readsServed).toBe(2);
    const log = logger.lines.join('\n');
    expect(log).not.toContain('李秀英');
    expect(log).not.toContain('130624196503121227');
    expect(log).toContain('13**************27');
    expect(log).toMatch(/SAM ready.*"samId":"\d\d\.\d\d-\d{8}-\d{10}-\d{10}"/);
  });

  it('uses the appended address, and the fingerprint read never carries fingerprint bytes', async () => {
    const { sim, reader } = await setup({ useFingerprintRead: true });
    let card = nextEvent(reader, 'card');
    sim.placeCard('wang-jianguo');
    const wang = await card;
    expect(wang.card.address).toBe('贵州省黔东南苗族侗族自治州丹寨县兴仁镇排倒村5组');
    expect(wang.card.addressSource).toBe('appended');
    sim.removeCard();
    await nextEvent(reader, 'removed');
    card = nextEvent(reader, 'card');
    sim.placeCard('li-xiuying'); // has fingerprint data: LEN 0x090A reply
    const li = await card;
    expect(li.card.addressSource).toBe('card');
    const json = JSON.stringify(li);
    expect(json).not.toMatch(/fingerprint/i);
    // The fixture fingerprint is 1024 × 0x5A; its base64 ("WlpaWlpa…") must not appear anywhere.
    expect(json).not.toContain('WlpaWlpaWlpaWlpa');
  });

  it('goes to no-reader when unplugged mid-read and reconnects by itself', async () => {
    const { pair, sim, reader } = await setup();
    sim.engine.delays.read = 300; // a slow read to pull the plug in
    const readErr = nextEvent(reader, 'read-error');
    const noReader = waitForState(reader, 'no-reader', 3000);
    sim.placeCard('tsering-drolma');
    await waitForState(reader, 'reading');
    await pair.unplug();
    await noReader;
    expect((await readErr).code).toBe('reader-disconnected');
    expect(ReaderStateSchema.parse(reader.state).messageZh).toMatch(/读卡器/);
    sim.engine.delays.read = 20;
    const card = nextEvent(reader, 'card', () => true, 8000);
    await pair.replug();
    await waitForState(reader, 'ready', 8000);
    expect((await card).card.validTo).toEqual({ kind: 'long-term' });
  });

  it('recovers from a bad checksum, garbage, a timeout and a read failure without losing the card', async () => {
    const { sim, reader, logger } = await setup();
    for (const fault of ['bad-checksum', 'garbage', 'timeout', 'read-failure'] as const) {
      const card = nextEvent(reader, 'card', () => true, 5000);
      const before = logger.lines.length;
      sim.injectFault(fault, 'read');
      sim.placeCard('chen-zhiming-hk');
      expect((await card).card.permitNumber, fault).toBe('H12345678');
      const log = logger.lines.slice(before).join('\n');
      // The fault really hit the read: a retry (or, for garbage, a resync) shows in the log.
      expect(log, fault).toMatch(fault === 'garbage' ? /discarded bytes.*garbage/ : /read attempt failed/);
      const removed = nextEvent(reader, 'removed');
      sim.removeCard();
      await removed;
    }
  });

  it('reports a card removed mid-read in plain words, and no card event', async () => {
    const { sim, reader } = await setup();
    let cards = 0;
    reader.on('card', () => cards++);
    const err = nextEvent(reader, 'read-error');
    sim.injectFault('card-removed-mid-read', 'read');
    sim.placeCard('li-xiuying');
    const e = await err;
    expect(e.code).toBe('card-removed');
    expect(e.messageZh).toMatch(/身份证/);
    expect(cards).toBe(0);
    expect(reader.state.status).toBe('ready');
  });

  it.each([
    ['sam-unauthorised', 'sam-not-authorised'],
    ['sam-self-test', 'sam-self-test-failed'],
  ] as const)('turns SAM fault %s into a device fault for IT staff, and recovers', async (fault, reason) => {
    const { sim, reader } = await setup();
    const faulted = nextEvent(reader, 'state', (s) => s.status === 'fault');
    sim.injectFault(fault);
    const state = await faulted;
    expect(state).toMatchObject({ status: 'fault', reason });
    expect(state.messageZh).toMatch(/工作人员/);
    sim.clearFaults();
    await waitForState(reader, 'ready', 3000);
  });

  it('says no-reader while nothing is plugged in, then connects when it appears', async () => {
    pair = await openPtyPair();
    await pair.unplug();
    reader = createIdCardReader({ transport: 'serial', path: pair.hostPath }, tuning);
    const noReader = waitForState(reader, 'no-reader');
    reader.start();
    await noReader;
    await pair.replug();
    sim = await startIdCardSimulator({ path: pair.devicePath });
    await waitForState(reader, 'ready', 5000);
  });
});
