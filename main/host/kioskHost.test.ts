import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hashPin } from './admin/adminPin';
import { demoConfig } from './config/loadConfig';
import { startKioskHost } from './kioskHost';
import { FileLog } from './logging/logger';
import { hostPaths } from './paths';

async function makeHost(overrides: Partial<Parameters<typeof startKioskHost>[0]> = {}) {
  const root = await mkdtemp(join(tmpdir(), 'cunban-host-'));
  const paths = hostPaths(root);
  return startKioskHost({
    config: demoConfig(),
    paths,
    log: new FileLog({ dir: paths.logs }),
    hostKind: 'browser',
    version: '0.0.0-test',
    ...overrides,
  });
}

const request = (id: number, name: string, input: unknown) => ({ kind: 'request', id, name, input });

describe('startKioskHost', () => {
  it('starts services in order and keeps going when one fails', async () => {
    const order: string[] = [];
    const host = await makeHost({
      services: () => [
        {
          name: 'journal',
          start: async () => void order.push('journal'),
          stop: async () => void order.push('-journal'),
        },
        {
          name: 'idcard',
          start: async () => {
            throw new Error('serial port /dev/ttyUSB0 not found');
          },
          stop: async () => void order.push('-idcard'),
        },
        {
          name: 'printer',
          start: async () => void order.push('printer'),
          stop: async () => void order.push('-printer'),
        },
      ],
    });
    const health = host.health();
    expect(health.services.map((s) => [s.name, s.state])).toEqual([
      ['journal', 'running'],
      ['idcard', 'degraded'],
      ['printer', 'running'],
    ]);
    expect(health.services[1]?.message).toContain('/dev/ttyUSB0');
    expect(health.services[1]?.messageZh).toBeTruthy();
    await host.stop();
    expect(order).toEqual(['journal', 'printer', '-printer', '-idcard', '-journal']);
  });

  it('serves system.info and health through the contract', async () => {
    const host = await makeHost();
    const info = await host.contract.dispatch(request(1, 'system.info', {}));
    expect(info).toMatchObject({
      ok: true,
      output: { profile: 'demo', host: 'browser', idleTimeoutSeconds: 90 },
    });
    await host.stop();
  });

  it('admin exit needs the PIN and locks out after five wrong tries', async () => {
    const onAdminExit = vi.fn();
    const config = { ...demoConfig(), adminPinHash: await hashPin('482913') };
    const host = await makeHost({ config, onAdminExit });
    for (let i = 0; i < 5; i++) {
      expect(await host.contract.dispatch(request(i, 'admin.exit', { pin: '0000' }))).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: 'wrong admin PIN' },
      });
    }
    expect(await host.contract.dispatch(request(9, 'admin.exit', { pin: '482913' }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('too many attempts') },
    });
    expect(onAdminExit).not.toHaveBeenCalled();
    await host.stop();
  });

  it('admin exit with the right PIN calls the exit path', async () => {
    const onAdminExit = vi.fn();
    const host = await makeHost({
      config: { ...demoConfig(), adminPinHash: await hashPin('482913') },
      onAdminExit,
    });
    expect(await host.contract.dispatch(request(1, 'admin.exit', { pin: '482913' }))).toMatchObject({
      ok: true,
    });
    await vi.waitFor(() => expect(onAdminExit).toHaveBeenCalledOnce());
    await host.stop();
  });
});
