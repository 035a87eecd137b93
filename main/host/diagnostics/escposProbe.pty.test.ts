import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { startIdCardSimulator } from '../../../drivers/idcard/index';
import { PtyPrinterSimulator } from '../../../drivers/printer/simulator/ptyPrinterSimulator';
import { SerialTransport } from '../../../drivers/printer/transports/serialTransport';
import { openPtyPair, type PtyPair } from '../../../drivers/virtualSerial/ptyPair';
import { detectDevices } from './deviceDetection';
import { escposProbeWords, probeEscPos } from './escposProbe';

// Real ptys through socat, the real serialport binding on both ends, the real printer simulator.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pty(): Promise<PtyPair> {
  const pair = await openPtyPair();
  cleanups.push(() => pair.close());
  return pair;
}

/** The printer simulator on the device end; `received` records every byte it was sent. */
async function printerOn(pair: PtyPair) {
  const sim = new PtyPrinterSimulator(pair.devicePath);
  const received: number[] = [];
  const receive = sim.printer.receive.bind(sim.printer);
  sim.printer.receive = (chunk: Buffer) => {
    received.push(...chunk);
    receive(chunk);
  };
  await sim.open();
  cleanups.push(() => sim.close());
  return Object.assign(sim, { received });
}

/** A device that answers every write with `reply(bytes)`: a modem, a scale, line noise. */
async function responderOn(pair: PtyPair, reply: (chunk: Buffer) => Buffer) {
  const port = new SerialPort({ path: pair.devicePath, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('data', (chunk: Buffer) => port.write(reply(chunk)));
  port.on('error', () => {});
  cleanups.push(() => new Promise<void>((r) => port.close(() => r())));
}

const TIMEOUT = 600; // headroom on a machine shared with four other test runs

describe('ESC/POS probe on a real pty', () => {
  it('recognises the printer simulator and reads paper and cover', async () => {
    const pair = await pty();
    const sim = await printerOn(pair);
    const ready = await probeEscPos(new SerialTransport({ path: pair.hostPath }), { timeoutMs: TIMEOUT });
    expect(ready).toMatchObject({ kind: 'printer', condition: 'ready', replies: [0x12, 0x12, 0x12, 0x12] });
    expect(escposProbeWords(ready)).toContain('有纸，盖子已关好');

    sim.printer.set({ paper: 'out', coverOpen: true });
    const faulty = await probeEscPos(new SerialTransport({ path: pair.hostPath }), { timeoutMs: TIMEOUT });
    expect(faulty).toMatchObject({ kind: 'printer', condition: 'cover-open' });
    expect(faulty.kind === 'printer' && faulty.flags.paperOut).toBe(true);
    expect(escposProbeWords(faulty)).toContain('没纸，盖子开着');
  });

  it('calls a port that answers garbage "not ESC/POS" and a silent one "silent"', async () => {
    const garbage = await pty();
    await responderOn(garbage, () => Buffer.from('ERROR\r\n'));
    expect(
      await probeEscPos(new SerialTransport({ path: garbage.hostPath }), { timeoutMs: TIMEOUT }),
    ).toMatchObject({ kind: 'not-escpos' });

    // One byte with the right fixed bits is not enough when more follow it (an echoing device).
    const chatty = await pty();
    await responderOn(chatty, () => Buffer.of(0x12, 0x12, 0x12));
    expect(
      await probeEscPos(new SerialTransport({ path: chatty.hostPath }), { timeoutMs: TIMEOUT }),
    ).toMatchObject({ kind: 'not-escpos' });

    const wrongBits = await pty();
    await responderOn(wrongBits, () => Buffer.of(0xff));
    expect(
      await probeEscPos(new SerialTransport({ path: wrongBits.hostPath }), { timeoutMs: TIMEOUT }),
    ).toMatchObject({ kind: 'not-escpos' });

    const silent = await pty();
    const started = Date.now();
    expect(await probeEscPos(new SerialTransport({ path: silent.hostPath }), { timeoutMs: TIMEOUT })).toEqual(
      { kind: 'silent' },
    );
    expect(Date.now() - started).toBeLessThan(TIMEOUT + 1000); // gives up after the first question

    const missing = await probeEscPos(new SerialTransport({ path: '/dev/does-not-exist' }));
    expect(missing.kind).toBe('unopenable');

    // A port another program holds is locked; the probe neither steals it nor writes to it.
    const held = await pty();
    const holder = new SerialTransport({ path: held.hostPath });
    await holder.open();
    cleanups.push(() => holder.close());
    const locked = await probeEscPos(new SerialTransport({ path: held.hostPath }), { timeoutMs: TIMEOUT });
    expect(locked.kind).toBe('unopenable');
    expect(escposProbeWords(locked)).toBe('端口被其他程序占用（未检测）');
    expect(holder.isOpen).toBe(true);
  });

  it('detects a printer and a SAM reader on their ports and leaves the port in use alone', async () => {
    const printerPort = await pty();
    const sim = await printerOn(printerPort);
    const readerPort = await pty();
    const reader = await startIdCardSimulator({ path: readerPort.devicePath });
    cleanups.push(() => reader.close());
    const busy = await pty();
    const busySim = await printerOn(busy);
    const silent = await pty();

    const found = await detectDevices({
      serialPaths: async () => [printerPort.hostPath, readerPort.hostPath, busy.hostPath, silent.hostPath],
      usbLpPaths: async () => [],
      usbReaders: async () => [],
      hidScanners: async () => [],
      inUse: new Set([busy.hostPath]),
      timeoutMs: TIMEOUT,
      printerBaudRates: [115200],
    });
    expect(found.map((d) => [d.path, d.role, d.inUse])).toEqual([
      [printerPort.hostPath, 'receiptPrinter', false],
      [readerPort.hostPath, 'idCardReader', false],
      [busy.hostPath, null, true],
      [silent.hostPath, null, false],
    ]);
    expect(found[0]!.configs.receiptPrinter).toEqual({
      transport: 'serial',
      path: printerPort.hostPath,
      baudRate: 115200,
    });
    expect(found[1]!.configs.idCardReader).toMatchObject({ transport: 'serial', path: readerPort.hostPath });
    expect(found[2]!.resultZh).toContain('正在使用');
    // The printer got only the four status questions (a SAM frame would have printed as text),
    // and the printer behind the busy port got nothing at all.
    expect(sim.received).toEqual([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4]);
    expect(busySim.received).toEqual([]);
  });
});
