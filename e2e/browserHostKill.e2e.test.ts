import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../bench/system/freePort';
import { type KioskProcess, superviseKiosk } from '../bench/system/kioskSupervisor';
import { waitForAttract } from '../bench/system/screenSession';
import { demoConfig } from '../main/host/config/loadConfig';

/**
 * A browser host SIGKILLed (power-cut-like crash of the Node process) must leave no Chromium
 * behind — an orphan would keep the persistent profile locked and the page connected to a dead
 * token — and the host restarted by systemd (`Restart=always`, played here by the bench's
 * supervisor) must bring the kiosk page back to the attract screen by itself, mid-session or not.
 */
let dataDir: string;
let kiosk: KioskProcess;

const chromiumOnProfile = () => {
  try {
    return execFileSync('pgrep', ['-f', `user-data-dir=${join(dataDir, 'chromium-profile')}`])
      .toString()
      .trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cunban-host-kill-'));
  const configFile = join(dataDir, 'config.json');
  await writeFile(configFile, JSON.stringify(demoConfig()));
  kiosk = await superviseKiosk(dataDir, configFile, await freePort(), await freePort());
}, 60_000);
afterAll(async () => {
  await kiosk?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('browser host killed with SIGKILL', () => {
  it('takes its Chromium with it, and the restarted host shows the attract screen by itself', async () => {
    const page = await kiosk.page();
    await waitForAttract(page, 30_000);
    // Mid-session: a card is on the reader and the home screen is up.
    await page.click('[data-testid="demo-place-card"]');
    await page.waitForSelector('[data-testid="home-screen"]', { timeout: 15_000 });
    expect(chromiumOnProfile()).not.toBe('');

    await kiosk.kill();
    await expect.poll(chromiumOnProfile, { timeout: 10_000, interval: 250 }).toBe('');

    const started = performance.now();
    const fresh = await kiosk.page(45_000);
    await waitForAttract(fresh, 45_000);
    expect(kiosk.restarts()).toBe(1);
    expect(performance.now() - started).toBeLessThan(45_000);
    // The new page talks to the new host: the contract answers with the new launch's token.
    const health = await fresh.evaluate(() =>
      (
        window as unknown as {
          kioskApi: { request(n: string, i: unknown): Promise<{ services: unknown[] }> };
        }
      ).kioskApi.request('health.get', {}),
    );
    expect(health.services.length).toBeGreaterThan(0);
    // Nobody's data is on the fresh screen.
    expect(await fresh.textContent('body')).not.toContain('李*英');
  }, 120_000);
});
