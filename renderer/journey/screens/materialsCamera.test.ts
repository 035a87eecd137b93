import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The materials screen with the document camera in real Chromium (its fake camera plays our
 * sample page): the camera opens in place under the material, the confirmed photo is stored
 * as a JPEG, and an ID card without consent never opens the camera.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const fakeVideo = join(here, '../../../resources/samples/document-camera.mjpeg');
let out: string;
let server: Server;
let browser: Browser;
let url: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'cunban-materials-camera-'));
  await build({
    root: join(here, 'testing'),
    base: './',
    logLevel: 'silent',
    configFile: false,
    plugins: [react()],
    build: {
      outDir: out,
      emptyOutDir: true,
      target: 'chrome120',
      rollupOptions: { input: join(here, 'testing', 'materialsCamera.html') },
    },
  });
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(out, path === '/' ? 'materialsCamera.html' : path);
    if (!file.startsWith(out)) return void res.writeHead(404).end();
    const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' }[
      extname(file)
    ];
    res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' });
    createReadStream(file)
      .on('error', () => res.end())
      .pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${fakeVideo}`,
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await rm(out, { recursive: true, force: true });
});

describe('materials screen with the document camera', () => {
  it('photographs a material in place and stores the JPEG; cancel closes the camera', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('[data-testid="photo-hukou"]').click();
    const camera = page.locator('[data-testid="camera-hukou"]');
    await camera.locator('[data-testid=capture]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[role="dialog"]').count()).toBe(0); // in the page, not over it
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="camera-hukou"] video') as HTMLVideoElement).videoWidth > 0,
    );
    await camera.locator('[data-testid=capture]').click();
    await camera.locator('[data-testid=confirm]').click({ timeout: 20_000 });
    await page.locator('[data-testid="material-thumb-hukou"]').waitFor({ timeout: 10_000 });
    const stored = await page.evaluate(() => window.__stored!);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ materialId: 'hukou', type: 'image/jpeg', head: [0xff, 0xd8, 0xff] });
    expect(stored[0]!.bytes).toBeGreaterThan(10_000);
    expect(await page.locator('[data-testid="camera-hukou"]').count()).toBe(0); // closed after storing
    expect(await page.textContent('[data-testid="material-status-hukou"]')).toContain('复印件');

    await page.locator('[data-testid="photo-bankBook"]').click();
    await page.locator('[data-testid="camera-bankBook"] [data-testid=capture]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="camera-bankBook"] button:has-text("不拍了")').click();
    expect(await page.locator('[data-testid="camera-bankBook"]').count()).toBe(0);
    expect(await page.evaluate(() => window.__stored!.length)).toBe(1);
    await page.close();
  }, 60_000);

  it('an ID card without consent is refused without opening the camera', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const calls = await page.evaluate(() => window.__getUserMediaCalls);
    await page.locator('[data-testid="photo-idCard"]').click();
    await expect(page.locator('[data-testid="camera-idCard"] [role=alert]').textContent()).resolves.toContain(
      '不能拍摄身份证',
    );
    expect(await page.evaluate(() => window.__getUserMediaCalls)).toBe(calls);
    expect(await page.evaluate(() => window.__stored!.length)).toBe(0);
    await page.close();
  }, 30_000);
});
