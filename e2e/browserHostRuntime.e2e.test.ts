import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHostHandle, runBrowserHost } from '../main/browser/browserHost';

let handle: BrowserHostHandle;
const page = (): Page => {
  const p = handle.supervisor?.currentPage;
  if (!p) throw new Error('no kiosk page');
  return p;
};

async function attractReady(p: Page) {
  await p.waitForSelector('[data-testid="attract-screen"][data-ready="true"]', { timeout: 20_000 });
}

describe('browser host: kiosk runtime end to end', () => {
  beforeAll(async () => {
    handle = await runBrowserHost({
      demoCounty: false,
      open: true,
      headless: true,
      port: 0,
      dataDir: await mkdtemp(join(tmpdir(), 'cunban-e2e-')),
      log: () => {},
    });
    await attractReady(page());
  });
  afterAll(async () => handle?.stop());

  it('renders the attract screen with the demo banner', async () => {
    const p = page();
    expect(await p.textContent('[data-testid="attract-screen"]')).toContain('请将身份证放在下方感应区');
    expect(await p.textContent('[data-testid="demo-banner"]')).toContain('演示模式');
    expect(p.url()).not.toContain('token='); // the token left the address bar
  });

  it('round-trips the contract from the page', async () => {
    const answer = await page().evaluate(() =>
      (
        window as unknown as { kioskApi: { request(n: string, i: unknown): Promise<{ nonce: string }> } }
      ).kioskApi.request('system.ping', { nonce: 'e2e-村办' }),
    );
    expect(answer.nonce).toBe('e2e-村办');
    const error = await page().evaluate(() =>
      (window as unknown as { kioskApi: { request(n: string, i: unknown): Promise<unknown> } }).kioskApi
        .request('system.ping', { nonce: 7 })
        .then(
          () => 'accepted',
          (e: { code: string }) => e.code,
        ),
    );
    expect(error).toBe('invalid-input');
  });

  it('does not navigate away: links, location changes and window.open all stay put', async () => {
    const p = page();
    const before = handle.supervisor!.stats.blockedNavigations;
    await p.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://www.example.com/';
      a.textContent = 'external';
      a.id = 'ext-link';
      document.body.append(a);
    });
    await p.click('#ext-link');
    await p.evaluate(() => {
      window.location.href = 'https://www.example.com/elsewhere';
    });
    const opened = await p.evaluate(() => window.open('https://www.example.com/popup') === null);
    await p.waitForTimeout(500);
    expect(opened).toBe(true);
    expect(new URL(p.url()).origin).toBe(handle.origin);
    expect(handle.supervisor!.stats.blockedNavigations).toBeGreaterThan(before);
    expect(p.context().pages()).toHaveLength(1);
    await attractReady(p);
  });

  it('heals a crashed renderer by itself', async () => {
    const crashed = page();
    const reloadsBefore = handle.supervisor!.stats.reloads;
    const cdp = await crashed.context().newCDPSession(crashed);
    await cdp.send('Page.crash').catch(() => {}); // the session dies with the renderer
    await expect.poll(() => handle.supervisor!.stats.reloads, { timeout: 20_000 }).toBe(reloadsBefore + 1);
    await handle.supervisor!.settled();
    expect(page()).not.toBe(crashed);
    await attractReady(page());
  });
});
