import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { sleep } from './freePort';

const CHILD = fileURLToPath(new URL('./browserHostChild.ts', import.meta.url));

/**
 * Plays systemd for the browser-host kiosk, as build/linux/cunban-kiosk.service does on a real
 * kiosk (`Restart=always`, `RestartSec=2`): whenever the host process exits — SIGKILL included —
 * it is started again after 2 s with the same data folder, port and config. Nothing else
 * restarts anything: the supervised Chromium dies with its host (its DevTools pipe closes) and
 * the new host launches a fresh one on the same profile.
 *
 * The bench watches the supervised page through Chromium's loopback DevTools port, attaching
 * anew after each restart, and never clicks anything to recover it.
 */
export interface KioskProcess {
  /** The kiosk page of the current host run (attaches after a restart). */
  page(timeoutMs?: number): Promise<Page>;
  kill(): Promise<void>;
  restarts(): number;
  stop(): Promise<void>;
  tail(): string;
}

export const RESTART_SEC = 2;

export async function superviseKiosk(
  dataDir: string,
  configFile: string,
  port: number,
  devtoolsPort: number,
): Promise<KioskProcess> {
  let proc: ChildProcess | undefined;
  let browser: Browser | undefined;
  let stopping = false;
  let restarts = 0;
  let ready: Promise<void> = Promise.resolve();
  const lines: string[] = [];

  const start = () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dataDir, configFile, String(port), String(devtoolsPort)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc = child;
    ready = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          lines.push(line);
          if (line.startsWith('READY ')) resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`kiosk host exited (${code}) before it was ready`)));
    });
    ready.catch(() => {});
    child.stderr!.on('data', (chunk: Buffer) => lines.push(`stderr: ${chunk.toString().trim()}`));
    child.once('exit', () => {
      browser = undefined;
      if (stopping) return;
      restarts++;
      setTimeout(() => {
        if (!stopping) start();
      }, RESTART_SEC * 1000);
    });
  };
  start();
  await ready;

  const page = async (timeoutMs = 60_000): Promise<Page> => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      try {
        await ready;
        browser ??= await chromium.connectOverCDP(`http://127.0.0.1:${devtoolsPort}`);
        const found = browser
          .contexts()[0]
          ?.pages()
          .find((p) => p.url().startsWith(`http://127.0.0.1:${port}`));
        if (found) return found;
      } catch {
        browser = undefined; // the host is between runs
      }
      await sleep(250);
    }
    throw new Error(`no kiosk page within ${timeoutMs} ms:\n${lines.slice(-10).join('\n')}`);
  };

  return {
    page,
    async kill() {
      const victim = proc;
      if (!victim || victim.exitCode !== null) return;
      const exited = new Promise((r) => victim.once('exit', r));
      victim.kill('SIGKILL');
      await exited;
    },
    restarts: () => restarts,
    async stop() {
      stopping = true;
      await browser?.close().catch(() => {});
      const victim = proc;
      if (victim && victim.exitCode === null) {
        const exited = new Promise((r) => victim.once('exit', r));
        victim.kill('SIGTERM');
        await Promise.race([exited, sleep(15_000)]);
        if (victim.exitCode === null) victim.kill('SIGKILL');
      }
    },
    tail: () => lines.slice(-10).join('\n'),
  };
}
