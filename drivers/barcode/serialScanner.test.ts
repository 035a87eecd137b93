import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../virtualSerial/ptyPair';
import type { BarcodeEvent } from './schemas';
import { SerialBarcodeScanner } from './serialScanner';
import { SerialScannerSimulator } from './serialScannerSimulator';

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SerialBarcodeScanner over a real pty', () => {
  let pair: PtyPair | undefined;
  let scanner: SerialBarcodeScanner | undefined;
  let sim: SerialScannerSimulator | undefined;
  afterEach(async () => {
    await scanner?.stop();
    await sim?.close();
    await pair?.close();
  });

  it('reads codes, split writes included, and survives an unplug', async () => {
    pair = await openPtyPair();
    const lines: string[] = [];
    const log = (msg: string, f?: Record<string, unknown>) => lines.push(msg + JSON.stringify(f ?? {}));
    scanner = new SerialBarcodeScanner({
      path: pair.hostPath,
      terminator: 'cr',
      aimPrefix: true,
      reopenMs: 50,
      logger: { info: log, warn: log, error: log },
    });
    const scans: BarcodeEvent[] = [];
    scanner.on('barcode', (e) => scans.push(e));
    scanner.start();
    await until(() => scanner!.state.status === 'ready');
    sim = await SerialScannerSimulator.open(pair.devicePath);

    await sim.scan(']Q1CB-20261129-000123', '\r');
    await sim.scan(']C0身份核验-李小梅', '\r', 3);
    await until(() => scans.length === 2);
    expect(scans.map(({ data, symbology, source }) => ({ data, symbology, source }))).toEqual([
      { data: 'CB-20261129-000123', symbology: 'qr', source: 'serial' },
      { data: '身份核验-李小梅', symbology: 'code128', source: 'serial' },
    ]);
    expect(lines.join('\n')).not.toContain('李小梅');

    await sim.close();
    sim = undefined;
    await pair.unplug();
    await until(() => scanner!.state.status === 'disconnected');
    expect(scanner.state.messageZh).toContain('扫码器');

    await pair.replug();
    await until(() => scanner!.state.status === 'ready');
    sim = await SerialScannerSimulator.open(pair.devicePath);
    await sim.scan(']Q1BACK', '\r');
    await until(() => scans.length === 3);
    expect(scans[2]!.data).toBe('BACK');
  });
});
