import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { documentText } from '../../../drivers/printer/codec/printedDocument';
import { EscPosPrinter } from '../../../drivers/printer/escposPrinter';
import { sampleReceipt, sampleSummary, sampleTestPage } from '../../../drivers/printer/layouts/sampleModels';
import { silentLogger } from '../../../drivers/printer/logger';
import type { PrinterState, PrintJobView } from '../../../drivers/printer/schemas';
import { PtyPrinterSimulator } from '../../../drivers/printer/simulator/ptyPrinterSimulator';
import { SerialTransport } from '../../../drivers/printer/transports/serialTransport';
import { openPtyPair, type PtyPair } from '../../../drivers/virtualSerial/ptyPair';
import {
  PrintJobBusyError,
  PrintJobNotFoundError,
  PrintModelError,
  PrintService,
  type ReceiptPrinterDevice,
} from './printService';

interface Rig {
  pty: PtyPair;
  sim: PtyPrinterSimulator;
  dataDir: string;
  logs: string[];
  service: (printer?: ReceiptPrinterDevice, now?: () => Date) => Promise<PrintService>;
  printer: () => EscPosPrinter;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(): Promise<Rig> {
  const pty = await openPtyPair();
  const sim = new PtyPrinterSimulator(pty.devicePath);
  await sim.open();
  const dataDir = await mkdtemp(join(tmpdir(), 'cunban-print-'));
  cleanups.push(async () => {
    await sim.close();
    await pty.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const logs: string[] = [];
  const record = (msg: string, fields?: Record<string, unknown>) =>
    logs.push(`${msg} ${JSON.stringify(fields ?? {})}`);
  const logger = { info: record, warn: record, error: record };
  const printer = () =>
    new EscPosPrinter({
      transport: new SerialTransport({ path: pty.hostPath }),
      replyTimeoutMs: 1000,
      reconnectIntervalMs: 100,
      pollIntervalMs: 200,
      logger,
    });
  const service = async (device: ReceiptPrinterDevice = printer(), now?: () => Date) => {
    const s = new PrintService({ dataDir, printer: device, paper: '58mm', logger, ...(now ? { now } : {}) });
    cleanups.push(() => s.stop());
    await s.start();
    return s;
  };
  return { pty, sim, dataDir, logs, service, printer };
}

function waitFor(service: PrintService, pred: (s: PrinterState) => boolean, ms = 10_000): Promise<void> {
  if (pred(service.state)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`printer stayed ${service.state.condition}`)), ms);
    const off = service.on('state', (s) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('PrintService', () => {
  it('prints a receipt, records it, and does not print it again after a restart', async () => {
    const r = await rig();
    const s1 = await r.service();
    const seen: PrintJobView['status'][] = [];
    s1.on('job', (j) => seen.push(j.status));
    const job = await s1.printReceipt(sampleReceipt);
    expect(job).toMatchObject({
      status: 'printed',
      kind: 'receipt',
      trackingNumber: sampleReceipt.trackingNumber,
      attempts: 1,
    });
    expect(seen).toEqual(['queued', 'printing', 'printed']);
    expect(documentText(r.sim.printer.documents[0]!)).toContain('办事回执');
    await s1.stop();

    const s2 = await r.service();
    expect(s2.jobs()).toEqual([expect.objectContaining({ id: job.id, status: 'printed' })]);
    await new Promise((res) => setTimeout(res, 300)); // a poll cycle: still nothing printed
    expect(r.sim.printer.documents).toHaveLength(1);
  });

  it('keeps no personal data in clear on disk or in logs', async () => {
    const r = await rig();
    const s = await r.service();
    await s.printReceipt(sampleReceipt);
    await s.printDailySummary(sampleSummary);
    await s.printTestPage(sampleTestPage);
    const files = await readdir(join(r.dataDir, 'print-jobs'));
    expect(files).toHaveLength(3);
    const onDisk = (await Promise.all(files.map((f) => readFile(join(r.dataDir, 'print-jobs', f))))).map(
      (b) => Buffer.from(JSON.parse(b.toString()).escpos, 'base64').toString('latin1'),
    );
    const everything = [...onDisk, ...r.logs].join('\n');
    for (const secret of ['440233195803121234', '13812345678']) expect(everything).not.toContain(secret);
    expect(r.logs.join('\n')).not.toMatch(/欧|𠮷|䶮/);
  });

  it('paper out mid-job: job stays failed with the reason, state is reported, reprint works once paper is back', async () => {
    const r = await rig();
    const s = await r.service();
    const states: string[] = [];
    s.on('state', (st) => states.push(st.condition));
    r.sim.printer.paperRunsOutAfter(300);
    const failed = await s.printReceipt(sampleReceipt);
    expect(failed).toMatchObject({ status: 'failed', failure: { reason: 'paper-out', stage: 'after' } });
    expect(failed.failure?.messageZh).toContain('没纸');
    expect(states).toContain('paper-out');
    expect(r.sim.printer.documents).toHaveLength(0);

    r.sim.printer.set({ paper: 'ok' });
    await waitFor(s, (st) => st.canPrint);
    const again = await s.reprint(failed.id);
    expect(again).toMatchObject({ id: failed.id, status: 'printed', attempts: 2 });
    expect(r.sim.printer.documents).toHaveLength(1);
  });

  it('cover open: nothing is sent, the job stays queued as failed, and prints on request after closing', async () => {
    const r = await rig();
    const s = await r.service();
    r.sim.printer.set({ coverOpen: true });
    await waitFor(s, (st) => st.condition === 'cover-open');
    const failed = await s.printReceipt(sampleReceipt);
    expect(failed).toMatchObject({ status: 'failed', failure: { reason: 'cover-open', stage: 'before' } });
    expect(r.sim.printer.documents).toHaveLength(0);
    expect(s.health()).toMatchObject({
      failedJobs: 1,
      printer: { condition: 'cover-open', canPrint: false },
    });
    r.sim.printer.set({ coverOpen: false });
    await waitFor(s, (st) => st.condition === 'ready');
    expect((await s.reprint(failed.id)).status).toBe('printed');
  });

  it('cable pulled: job fails as offline and survives a restart; reprint after replug', async () => {
    const r = await rig();
    const s1 = await r.service();
    await r.pty.unplug();
    await waitFor(s1, (st) => st.condition === 'offline');
    const failed = await s1.printReceipt(sampleReceipt);
    expect(failed).toMatchObject({ status: 'failed', failure: { reason: 'offline' } });
    await s1.stop();

    await r.pty.replug();
    await r.sim.reopen();
    const s2 = await r.service();
    await waitFor(s2, (st) => st.condition === 'ready');
    expect(s2.job(failed.id)?.status).toBe('failed');
    expect(r.sim.printer.documents).toHaveLength(0);
    expect((await s2.reprint(failed.id)).status).toBe('printed');
    expect(r.sim.printer.documents).toHaveLength(1);
  });

  it('crash while printing: the job comes back uncertain and is not reprinted by itself', async () => {
    const r = await rig();
    const real = r.printer();
    // The host "dies" after sending the bytes and before recording the result.
    const dying: ReceiptPrinterDevice = {
      get state() {
        return real.state;
      },
      transportDescription: real.transportDescription,
      on: (e, l) => real.on(e, l),
      start: () => real.start(),
      stop: () => real.stop(),
      print: (bytes) => {
        void real.print(bytes);
        return new Promise(() => {});
      },
    };
    const s1 = new PrintService({ dataDir: r.dataDir, printer: dying, paper: '58mm', logger: silentLogger });
    await s1.start();
    void s1.printReceipt(sampleReceipt);
    for (let i = 0; i < 100 && r.sim.printer.documents.length === 0; i++)
      await new Promise((res) => setTimeout(res, 50));
    expect(r.sim.printer.documents).toHaveLength(1);
    await real.stop();

    const s2 = await r.service();
    const [job] = s2.jobs();
    expect(job).toMatchObject({ status: 'uncertain', attempts: 1 });
    expect(s2.health()).toMatchObject({
      uncertainJobs: 1,
      failedJobs: 0,
      transport: expect.stringContaining('serial'),
    });
    await new Promise((res) => setTimeout(res, 300));
    expect(r.sim.printer.documents).toHaveLength(1);
    expect((await s2.reprint(job!.id)).status).toBe('printed');
    expect(r.sim.printer.documents).toHaveLength(2);
  });

  it('a job queued but never sent before a crash comes back failed (interrupted), not printed', async () => {
    const r = await rig();
    const dir = join(r.dataDir, 'print-jobs');
    const s1 = await r.service();
    const job = await s1.printTestPage(sampleTestPage);
    await s1.stop();
    const file = join(dir, `${job.id}.json`);
    const stored = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...stored, status: 'queued' }));
    await writeFile(join(dir, 'torn.json.tmp-abcd'), '{"half');
    await writeFile(join(dir, 'garbage.json'), 'not json');

    const s2 = await r.service();
    expect(s2.job(job.id)).toMatchObject({ status: 'failed', failure: { reason: 'interrupted' } });
    expect(s2.jobs()).toHaveLength(1);
    expect(r.logs.some((l) => l.includes('print job file unreadable'))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([`${job.id}.json`, 'garbage.json.corrupt']);
    expect(r.sim.printer.documents).toHaveLength(1);
  });

  it('keeps printed jobs for reprints for 30 days, failed ones until a clerk dismisses them', async () => {
    const r = await rig();
    const day0 = new Date('2026-11-01T08:00:00Z');
    const s1 = await r.service(undefined, () => day0);
    const printed = await s1.printTestPage(sampleTestPage);
    r.sim.printer.set({ coverOpen: true });
    const failed = await s1.printTestPage(sampleTestPage);
    expect(failed.status).toBe('failed');
    await s1.stop();

    const s2 = await r.service(undefined, () => new Date(day0.getTime() + 29 * 86_400_000));
    expect(s2.jobs().map((j) => j.id)).toEqual(expect.arrayContaining([printed.id, failed.id]));
    expect(s2.jobs()).toHaveLength(2);
    await s2.stop();
    const s3 = await r.service(undefined, () => new Date(day0.getTime() + 31 * 86_400_000));
    expect(s3.jobs().map((j) => j.id)).toEqual([failed.id]);
  });

  it('rejects bad requests with typed errors and stores nothing', async () => {
    const r = await rig();
    const s = await r.service();
    await expect(s.reprint('nope')).rejects.toBeInstanceOf(PrintJobNotFoundError);
    await expect(s.dismiss('nope')).rejects.toBeInstanceOf(PrintJobNotFoundError);
    const bad = s.printReceipt({ ...sampleReceipt, trackingNumber: '', applicantIdNumber: '' });
    await expect(bad).rejects.toBeInstanceOf(PrintModelError);
    await expect(bad).rejects.toThrow(/trackingNumber/);
    expect(s.jobs()).toHaveLength(0);
    const queued = new Promise<PrintJobView>((resolve) => s.on('job', resolve));
    const p = s.printTestPage(sampleTestPage);
    await expect(s.reprint((await queued).id)).rejects.toBeInstanceOf(PrintJobBusyError);
    const done = await p;
    expect(done.status).toBe('printed');
    await s.dismiss(done.id);
    expect(s.jobs()).toHaveLength(0);
    expect(await readdir(join(r.dataDir, 'print-jobs'))).toEqual([]);
  });
});
