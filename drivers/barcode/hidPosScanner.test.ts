import { describe, expect, it } from 'vitest';
import { encodeHidPosReports } from './hidPosCodec';
import { HidPosScanner } from './hidPosScanner';
import { HidPosSimulator } from './hidPosSimulator';
import type { BarcodeEvent, BarcodeReaderState } from './schemas';

function recordingLogger() {
  const lines: string[] = [];
  const push = (msg: string, fields?: Record<string, unknown>) =>
    lines.push(`${msg} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: push, warn: push, error: push };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('HidPosScanner with the in-process HID POS simulator', () => {
  it('enables HID POS output, emits one barcode per code (also when split) and never logs the data', async () => {
    const sim = new HidPosSimulator();
    const logger = recordingLogger();
    const scanner = new HidPosScanner({ backend: sim, pollMs: 20, logger });
    const scans: BarcodeEvent[] = [];
    scanner.on('barcode', (e) => scans.push(e));
    scanner.start();
    expect(scanner.state.status).toBe('ready');
    expect(sim.featureReports).toEqual([[0xfe, 0x01]]);

    const eid = `https://eid.example/v?c=${'A1b2'.repeat(40)}&n=李小梅`;
    await sim.scan(eid);
    await sim.scan('6901234567892', ']E0', 0x64);
    expect(scans.map(({ data, symbology, source }) => ({ data, symbology, source }))).toEqual([
      { data: eid, symbology: 'qr', source: 'hid-pos' },
      { data: '6901234567892', symbology: 'ean13', source: 'hid-pos' },
    ]);
    expect(logger.lines.join('\n')).not.toContain('李小梅');
    expect(logger.lines.join('\n')).not.toContain('6901234567892');
    scanner.stop();
    expect(scanner.state.status).toBe('stopped');
  });

  it('drops garbage reports, keeps working, and recovers from an unplug mid-code', async () => {
    const sim = new HidPosSimulator();
    const scanner = new HidPosScanner({ backend: sim, pollMs: 20 });
    const scans: string[] = [];
    const states: BarcodeReaderState[] = [];
    scanner.on('barcode', (e) => scans.push(e.data));
    scanner.on('state', (s) => states.push(s));
    scanner.start();

    await sim.sendReports([Buffer.from([0x07, 1, 2]), Buffer.alloc(10, 0x02)]);
    const firstPart = encodeHidPosReports(Buffer.from('P'.repeat(120)))[0]!;
    await sim.sendReports([firstPart]);
    sim.unplug();
    expect(scanner.state.status).toBe('disconnected');
    expect(scanner.state.messageZh).toMatch(/扫码器/);

    sim.replug();
    await until(() => scanner.state.status === 'ready');
    await sim.scan('AFTER-REPLUG');
    expect(scans).toEqual(['AFTER-REPLUG']);
    expect(sim.opens).toBe(2);
    expect(states.map((s) => s.status)).toEqual(['searching', 'ready', 'disconnected', 'ready']);
    scanner.stop();
  });

  it('waits in "searching" while no scanner is plugged in, and ignores other HID devices', async () => {
    const sim = new HidPosSimulator({
      path: '/dev/hidraw9',
      vendorId: 0x1234,
      productId: 1,
      usagePage: 0x01,
      usage: 0x06,
    });
    const scanner = new HidPosScanner({ backend: sim, pollMs: 20 });
    scanner.start();
    await new Promise((r) => setTimeout(r, 80));
    expect(scanner.state.status).toBe('searching');
    expect(sim.opens).toBe(0);
    scanner.stop();
  });
});
