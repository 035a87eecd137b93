import { EscPosPrinter } from '../drivers/printer/escposPrinter';
import { receiptLayout } from '../drivers/printer/layouts/receiptLayout';
import { sampleReceipt } from '../drivers/printer/layouts/sampleModels';
import { PtyPrinterSimulator } from '../drivers/printer/simulator/ptyPrinterSimulator';
import { SerialTransport } from '../drivers/printer/transports/serialTransport';
import { openPtyPair } from '../drivers/virtualSerial/ptyPair';
import type { BenchFigure, BenchSuite } from './figure';

/** The kiosk's serial receipt printers are configured for 115200 baud, 8N1 (10 bits a byte). */
const BAUD = 115_200;
const wireMs = (bytes: number) => (bytes * 10 * 1000) / BAUD;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function encodeFigures(): BenchFigure[] {
  const figures: BenchFigure[] = [];
  for (const paper of ['58mm', '80mm'] as const) {
    for (let i = 0; i < 50; i++) receiptLayout(sampleReceipt, { paper }); // warm the JIT and iconv tables
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 1000; i++) {
      const t0 = performance.now();
      bytes = receiptLayout(sampleReceipt, { paper }).length;
      times.push(performance.now() - t0);
    }
    const p50 = median(times);
    const wire = wireMs(bytes);
    figures.push(
      {
        name: `encode full receipt, ${paper} (p50 of 1000)`,
        value: +p50.toFixed(4),
        unit: 'ms',
        reference: { name: `wire time of the receipt at ${BAUD} baud`, value: +wire.toFixed(2), unit: 'ms' },
        ratio: +(p50 / wire).toFixed(4),
        target: '≤ 0.05× wire time',
        pass: p50 / wire <= 0.05,
        note: 'sample receipt with QR, masked applicant, 3 materials, offline line; zod validation included',
      },
      {
        name: `bytes per receipt, ${paper}`,
        value: bytes,
        unit: 'B',
        note: 'GB18030 text + ESC/POS commands',
      },
    );
  }
  return figures;
}

async function ptyFigure(): Promise<BenchFigure> {
  const pty = await openPtyPair();
  const sim = new PtyPrinterSimulator(pty.devicePath);
  await sim.open();
  const printer = new EscPosPrinter({
    transport: new SerialTransport({ path: pty.hostPath, baudRate: BAUD }),
    pollIntervalMs: 60_000,
  });
  try {
    await printer.start();
    const bytes = receiptLayout(sampleReceipt, { paper: '58mm' });
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const outcome = await printer.print(bytes);
      times.push(performance.now() - t0);
      if (!outcome.ok) throw new Error(`bench print failed: ${outcome.reason}`);
    }
    if (sim.printer.documents.length !== 20) throw new Error('simulator did not receive every receipt');
    const p50 = median(times);
    // Each job also carries two status rounds (4 × 3 bytes out, 4 bytes back each).
    const wire = wireMs(bytes.length + 2 * (12 + 4));
    return {
      name: 'print receipt over pty incl. status before/after (p50 of 20)',
      value: +p50.toFixed(2),
      unit: 'ms',
      reference: { name: `wire time at ${BAUD} baud`, value: +wire.toFixed(2), unit: 'ms' },
      ratio: +(p50 / wire).toFixed(3),
      target: '≤ 1.1× wire time',
      pass: p50 / wire <= 1.1,
      note: 'a pty does not pace bytes at the baud rate, so this shows driver + 8 status round trips overhead',
    };
  } finally {
    await printer.stop();
    await sim.close();
    await pty.close();
  }
}

const suite: BenchSuite = {
  title: 'Receipt printing (ESC/POS)',
  issue: 4,
  async run() {
    return [...encodeFigures(), await ptyFigure()];
  },
};
export default suite;
