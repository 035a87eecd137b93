import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../virtualSerial/ptyPair';
import { probeSerialPorts } from './createIdCardReader';
import { IdCardReader } from './idCardReader';
import { nextEvent, recordingLogger, waitForState } from './readerTestKit';
import { IdCardReaderEventSchema, ReaderStateSchema } from './schemas';
import { inProcessUsbReader } from './simulator/inProcessDevices';
import { SamCardSimulator } from './simulator/samCardSimulator';
import { type IdCardSimulatorHandle, startIdCardSimulator } from './simulator/serialSimulator';
import { openUsbBulkTransport } from './usbBulkTransport';

let reader: IdCardReader | undefined;
let pair: PtyPair | undefined;
let sim: IdCardSimulatorHandle | undefined;
afterEach(async () => {
  await reader?.stop();
  await sim?.close();
  await pair?.close();
  reader = undefined;
  pair = undefined;
  sim = undefined;
});

function inProcessReader(
  engine: SamCardSimulator,
  extra: Partial<ConstructorParameters<typeof IdCardReader>[0]> = {},
) {
  const dev = inProcessUsbReader(engine);
  reader = new IdCardReader({
    samPowerUpMs: 0,
    pollIntervalMs: 5,
    reconnectIntervalMs: 20,
    openTransport: () => openUsbBulkTransport({ vendorId: 1, productId: 2, findDevice: () => dev.open() }),
    ...extra,
  });
  return reader;
}

describe('IdCardReader state machine', () => {
  it('every emitted state and event matches the contract schemas', async () => {
    const engine = new SamCardSimulator({ find: 0, select: 0, read: 0, other: 0 });
    const r = inProcessReader(engine);
    const seen: unknown[] = [];
    r.on('state', (state) => seen.push({ type: 'state', state }));
    r.on('card', (e) => seen.push(e));
    r.on('removed', (e) => seen.push(e));
    r.on('read-error', (e) => seen.push(e));
    r.start();
    await waitForState(r, 'ready');
    engine.placeCard('zhao-deshun-expired');
    const ev = await nextEvent(r, 'card');
    expect(ev.card.expired).toBe(true);
    engine.removeCard();
    await nextEvent(r, 'removed');
    engine.injectFault('card-removed-mid-read', 'read');
    engine.placeCard('li-xiuying');
    await nextEvent(r, 'read-error');
    for (const e of seen) expect(() => IdCardReaderEventSchema.parse(e)).not.toThrow();
    expect(seen.map((e) => (e as { type: string }).type)).toEqual(
      expect.arrayContaining(['state', 'card', 'removed', 'read-error']),
    );
  });

  it('a card that is not an ID card gets one plain read-error while it lies there', async () => {
    const engine = new SamCardSimulator({ find: 0, select: 0, read: 0, other: 0 });
    const r = inProcessReader(engine);
    const errors: string[] = [];
    r.on('read-error', (e) => errors.push(`${e.code} ${e.messageZh}`));
    r.start();
    await waitForState(r, 'ready');
    const polled = async (n: number) => {
      const target = engine.requestsSeen + n;
      await expect
        .poll(() => engine.requestsSeen, { timeout: 5000, interval: 5 })
        .toBeGreaterThanOrEqual(target);
    };
    engine.placeCard('bank-card');
    await polled(10); // it lies there through many polls
    expect(errors).toEqual(['unknown-card-type 这张卡不是身份证，请放二代身份证']);
    engine.removeCard();
    await polled(2);
    engine.placeCard('bank-card');
    await polled(2);
    await expect.poll(() => errors.length, { timeout: 5000 }).toBe(2);
    expect(r.state.status).toBe('ready');
  });

  it('a reader without the appended-address command still reads cards, with the printed address', async () => {
    const engine = new SamCardSimulator({ find: 0, select: 0, read: 0, other: 0 });
    engine.supportsAppendedAddress = false;
    const r = inProcessReader(engine);
    r.start();
    await waitForState(r, 'ready');
    engine.placeCard('wang-jianguo');
    const ev = await nextEvent(r, 'card');
    expect(ev.card.addressSource).toBe('card');
    expect(ev.card.address).toBe('贵州省黔东南苗族侗族自治州丹寨县龙泉镇卡拉村3组');
    expect(r.state.status).toBe('ready');
  });

  it('a listener that throws is logged and does not stop the reader', async () => {
    const engine = new SamCardSimulator({ find: 0, select: 0, read: 0, other: 0 });
    const logger = recordingLogger();
    const r = inProcessReader(engine, { logger });
    r.on('card', () => {
      throw new Error('UI bug');
    });
    r.start();
    await waitForState(r, 'ready');
    engine.placeCard('li-xiuying');
    await nextEvent(r, 'card');
    engine.removeCard();
    await nextEvent(r, 'removed');
    expect(logger.lines.join()).toMatch(/listener threw/);
    expect(r.state.status).toBe('ready');
  });

  it('says not-responding when the SAM goes silent, and recovers', async () => {
    const engine = new SamCardSimulator({ find: 0, select: 0, read: 0, other: 0 });
    const r = inProcessReader(engine, { timeouts: { find: 30, status: 30 }, silentPollsBeforeFault: 2 });
    r.start();
    await waitForState(r, 'ready');
    const fault = nextEvent(r, 'state', (s) => s.status === 'fault');
    // Timeout is one-shot; re-arm it so the SAM stays silent for a while.
    const silence = setInterval(() => engine.injectFault('timeout'), 5);
    try {
      expect(await fault).toMatchObject({ status: 'fault', reason: 'not-responding' });
    } finally {
      clearInterval(silence);
    }
    engine.clearFaults();
    await waitForState(r, 'ready');
  });

  it('stop() during the SAM power-up wait returns promptly and leaves state stopped', async () => {
    const engine = new SamCardSimulator();
    const r = inProcessReader(engine, { samPowerUpMs: 60_000 });
    r.start();
    await waitForState(r, 'connecting');
    const t0 = Date.now();
    await r.stop();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(ReaderStateSchema.parse(r.state).status).toBe('stopped');
  });
});

describe('probeSerialPorts', () => {
  it('finds the SAM on a pty, and reports silent and missing ports without throwing', async () => {
    pair = await openPtyPair();
    sim = await startIdCardSimulator({ path: pair.devicePath });
    const silent = await openPtyPair();
    try {
      const results = await probeSerialPorts({
        paths: [pair.hostPath, silent.hostPath, '/dev/does-not-exist'],
        timeoutMs: 1500, // honest headroom on a loaded machine; only the silent port waits it out
      });
      expect(results.map((r) => [r.samAnswered, r.sw3])).toEqual([
        [true, 0x90],
        [false, undefined],
        [false, undefined],
      ]);
    } finally {
      await silent.close();
    }
  });
});
