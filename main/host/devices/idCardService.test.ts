import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../contract/define';
import { demoConfig } from '../config/loadConfig';
import { type KioskHost, startKioskHost } from '../kioskHost';
import { FileLog } from '../logging/logger';
import { hostPaths } from '../paths';
import { idCardService } from './idCardService';

let host: KioskHost | undefined;
afterEach(async () => host?.stop());

async function demoHost(config = demoConfig()) {
  const paths = hostPaths(await mkdtemp(join(tmpdir(), 'cunban-idsvc-')));
  const log = new FileLog({ dir: paths.logs });
  host = await startKioskHost({
    config,
    paths,
    log,
    hostKind: 'browser',
    version: 't',
    services: (h) => [idCardService(h, log.logger('idcard'))],
  });
  const events: EventEnvelope[] = [];
  host.contract.onEvent((e) => events.push(e));
  return { host, events, log };
}

const call = (h: KioskHost, name: string, input: unknown = {}) =>
  h.contract.dispatch({ kind: 'request', id: 1, name, input });

describe('ID card service (demo: real driver ↔ SAM simulator over a pty)', () => {
  it('delivers a placed demo card through the contract once, then its removal', async () => {
    const { host, events } = await demoHost();
    await expect
      .poll(
        async () => ((await call(host, 'idcard.state')) as { output?: { status: string } }).output?.status,
        { timeout: 10_000 },
      )
      .toBe('ready');
    const fixtures = (await call(host, 'demo.idcard.fixtures')) as { output: { fixtures: { id: string }[] } };
    expect(fixtures.output.fixtures.length).toBeGreaterThan(2);
    expect(host.health().simulatedDevices).toContain('身份证阅读器');
    await call(host, 'demo.idcard.place', { fixtureId: 'wang-jianguo' });
    await expect
      .poll(() => events.filter((e) => e.name === 'idcard.card').length, { timeout: 10_000 })
      .toBe(1);
    const card = events.find((e) => e.name === 'idcard.card')!.payload as {
      card: { name: string; idNumberValid: boolean };
    };
    expect(card.card.name).toBe('王建国');
    expect(card.card.idNumberValid).toBe(true);
    await new Promise((r) => setTimeout(r, 600)); // the card lies there: no second read
    expect(events.filter((e) => e.name === 'idcard.card')).toHaveLength(1);
    await call(host, 'demo.idcard.remove');
    await expect.poll(() => events.some((e) => e.name === 'idcard.removed'), { timeout: 10_000 }).toBe(true);
  });

  it('refuses demo controls outside the demo profile and unknown cards', async () => {
    const production = {
      ...demoConfig(),
      profile: 'production' as const,
      devices: { ...demoConfig().devices, idCardReader: { transport: 'none' as const } },
    };
    const { host } = await demoHost(production);
    expect(await call(host, 'demo.idcard.place', { fixtureId: 'wang-jianguo' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(host, 'idcard.state')).toMatchObject({ ok: true, output: { status: 'no-reader' } });
  });

  it('reports a configured reader that is not there as degraded, and the kiosk still starts', async () => {
    const config = {
      ...demoConfig(),
      devices: {
        ...demoConfig().devices,
        idCardReader: { transport: 'serial' as const, path: '/dev/ttyNOPE9', baudRate: 115200 },
      },
    };
    const { host } = await demoHost(config);
    await expect
      .poll(() => host.health().services.find((s) => s.name === 'idcard')?.state, { timeout: 10_000 })
      .toBe('degraded');
    const state = (await call(host, 'idcard.state')) as { output: { status: string; messageZh: string } };
    expect(state.output.status).toBe('no-reader');
    expect(state.output.messageZh.length).toBeGreaterThan(4);
  });
});
