import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateHostService, updateHoursFrom } from './updateHostService';

const log = { debug() {}, info() {}, warn() {}, error() {}, child: () => log };
const installer = { installAndRestart: async () => {} };

describe('update host service', () => {
  it('maps the county opening hours (ISO weekdays) and defaults to a night window', () => {
    expect(updateHoursFrom([{ days: [1, 7], open: '08:30', close: '17:30' }]).periods).toEqual([
      { days: [1, 0], open: '08:30', close: '17:30' },
    ]);
    expect(updateHoursFrom([]).periods[0]).toMatchObject({ open: '07:00', close: '22:00' });
  });

  it('stays off until the kiosk is enrolled in a county', async () => {
    const service = updateHostService({
      installer,
      platform: { os: 'linux', arch: 'x64', packageKind: 'deb' },
      currentVersion: '0.1.0',
      downloadDir: await mkdtemp(join(tmpdir(), 'cunban-upd-')),
      countyUrl: () => null,
      deviceId: () => null,
      openingHours: () => [],
      sessionActive: () => false,
      log,
    });
    await service.start();
    expect(service.scheduler()).toBeUndefined();
    await service.stop();
  });

  it('checks the county feed at /updates/ once enrolled', async () => {
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const service = updateHostService({
      installer,
      platform: { os: 'linux', arch: 'x64', packageKind: 'deb' },
      currentVersion: '0.1.0',
      downloadDir: await mkdtemp(join(tmpdir(), 'cunban-upd-')),
      countyUrl: () => `http://127.0.0.1:${port}/`,
      deviceId: () => 'device-1',
      openingHours: () => [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' }],
      sessionActive: () => true,
      log,
    });
    await service.start();
    expect(service.scheduler()).toBeDefined();
    await expect
      .poll(() => asked.some((u) => u.startsWith('/updates/latest-linux.yml')), { timeout: 10_000 })
      .toBe(true);
    await service.stop();
    await new Promise((r) => server.close(r));
  });
});
