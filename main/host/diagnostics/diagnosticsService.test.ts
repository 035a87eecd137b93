import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../config/loadConfig';
import { startKioskHost } from '../kioskHost';
import { FileLog } from '../logging/logger';
import { hostPaths } from '../paths';
import { AdminSession } from './adminSession';
import { DiagnosticsService } from './diagnosticsService';

let nextId = 1;

async function demoHost() {
  const root = await mkdtemp(join(tmpdir(), 'cunban-diag-'));
  const paths = hostPaths(root);
  const fileLog = new FileLog({ dir: paths.logs });
  const usb = join(root, 'media', 'usb');
  await mkdir(usb, { recursive: true });
  const mountsFile = join(root, 'mounts');
  await writeFile(mountsFile, `/dev/sdb1 /media/usb vfat rw 0 0\n`);
  const admin = new AdminSession({ pinHash: () => null, demo: () => true });
  const host = await startKioskHost({
    config: demoConfig(),
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
        mountsFile,
        probe: async () => [{ kind: 'serial', path: '/dev/ttyS0', resultZh: '串口无应答' }],
      }),
    ],
  });
  const call = (name: string, input: unknown = {}) =>
    host.contract.dispatch({ kind: 'request', id: nextId++, name, input });
  return { host, call, paths, fileLog };
}

describe('DiagnosticsService', () => {
  it('answers nothing but admin.unlock without an admin session', async () => {
    const { host, call, paths } = await demoHost();
    for (const [name, input] of [
      ['diagnostics.devices', {}],
      ['diagnostics.probe', {}],
      ['diagnostics.exportTargets', {}],
      ['diagnostics.recentLogs', { limit: 10 }],
      ['diagnostics.exportLogs', { folder: paths.exports, days: 1 }],
    ] as const) {
      const res = await call(name, input);
      expect(res.ok ? 'answered' : res.error.code, name).toBe('forbidden');
    }
    await host.stop();
  });

  it('shows devices and redacted logs, and exports only to a listed folder', async () => {
    const { host, call, paths, fileLog } = await demoHost();
    fileLog.logger('test').info('card read', { idNumber: '11010519491231002X' });
    expect((await call('admin.unlock', { pin: '0000' })).ok).toBe(true);
    const devices = await call('diagnostics.devices');
    expect(devices.ok && (devices.output as { devices: unknown[] }).devices.length).toBeGreaterThan(0);
    const logs = await call('diagnostics.recentLogs', { limit: 50 });
    const text = logs.ok ? (logs.output as { lines: string[] }).lines.join('\n') : '';
    expect(text).toContain('card read');
    expect(text).not.toContain('11010519491231002X');
    const refused = await call('diagnostics.exportLogs', { folder: '/etc', days: 1 });
    expect(refused.ok ? 'exported' : refused.error.code).toBe('forbidden');
    const exported = await call('diagnostics.exportLogs', { folder: paths.exports, days: 1 });
    expect(exported.ok).toBe(true);
    const [file] = await readdir(paths.exports);
    expect(gunzipSync(readFileSync(join(paths.exports, file!))).toString()).not.toContain(
      '11010519491231002X',
    );
    await call('admin.lock');
    expect((await call('diagnostics.devices')).ok).toBe(false);
    await host.stop();
  });
});
