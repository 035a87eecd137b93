import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../contract/define';
import { sampleReceipt } from '../../drivers/printer/layouts/sampleModels';
import { demoConfig } from './config/loadConfig';
import { hostResources } from './hostResources';
import { type KioskHost, startKioskHost } from './kioskHost';
import { kioskServices } from './kioskServices';
import { FileLog } from './logging/logger';
import { hostPaths } from './paths';

/**
 * The demo profile end to end inside the host: every simulated device starts, is announced, and
 * answers through the contract with the real driver code behind it.
 */
let host: KioskHost;
const events: EventEnvelope[] = [];
const call = async (name: string, input: unknown = {}) => {
  const answer = await host.contract.dispatch({ kind: 'request', id: 1, name, input });
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
  return answer.output as Record<string, unknown>;
};

beforeAll(async () => {
  const paths = hostPaths(await mkdtemp(join(tmpdir(), 'cunban-services-')));
  const log = new FileLog({ dir: paths.logs });
  host = await startKioskHost({
    config: demoConfig(),
    paths,
    log,
    hostKind: 'browser',
    version: 't',
    services: (h) => kioskServices(h, log, hostResources(paths)),
  });
  host.contract.onEvent((e) => events.push(e));
}, 60_000);
afterAll(async () => host?.stop());

describe('demo kiosk services', () => {
  it('start, every one running and announced as simulated', () => {
    const states = Object.fromEntries(host.health().services.map((s) => [s.name, s.state]));
    for (const name of ['idcard', 'printer', 'capture', 'queue']) expect(states[name], name).toBe('running');
    expect(Object.values(states).filter((s) => s !== 'running')).toEqual([]);
    expect(host.health().simulatedDevices.sort()).toEqual(
      ['小票打印机', '扫描仪', '扫码枪', '身份证阅读器'].sort(),
    );
  });

  it('print a receipt on the simulated printer and show its preview', async () => {
    const job = await call('printer.printReceipt', sampleReceipt);
    expect(job.status).toBe('printed');
    await expect
      .poll(() => events.some((e) => e.name === 'demo.printer.preview'), { timeout: 20_000 })
      .toBe(true);
  });

  it('keep a receipt queued when the paper runs out, and print it on reprint', async () => {
    await call('demo.printer.condition', { paper: 'out', coverOpen: false, cutterJam: false });
    await expect
      .poll(
        async () => ((await call('printer.state')) as { printer: { canPrint: boolean } }).printer.canPrint,
        { timeout: 10_000 },
      )
      .toBe(false);
    const failed = await call('printer.printReceipt', sampleReceipt);
    expect(failed.status).toBe('failed');
    await call('demo.printer.condition', { paper: 'ok', coverOpen: false, cutterJam: false });
    await expect
      .poll(
        async () => ((await call('printer.state')) as { printer: { canPrint: boolean } }).printer.canPrint,
        { timeout: 10_000 },
      )
      .toBe(true);
    const again = await call('printer.reprint', { jobId: failed.id });
    expect(again.status).toBe('printed');
  });

  it('notice the reader unplugged, and read a card again once it is plugged back in', async () => {
    const since = events.length;
    const idcardHealth = () => host.health().services.find((s) => s.name === 'idcard')?.state;
    await call('demo.idcard.unplug');
    await expect
      .poll(
        () =>
          events
            .slice(since)
            .some(
              (e) => e.name === 'idcard.state' && (e.payload as { status: string }).status === 'no-reader',
            ),
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(idcardHealth()).toBe('degraded');
    await call('demo.idcard.replug');
    await expect
      .poll(async () => (await call('idcard.state')).status, { timeout: 45_000, interval: 250 })
      .toBe('ready');
    expect(idcardHealth()).toBe('running');
    const fixtureId = ((await call('demo.idcard.fixtures')) as { fixtures: { id: string }[] }).fixtures[0]!
      .id;
    const before = events.length;
    await call('demo.idcard.place', { fixtureId });
    await expect
      .poll(() => events.slice(before).some((e) => e.name === 'idcard.card'), { timeout: 30_000 })
      .toBe(true);
    await call('demo.idcard.remove');
  }, 120_000);

  it('keep a receipt queued while the printer is unplugged, and print it on reprint once back', async () => {
    const printer = async () =>
      ((await call('printer.state')) as { printer: { condition: string; canPrint: boolean } }).printer;
    await call('demo.printer.unplug');
    const failed = await call('printer.printReceipt', sampleReceipt);
    expect(failed.status).toBe('failed');
    await expect.poll(async () => (await printer()).condition, { timeout: 30_000 }).toBe('offline');
    const jobs = ((await call('printer.jobs')) as { jobs: { id: string; status: string }[] }).jobs;
    expect(jobs.find((j) => j.id === failed.id)?.status).toBe('failed');
    await call('demo.printer.replug');
    await expect.poll(async () => (await printer()).canPrint, { timeout: 45_000, interval: 250 }).toBe(true);
    const again = await call('printer.reprint', { jobId: failed.id });
    expect(again.status).toBe('printed');
  }, 120_000);

  it('scan a page from the simulated scanner into the encrypted outbox', async () => {
    const result = (await call('capture.scan', {
      capture: { material: 'household-register' },
      scan: { resolution: 100 },
    })) as {
      pages: { sha256: string; size: number }[];
    };
    expect(result.pages.length).toBe(1);
    expect(result.pages[0]!.size).toBeLessThan(250_000);
    const thumb = await call('capture.thumbnail', { sha256: result.pages[0]!.sha256 });
    expect(String(thumb.dataUrl)).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('refuse to copy an ID card without consent', async () => {
    await expect(call('capture.scan', { capture: { material: 'id-card' }, scan: {} })).rejects.toThrow(
      /forbidden/,
    );
  });

  it('deliver a code read by the simulated barcode scanner', async () => {
    await call('demo.barcode.scan', { data: 'SJ0001-20261129-0007' });
    await expect
      .poll(() => events.find((e) => e.name === 'barcode.scan')?.payload as { data?: string } | undefined, {
        timeout: 10_000,
      })
      .toMatchObject({ data: 'SJ0001-20261129-0007' });
  });
});
