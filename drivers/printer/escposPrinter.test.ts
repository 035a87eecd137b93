import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../virtualSerial/ptyPair';
import { documentText } from './codec/printedDocument';
import { EscPosPrinter } from './escposPrinter';
import { receiptLayout } from './layouts/receiptLayout';
import { sampleReceipt } from './layouts/sampleModels';
import type { PrinterCondition } from './schemas';
import { PtyPrinterSimulator } from './simulator/ptyPrinterSimulator';
import { SerialTransport } from './transports/serialTransport';

const receipt = receiptLayout(sampleReceipt, { paper: '58mm' });

/** Resolves when the printer reaches `condition` (event-driven; fails the test after `ms`). */
function waitForCondition(printer: EscPosPrinter, condition: PrinterCondition, ms = 10_000): Promise<void> {
  if (printer.state.condition === condition) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`printer stayed ${printer.state.condition}, wanted ${condition}`));
    }, ms);
    const off = printer.on('state', (s) => {
      if (s.condition !== condition) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('EscPosPrinter over a pty with the simulator', () => {
  let pty: PtyPair;
  let sim: PtyPrinterSimulator;
  let printer: EscPosPrinter;

  async function setup() {
    pty = await openPtyPair();
    sim = new PtyPrinterSimulator(pty.devicePath);
    await sim.open();
    printer = new EscPosPrinter({
      transport: new SerialTransport({ path: pty.hostPath }),
      replyTimeoutMs: 1000,
      reconnectIntervalMs: 100,
      pollIntervalMs: 200,
    });
    await printer.start();
  }

  afterEach(async () => {
    await printer?.stop();
    await sim?.close();
    await pty?.close();
  });

  it('prints a receipt that the simulator decodes, with a status check before and after', async () => {
    await setup();
    expect(printer.state.condition).toBe('ready');
    const outcome = await printer.print(receipt);
    expect(outcome.ok).toBe(true);
    expect(sim.printer.documents).toHaveLength(1);
    expect(documentText(sim.printer.documents[0]!)).toContain(sampleReceipt.trackingNumber);
    // Two DLE EOT 1–4 rounds framed the job bytes.
    const wire = Buffer.concat(sim.printer.received);
    const statusRound = Buffer.from('100401100402100403100404', 'hex');
    expect(wire.indexOf(statusRound)).toBeLessThan(wire.indexOf(receipt.subarray(0, 8)));
    expect(wire.lastIndexOf(statusRound)).toBeGreaterThan(wire.indexOf(receipt.subarray(-8)));
  });

  it('reports paper near end but still prints; refuses to print with the cover open', async () => {
    await setup();
    sim.printer.set({ paper: 'near-end' });
    expect((await printer.checkStatus()).condition).toBe('paper-near-end');
    expect((await printer.print(receipt)).ok).toBe(true);
    sim.printer.set({ coverOpen: true });
    const outcome = await printer.print(receipt);
    expect(outcome).toMatchObject({ ok: false, stage: 'before', reason: 'cover-open' });
    expect(outcome.state.messageZh).toContain('盖子');
    expect(sim.printer.documents).toHaveLength(1);
  });

  it('detects paper running out in the middle of a job', async () => {
    await setup();
    sim.printer.paperRunsOutAfter(200);
    const outcome = await printer.print(receipt);
    expect(outcome).toMatchObject({ ok: false, stage: 'after', reason: 'paper-out' });
    expect(printer.state.condition).toBe('paper-out');
    expect(sim.printer.documents).toHaveLength(0);
    expect(sim.printer.fragments).toHaveLength(1);
  });

  it('takes unsolicited GS a status blocks without polling', async () => {
    await setup();
    await printer.stop();
    printer = new EscPosPrinter({
      transport: new SerialTransport({ path: pty.hostPath }),
      replyTimeoutMs: 1000,
      pollIntervalMs: 60_000,
    });
    await printer.start();
    expect(printer.state.condition).toBe('ready');
    sim.printer.set({ coverOpen: true });
    await waitForCondition(printer, 'cover-open');
    sim.printer.set({ coverOpen: false, paper: 'near-end' });
    await waitForCondition(printer, 'paper-near-end');
  });

  it('notices a cutter jam through polling, and goes offline and back when the cable is pulled', async () => {
    await setup();
    sim.printer.set({ cutterJam: true });
    await waitForCondition(printer, 'cutter-error');
    sim.printer.set({ cutterJam: false });
    await waitForCondition(printer, 'ready');

    await pty.unplug();
    await waitForCondition(printer, 'offline');
    const outcome = await printer.print(receipt);
    expect(outcome.ok).toBe(false);
    await pty.replug();
    await sim.reopen();
    await waitForCondition(printer, 'ready');
    expect((await printer.print(receipt)).ok).toBe(true);
    expect(sim.printer.documents).toHaveLength(1);
  });
});
