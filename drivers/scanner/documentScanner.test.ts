import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentScanner, type ScannedPageImage } from './documentScanner';
import { openSaneTestBackend, type SaneTestBackend } from './saneTestBackend';
import type { ScannerState, ScanProgress } from './schemas';

let sane: SaneTestBackend;
let work: string;
beforeAll(async () => {
  sane = await openSaneTestBackend();
  work = await mkdtemp(join(tmpdir(), 'cunban-scan-'));
});
afterAll(async () => {
  await sane.close();
  await rm(work, { recursive: true, force: true });
});

function scanner(extraScanArgs: string[] = ['--test-picture=Grid']) {
  return new DocumentScanner({ workDir: join(work, 'spool'), env: sane.env, extraScanArgs });
}

describe('DocumentScanner with the real scanimage and the SANE test backend', () => {
  it('lists the test devices and settles idle', async () => {
    const s = scanner();
    await s.start();
    expect((await s.listDevices()).map((d) => d.id)).toEqual(['test:0', 'test:1']);
    expect(s.state.status).toBe('idle');
  });

  it('scans a 3-page ADF batch with per-page progress and leaves no files behind', async () => {
    const s = scanner();
    const pages: ScannedPageImage[] = [];
    const progress: ScanProgress[] = [];
    s.on('progress', (p) => progress.push(p));
    const outcome = await s.scan({ source: 'adf', maxPages: 3, resolution: 100 }, async (p) => {
      pages.push(p);
    });
    expect(outcome).toEqual({ status: 'completed', pages: 3 });
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    const meta = await sharp(pages[0]!.image).metadata();
    // 200 mm (the test bed's maximum) at 100 dpi.
    expect(meta.width).toBe(787);
    for (const n of [1, 2, 3]) {
      expect(progress.some((p) => p.pageNumber === n && p.percent === 100)).toBe(true);
      expect(progress.some((p) => p.pageNumber === n && p.percent > 0 && p.percent < 100)).toBe(true);
    }
    expect(s.state.status).toBe('idle');
    expect(await readdir(join(work, 'spool'))).toEqual([]);
  });

  it('runs the feeder until it is empty (10 pages) and treats that as a normal end', async () => {
    const outcome = await scanner().scan({ source: 'adf', resolution: 75 });
    expect(outcome).toEqual({ status: 'completed', pages: 10 });
  });

  it('turns a scanner that vanishes mid-scan (I/O error) into a clear state', async () => {
    const s = scanner(['--read-return-value=SANE_STATUS_IO_ERROR']);
    const states: ScannerState[] = [];
    s.on('state', (st) => states.push(st));
    const outcome = await s.scan({ resolution: 75 });
    expect(outcome).toMatchObject({ status: 'failed', error: 'disconnected', pages: 0 });
    expect(s.state.status).toBe('disconnected');
    expect(s.state.messageZh).toContain('扫描仪断开');
    expect(states.map((x) => x.status)).toEqual(['scanning', 'disconnected']);
  });

  it('reports a jam and an unknown device as their own states', async () => {
    const jam = scanner(['--read-return-value=SANE_STATUS_JAMMED']);
    expect(await jam.scan({ source: 'adf', resolution: 75 })).toMatchObject({
      status: 'failed',
      error: 'jammed',
    });
    const missing = scanner();
    expect(await missing.scan({ deviceId: 'test:9' })).toMatchObject({
      status: 'failed',
      error: 'no-scanner',
    });
    expect(missing.state.messageZh).toContain('没有找到扫描仪');
  });

  it('reports a missing scanimage program as no scanner / fault instead of throwing', async () => {
    const s = new DocumentScanner({
      workDir: join(work, 'spool'),
      scanimagePath: join(work, 'no-such-scanimage'),
    });
    await s.start();
    expect(s.state.status).toBe('no-scanner');
    expect(await s.scan({ deviceId: 'test:0' })).toMatchObject({ status: 'failed', error: 'fault' });
    expect(s.state.messageEn).toMatch(/scanimage could not run/);
  });

  it('gives up on a scanner that stops responding (watchdog) with a fault state', async () => {
    const s = new DocumentScanner({
      workDir: join(work, 'spool'),
      env: sane.env,
      stallMs: 150,
      extraScanArgs: [
        '--read-delay=yes',
        '--read-delay-duration=200000',
        '--read-limit=yes',
        '--read-limit-size=1',
      ],
    });
    expect(await s.scan({ resolution: 75 })).toMatchObject({ status: 'failed', error: 'fault' });
    expect(s.state.messageEn).toMatch(/stopped responding/);
  });

  it('cancels a slow scan by killing scanimage, keeping the pages already finished', async () => {
    // read-delay makes each page take ~1 s at this size, so page 2 is in flight when we cancel.
    const s = scanner([
      '--test-picture=Grid',
      '--read-delay=yes',
      '--read-delay-duration=20000',
      '--read-limit=yes',
      '--read-limit-size=4096',
    ]);
    const pages: number[] = [];
    let cancelled: Promise<void> | undefined;
    s.on('progress', (p) => {
      if (p.pageNumber === 2 && p.percent > 0 && !cancelled) cancelled = s.cancel();
    });
    const started = Date.now();
    const outcome = await s.scan({ source: 'adf', maxPages: 5, resolution: 75 }, async (p) => {
      pages.push(p.pageNumber);
    });
    await cancelled;
    expect(outcome).toEqual({ status: 'cancelled', pages: 1 });
    expect(pages).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(s.state.status).toBe('idle');
  });
});
