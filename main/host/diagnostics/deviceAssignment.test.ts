import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyPrinterSimulator } from '../../../drivers/printer/simulator/ptyPrinterSimulator';
import { openSaneTestBackend } from '../../../drivers/scanner/saneTestBackend';
import { openPtyPair } from '../../../drivers/virtualSerial/ptyPair';
import { type KioskConfig, kioskConfigSchema } from '../config/kioskConfig';
import { demoConfig, parseConfig } from '../config/loadConfig';
import { startKioskHost } from '../kioskHost';
import { FileLog } from '../logging/logger';
import { hostPaths } from '../paths';
import { AdminSession } from './adminSession';
import { DiagnosticsService } from './diagnosticsService';
import { PowerScheduler } from './powerScheduler';

// The host side of "检测设备 → 测试 → 使用这个设备": the real contract dispatch, real ptys with
// the printer simulator, SANE's test backend, and the kiosk.json on disk.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const production: KioskConfig = kioskConfigSchema.parse({
  profile: 'production',
  site: { name: '测试村', divisionCode: '441881102201', siteCode: 'T0001' },
  county: { url: 'https://county.example.cn' },
  devices: { receiptPrinter: { transport: 'none' } },
});

let nextId = 1;

async function kiosk(options: { running: KioskConfig; onDisk?: object; saneFromTest?: boolean }) {
  const root = await mkdtemp(join(tmpdir(), 'cunban-assign-'));
  const paths = hostPaths(root);
  if (options.onDisk) await writeFile(paths.config, JSON.stringify(options.onDisk), { mode: 0o600 });
  const printerPort = await openPtyPair();
  cleanups.push(() => printerPort.close());
  const printer = new PtyPrinterSimulator(printerPort.devicePath);
  await printer.open();
  cleanups.push(() => printer.close());
  const silentPort = await openPtyPair();
  cleanups.push(() => silentPort.close());
  const sane = await openSaneTestBackend(1);
  cleanups.push(() => sane.close());
  const fileLog = new FileLog({ dir: paths.logs });
  const admin = new AdminSession({ pinHash: () => null, demo: () => true });
  const acts: string[] = [];
  const power = new PowerScheduler({
    schedule: () => ({ powerOffAt: '22:00', rebootAt: null, days: [1, 2, 3, 4, 5, 6, 7] }),
    busy: () => false,
    power: { powerOff: async () => void acts.push('poweroff'), reboot: async () => void acts.push('reboot') },
    log: fileLog.logger('power'),
  });
  const host = await startKioskHost({
    config: options.running,
    paths,
    log: fileLog,
    hostKind: 'browser',
    version: '0.0.0-test',
    services: (h) => [
      new DiagnosticsService({
        host: h,
        admin,
        fileLog,
        log: fileLog.logger('diagnostics'),
        exportsDir: paths.exports,
        configFile: paths.config,
        scratchDir: paths.state,
        ...(options.saneFromTest === false ? {} : { saneEnv: sane.env }),
        detection: {
          serialPaths: async () => [printerPort.hostPath, silentPort.hostPath],
          usbLpPaths: async () => [],
          usbReaders: async () => [],
          hidScanners: async () => [],
          timeoutMs: 600,
          printerBaudRates: [115200],
        },
        power,
      }),
    ],
  });
  cleanups.push(() => host.stop());
  const call = async (name: string, input: unknown = {}) =>
    host.contract.dispatch({ kind: 'request', id: nextId++, name, input });
  return { call, paths, printerPort, silentPort, acts };
}

type Detected = { id: string; kind: string; role: string | null; resultZh: string };

describe('detect, test and assign devices (admin console)', () => {
  it('refuses every device request without the admin session', async () => {
    const { call } = await kiosk({ running: production, onDisk: production });
    for (const [name, input] of [
      ['diagnostics.detect', {}],
      ['diagnostics.testScan', { deviceId: 'sane:test:0' }],
      ['diagnostics.assign', { role: 'receiptPrinter', deviceId: 'serial:/dev/ttyS0' }],
      ['diagnostics.powerPlan', {}],
    ] as const) {
      const res = await call(name, input);
      expect(res.ok ? 'answered' : res.error.code, name).toBe('forbidden');
    }
  });

  it('writes a detected printer into the production config (atomic, 0600, same parser), restart required', async () => {
    const { call, paths, printerPort } = await kiosk({
      running: production,
      onDisk: { ...production, devices: { ...production.devices, receiptPrinter: { transport: 'none' } } },
    });
    expect((await call('admin.unlock', { pin: '0000' })).ok).toBe(true);
    const detected = await call('diagnostics.detect');
    const devices = detected.ok ? (detected.output as { devices: Detected[] }).devices : [];
    const printer = devices.find((d) => d.role === 'receiptPrinter');
    expect(printer?.resultZh).toContain('有纸，盖子已关好');
    expect(devices.some((d) => d.kind === 'sane' && d.role === 'documentScanner')).toBe(true);
    expect(JSON.stringify(devices)).not.toContain('configs'); // host-side config fragments stay home

    // Bad input: a device never detected, a role the device cannot play, garbage, oversize.
    for (const input of [
      { role: 'receiptPrinter', deviceId: 'serial:/dev/ttyS99' },
      { role: 'idCardReader', deviceId: printer!.id },
      { role: 'printer', deviceId: printer!.id },
      { role: 'receiptPrinter', deviceId: 'x'.repeat(301) },
      { role: 'receiptPrinter', deviceId: printer!.id, config: { transport: 'simulated' } },
    ]) {
      const res = await call('diagnostics.assign', input);
      expect(res.ok ? 'assigned' : res.error.code, JSON.stringify(input).slice(0, 60)).toBe('invalid-input');
    }

    const assigned = await call('diagnostics.assign', { role: 'receiptPrinter', deviceId: printer!.id });
    expect(assigned.ok && assigned.output).toMatchObject({ restartRequired: true });
    const text = await readFile(paths.config, 'utf8');
    const written = parseConfig(text, paths.config);
    expect(written.profile).toBe('production');
    expect(written.devices.receiptPrinter).toEqual({
      transport: 'serial',
      path: printerPort.hostPath,
      baudRate: 115200,
      paperWidthMm: 80,
    });
    expect((await stat(paths.config)).mode & 0o777).toBe(0o600);

    const scan = await call('diagnostics.testScan', { deviceId: 'sane:test:0' });
    expect(scan.ok && scan.output).toMatchObject({ ok: true, page: { widthMm: 200, heightMm: 200 } });
    const notScanner = await call('diagnostics.testScan', { deviceId: printer!.id });
    expect(notScanner.ok ? 'scanned' : notScanner.error.code).toBe('invalid-input');

    const plan = await call('diagnostics.powerPlan');
    expect(plan.ok && plan.output).toMatchObject({ powerOffAt: '22:00', next: { action: 'poweroff' } });
  });

  it('a demo kiosk never writes its simulators into the production config enrollment left on disk', async () => {
    const { call, paths } = await kiosk({ running: demoConfig(), onDisk: production, saneFromTest: false });
    expect((await call('admin.unlock', { pin: '0000' })).ok).toBe(true);
    const detected = await call('diagnostics.detect');
    const devices = detected.ok ? (detected.output as { devices: Detected[] }).devices : [];
    // The demo's scanner is SANE's test backend: listed and testable, but not assignable.
    const demoScanner = devices.find((d) => d.kind === 'sane');
    expect(demoScanner).toMatchObject({ role: null });
    expect(demoScanner?.resultZh).toContain('模拟设备');
    const refused = await call('diagnostics.assign', { role: 'documentScanner', deviceId: demoScanner!.id });
    expect(refused.ok ? 'assigned' : refused.error.code).toBe('invalid-input');
    const scan = await call('diagnostics.testScan', { deviceId: demoScanner!.id });
    expect(scan.ok && scan.output).toMatchObject({ ok: true });

    const printer = devices.find((d) => d.role === 'receiptPrinter');
    expect((await call('diagnostics.assign', { role: 'receiptPrinter', deviceId: printer!.id })).ok).toBe(
      true,
    );
    const written = parseConfig(await readFile(paths.config, 'utf8'), paths.config);
    expect(written.profile).toBe('production');
    expect(JSON.stringify(written.devices)).not.toContain('simulated');
  });

  it('a production config that would not load is refused, and the file stays as it was', async () => {
    const broken = { ...production, devices: { idCardReader: { transport: 'simulated' } } };
    const { call, paths } = await kiosk({ running: production, onDisk: broken });
    expect((await call('admin.unlock', { pin: '0000' })).ok).toBe(true);
    const detected = await call('diagnostics.detect');
    const printer = (detected.ok ? (detected.output as { devices: Detected[] }).devices : []).find(
      (d) => d.role === 'receiptPrinter',
    );
    const res = await call('diagnostics.assign', { role: 'receiptPrinter', deviceId: printer!.id });
    expect(res.ok ? 'assigned' : res.error.message).toContain('simulated devices are only allowed');
    expect(JSON.parse(await readFile(paths.config, 'utf8'))).toEqual(broken);
  });

  it('two assignments at once both land in the file', async () => {
    const { call, paths, printerPort, silentPort } = await kiosk({ running: production, onDisk: production });
    expect((await call('admin.unlock', { pin: '0000' })).ok).toBe(true);
    expect((await call('diagnostics.detect')).ok).toBe(true);
    const [a, b] = await Promise.all([
      call('diagnostics.assign', { role: 'receiptPrinter', deviceId: `serial:${printerPort.hostPath}` }),
      call('diagnostics.assign', { role: 'barcodeScanner', deviceId: `serial:${silentPort.hostPath}` }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const written = parseConfig(await readFile(paths.config, 'utf8'), paths.config);
    expect(written.devices.receiptPrinter).toMatchObject({ path: printerPort.hostPath });
    expect(written.devices.barcodeScanner).toMatchObject({ transport: 'serial', path: silentPort.hostPath });
  });
});
