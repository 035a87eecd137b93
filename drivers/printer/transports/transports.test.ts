import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../virtualSerial/ptyPair';
import { documentText } from '../codec/printedDocument';
import { EscPosPrinter } from '../escposPrinter';
import { sampleTestPage } from '../layouts/sampleModels';
import { testPageLayout } from '../layouts/testPageLayout';
import { PtyPrinterSimulator } from '../simulator/ptyPrinterSimulator';
import { TcpPrinterSimulator } from '../simulator/tcpPrinterSimulator';
import { TransportError } from './printerTransport';
import { TcpTransport } from './tcpTransport';
import { UsbLpTransport } from './usbLpTransport';

const page = testPageLayout(sampleTestPage, { paper: '80mm' });

function until(printer: EscPosPrinter, condition: string, ms = 10_000): Promise<void> {
  if (printer.state.condition === condition) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still ${printer.state.condition}`)), ms);
    const off = printer.on('state', (s) => {
      if (s.condition === condition) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

describe('TCP 9100 transport', () => {
  let sim: TcpPrinterSimulator;
  let printer: EscPosPrinter;
  afterEach(async () => {
    await printer?.stop();
    await sim?.close();
  });

  it('prints, loses the connection, reconnects and prints again', async () => {
    sim = new TcpPrinterSimulator();
    const port = await sim.listen();
    printer = new EscPosPrinter({
      transport: new TcpTransport({ host: '127.0.0.1', port }),
      replyTimeoutMs: 1000,
      reconnectIntervalMs: 100,
    });
    await printer.start();
    expect(printer.state.condition).toBe('ready');
    expect((await printer.print(page)).ok).toBe(true);
    sim.dropConnections();
    await until(printer, 'offline');
    await until(printer, 'ready');
    expect((await printer.print(page)).ok).toBe(true);
    expect(sim.printer.documents.map(documentText)).toHaveLength(2);
  });

  it('gives up on a write that cannot finish, resets the link and recovers', async () => {
    sim = new TcpPrinterSimulator();
    const port = await sim.listen();
    printer = new EscPosPrinter({
      transport: new TcpTransport({ host: '127.0.0.1', port }),
      replyTimeoutMs: 1000,
      reconnectIntervalMs: 100,
      writeTimeoutMs: 500,
    });
    await printer.start();
    sim.stallOnNextJob();
    // Far more than the loopback socket buffers hold, so the write cannot drain while stalled.
    const outcome = await printer.print(Buffer.alloc(32 * 1024 * 1024, 0x20));
    expect(outcome).toMatchObject({ ok: false, stage: 'during', reason: 'write-error' });
    expect(printer.state.condition).toBe('offline');
    await until(printer, 'ready');
    expect((await printer.print(page)).ok).toBe(true);
  });

  it('fails to open with a typed error when nothing listens', async () => {
    const t = new TcpTransport({ host: '127.0.0.1', port: 1 });
    await expect(t.open()).rejects.toBeInstanceOf(TransportError);
    await expect(t.write(Buffer.of(1))).rejects.toBeInstanceOf(TransportError);
  });
});

describe('Linux USB printer class transport (character device; a pty stands in for /dev/usb/lp0)', () => {
  let pty: PtyPair;
  let sim: PtyPrinterSimulator;
  let printer: EscPosPrinter;
  afterEach(async () => {
    await printer?.stop();
    await sim?.close();
    await pty?.close();
  });

  it('prints with status replies read by polling, and notices the device vanishing', async () => {
    pty = await openPtyPair();
    sim = new PtyPrinterSimulator(pty.devicePath);
    await sim.open();
    printer = new EscPosPrinter({
      transport: new UsbLpTransport({ path: pty.hostPath, readPollMs: 10 }),
      replyTimeoutMs: 1000,
      reconnectIntervalMs: 100,
      pollIntervalMs: 200,
    });
    await printer.start();
    expect(printer.state.condition).toBe('ready');
    expect((await printer.print(page)).ok).toBe(true);
    expect(sim.printer.documents).toHaveLength(1);
    await pty.unplug();
    await until(printer, 'offline');
  });

  it('fails to open a missing device with a typed error', async () => {
    await expect(new UsbLpTransport({ path: '/dev/usb/lp-missing' }).open()).rejects.toBeInstanceOf(
      TransportError,
    );
  });
});
