import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The document camera in real Chromium, with Chromium's fake camera playing our sample page
 * (resources/samples/document-camera.mjpeg: an A4 page rotated 7° on a dark desk).
 */
const here = dirname(fileURLToPath(import.meta.url));
const fakeVideo = join(here, '../../resources/samples/document-camera.mjpeg');

let server: Server;
let browser: Browser;
let url: string;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [join(here, 'testing/cameraHarness.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.text;
  const html =
    '<!doctype html><meta charset="utf-8"><div id="root"></div><script type="module" src="/app.js"></script>';
  server = createServer((req, res) => {
    if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${fakeVideo}`,
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe('DocumentCamera in Chromium with the fake camera', () => {
  it('refuses an ID card without consent, and captures a cropped, upright A4 page', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await expect(page.locator('#refused [role=alert]').textContent()).resolves.toContain('不能拍摄身份证');

    const capture = page.locator('#register [data-testid=capture]');
    await capture.waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      () => (document.querySelector('#register video') as HTMLVideoElement).videoWidth > 0,
    );
    await capture.click();
    await page.locator('#register [data-testid=confirm]').click({ timeout: 20_000 });
    await page.waitForFunction(() => window.__captured !== undefined);
    const result = await page.evaluate(() => window.__captured!);
    const calls = await page.evaluate(() => window.__getUserMediaCalls);
    await page.close();

    expect(calls).toBe(1); // only the household-register camera was opened
    expect(result.cropped).toBe(true);
    expect(result.type).toBe('image/jpeg');
    const ratio = result.height / result.width;
    expect(ratio).toBeGreaterThan(1.33); // A4 is 1.414
    expect(ratio).toBeLessThan(1.5);
    // The fake frame is 1280×720 with the page ~600 px tall: the crop is that page, not the frame.
    expect(result.height).toBeGreaterThan(540);
    expect(result.height).toBeLessThan(680);

    // Decode independently: corners are paper (bright), not desk (dark, ~#3a3631).
    const jpeg = Buffer.from(result.base64, 'base64');
    if (process.env.CAPTURE_DEBUG_OUT) await sharp(jpeg).png().toFile(process.env.CAPTURE_DEBUG_OUT);
    const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(result.width);
    const at = (x: number, y: number) => data[y * info.width + x]!;
    const inset = 6;
    for (const [x, y] of [
      [inset, inset],
      [info.width - inset, inset],
      [inset, info.height - inset],
      [info.width - inset, info.height - inset],
    ] as const) {
      expect(at(x, y)).toBeGreaterThan(170);
    }
  }, 60_000);

  it('keeps a keyboard-wedge scan out of a focused field and lets slow typing through', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const field = page.locator('#name-field');
    await field.focus();
    // A scanner: the whole code in one burst ending with Enter. Dispatched inside the page so
    // the burst is as tight as a real wedge scanner's on any machine load (CDP round trips on a
    // busy CI box can space keys by 100 ms+); the listener cannot tell these from hardware keys.
    await page.evaluate(() => {
      const field = document.getElementById('name-field')!;
      for (const key of [...'CB20261129000123', 'Enter']) {
        field.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      }
    });
    await page.waitForFunction(() => window.__scans!.length === 1, undefined, { timeout: 5_000 });
    expect(await page.evaluate(() => window.__scans)).toEqual(['CB20261129000123']);
    expect(await field.inputValue()).toBe('');
    // A person: keys ~250 ms apart reach the field in order.
    await page.keyboard.type('li3', { delay: 250 });
    await page.waitForFunction(
      () => (document.getElementById('name-field') as HTMLInputElement).value === 'li3',
    );
    expect(await page.evaluate(() => window.__scans!.length)).toBe(1);
    await page.close();
  }, 30_000);
});
