import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { runBrowserHost } from '../main/browser/browserHost';
import { findChromium } from '../main/browser/chromiumLocator';
import type { BenchFigure, BenchSuite } from './figure';

const RUNS = Number(process.env.BENCH_RUNTIME_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Time for Chromium alone to start and show a blank page: the floor the kiosk cannot beat. */
async function bareChromiumStart(executablePath: string): Promise<number> {
  const started = performance.now();
  const context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'cunban-bare-')), {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('about:blank');
  const elapsed = performance.now() - started;
  await context.close();
  return elapsed;
}

/** Cold start: fresh data folder and profile, host services, server, Chromium, attract screen ready. */
async function kioskColdStart(): Promise<number> {
  const started = performance.now();
  const handle = await runBrowserHost({
    demoCounty: false,
    open: true,
    headless: true,
    port: 0,
    dataDir: await mkdtemp(join(tmpdir(), 'cunban-cold-')),
    log: () => {},
  });
  await handle.supervisor?.currentPage?.waitForSelector('[data-testid="attract-screen"][data-ready="true"]');
  const elapsed = performance.now() - started;
  await handle.stop();
  return elapsed;
}

function bundleSize(dir: string): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(js|css|html)$/.test(name)) {
        const bytes = readFileSync(full);
        raw += bytes.length;
        gzip += gzipSync(bytes).length;
      }
    }
  };
  walk(dir);
  return { raw, gzip };
}

const suite: BenchSuite = {
  title: 'Kiosk runtime: cold start and bundle',
  issue: 2,
  async run(): Promise<BenchFigure[]> {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('Chromium not found (set CHROMIUM_PATH)');
    await kioskColdStart(); // builds the renderer if needed; not counted
    const bare: number[] = [];
    const kiosk: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await bareChromiumStart(executablePath));
      kiosk.push(await kioskColdStart());
    }
    const kioskMs = median(kiosk);
    const bareMs = median(bare);
    const size = bundleSize(join(import.meta.dirname, '..', 'dist', 'renderer'));
    return [
      {
        name: 'cold start to interactive attract screen (median)',
        value: kioskMs,
        unit: 'ms',
        reference: { name: 'bare Chromium start to about:blank (median)', value: bareMs, unit: 'ms' },
        ratio: kioskMs / bareMs,
        target: '≤ 2× bare Chromium start',
        pass: kioskMs / bareMs <= 2,
        note: `${RUNS} runs each, interleaved; kiosk runs: ${kiosk.map((x) => x.toFixed(0)).join(', ')} ms`,
      },
      {
        name: 'renderer bundle (js+css+html)',
        value: size.raw / 1024,
        unit: 'KiB',
        reference: { name: 'gzip', value: size.gzip / 1024, unit: 'KiB' },
        ratio: size.gzip / size.raw,
      },
    ];
  },
};
export default suite;
