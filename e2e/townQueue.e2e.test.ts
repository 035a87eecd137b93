import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachWebSocketBinding } from '../main/host/bindings/webSocketBinding';
import {
  addTestClerk,
  startTownQueueHost,
  TEST_CLERK,
  type TownQueueHost,
} from '../main/host/clerk/testing/townQueueHost';
import { VillageLink } from '../main/host/clerk/testing/villageLink';
import { sampleDraft } from '../main/host/journal/testing/sampleDraft';
import type { DeviceCredentials } from '../main/host/syncService/deviceCredentials';
import { enrollForTest } from '../main/host/syncService/testing/enrolledCredentials';
import { createStaff } from '../sync/server/staffAuth';
import { type Harness, startHarness } from '../sync/server/testing/gatewayHarness';

/**
 * The clerk's town queue in Chromium over the real WebSocket binding, against a real host (journal,
 * drain, print queue on the ESC/POS simulator, SANE test scanner) and a real gateway on PGlite,
 * with a village link the test cuts: applications wait offline, 立即同步 delivers them, the county
 * refuses one and asks 补正 for another, the clerk scans the missing page and sends the
 * supplement, reprints a receipt and prints the day's slip.
 */
const harnessDir = fileURLToPath(new URL('../renderer/clerk/testing/', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

let gateway: Harness;
let credentials: DeviceCredentials;
let link: VillageLink;
let kiosk: TownQueueHost;
let server: Server;
let browser: Browser;
let origin: string;
let token: string;
let dataDir: string;
let outDir: string;
let staffCookie = '';

async function staffAct(id: string, action: string, note: string) {
  const res = await fetch(`${gateway.url}/v1/staff/applications/${id}/actions`, {
    method: 'POST',
    headers: { cookie: staffCookie, 'content-type': 'application/json' },
    body: JSON.stringify({ action, note }),
  });
  expect(res.status).toBe(200);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

beforeAll(async () => {
  gateway = await startHarness('pglite');
  credentials = await enrollForTest(gateway.db, gateway.url);
  await addTestClerk(gateway.db);
  await createStaff(gateway.db, {
    username: 'kezhang',
    displayName: '科长',
    password: 'correct horse 1',
    role: 'admin',
  });
  const login = await fetch(`${gateway.url}/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'kezhang', password: 'correct horse 1' }),
  });
  staffCookie = login.headers.get('set-cookie')!.split(';')[0]!;
  link = new VillageLink(Number(new URL(gateway.url).port));
  await link.start();
  dataDir = await mkdtemp(join(tmpdir(), 'cunban-townq-e2e-'));
  kiosk = await startTownQueueHost({
    dataDir,
    credentials,
    countyUrl: `http://127.0.0.1:${link.port}`,
    clerkCountyUrl: gateway.url,
    scanner: true,
  });

  // The gateway serves the built county console at /console/ (staff check the 补正 link there).
  if (!existsSync(join(repoRoot, 'dist/console/index.html'))) {
    await build({ configFile: join(repoRoot, 'sync/server/console/vite.config.ts'), logLevel: 'warn' });
  }
  outDir = await mkdtemp(join(tmpdir(), 'cunban-townq-page-'));
  await build({
    configFile: false,
    root: harnessDir,
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome120',
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: join(harnessDir, 'townQueueHarness.html') },
    },
  });
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(outDir, path === '/' ? 'townQueueHarness.html' : path));
    if (!file.startsWith(outDir)) return res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = randomBytes(24).toString('base64url');
  attachWebSocketBinding(server, kiosk.host.contract, { token, allowedOrigins: [origin] });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections?.();
  await new Promise((r) => server?.close(r));
  await kiosk?.host.stop();
  await link?.stop();
  await gateway?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

async function typePin(page: Page, pin: string) {
  const pad = page.getByTestId('pin-pad');
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: '确定' }).click();
}

const row = (page: Page, id: string) => page.locator(`[data-testid="queue-row"][data-application="${id}"]`);

describe('town queue in the clerk workspace (Chromium)', () => {
  it('lists, syncs, shows refusals and 补正, sends a supplement, reprints, and prints the daily slip', async () => {
    // Three applications taken while the village link is down.
    const submit = async (draft = sampleDraft()) =>
      (await kiosk.call<{ document: { id: string; trackingNumber: string } }>('queue.submit', draft))
        .document;
    const good = await submit();
    const bad = sampleDraft();
    bad.applicant = { ...bad.applicant, idNumber: '110105194912310021' }; // wrong check digit
    const refused = await submit(bad);
    const toCorrect = await submit();
    await kiosk.call('printer.printReceipt', {
      siteName: '下蓝村党群服务中心',
      kioskId: '44162520000101',
      serviceName: '高龄津贴',
      trackingNumber: good.trackingNumber,
      statusUrl: 'http://county.example/status',
      applicantName: '蓝阿婆',
      applicantIdNumber: '11010519491231002X',
      materials: [],
      submittedAt: new Date().toISOString(),
      legalProcessingTime: '20 个工作日',
      resultCollection: '发放到银行账户',
      queuedOffline: true,
      townOfficePhone: '0762-12345',
    });

    const page = await browser.newPage({ viewport: { width: 1080, height: 1600 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${origin}/#token=${token}`);
    await page.getByTestId('clerk-badge').fill(`cunban-clerk:${TEST_CLERK.id}`);
    await page.getByRole('button', { name: '下一步' }).click();
    await typePin(page, TEST_CLERK.pin);
    await page.getByTestId('town-queue').waitFor();

    // Offline: all three wait on this kiosk, in words, with masked names only.
    await page.getByTestId('queue-filter-pending').filter({ hasText: '（3）' }).waitFor();
    await row(page, good.id).filter({ hasText: '还在本机' }).waitFor();
    await row(page, good.id).filter({ hasText: '蓝*婆' }).waitFor();
    await row(page, good.id).filter({ hasText: '高龄老人津贴申请' }).waitFor();
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-message').filter({ hasText: '连不上县里' }).waitFor();

    // The link is back: sync now delivers; the county refuses the bad one with a reason.
    link.online = true;
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-message').filter({ hasText: '同步完成' }).waitFor();
    await page.getByTestId('queue-filter-pending').filter({ hasText: '（0）' }).waitFor();
    await page.getByTestId('queue-filter-rejected').click();
    await row(page, refused.id).filter({ hasText: '校验位' }).waitFor();
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(1);

    // The county asks for 补正; the clerk sees the note under 需补正.
    await staffAct(toCorrect.id, 'requestCorrection', '请补充户口簿本人页');
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-message').filter({ hasText: '同步完成' }).waitFor();
    await page.getByTestId('queue-filter-correction').click();
    await row(page, toCorrect.id).filter({ hasText: '请补充户口簿本人页' }).waitFor();

    // 补正: open, scan the missing page on the (SANE test) scanner, send the supplement.
    await row(page, toCorrect.id).getByTestId('queue-open').click();
    await page.getByTestId('staff-note').filter({ hasText: '请补充户口簿本人页' }).waitFor();
    await page.getByTestId('supplement-scan-hukou').click();
    await page.getByRole('img', { name: /户口簿.*已扫描/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('supplement-submit').click();
    await expect(page.getByTestId('supplement-done').textContent()).resolves.toMatch(
      /补正已提交.*回执已打印/,
    );
    await page.getByTestId('queue-back').click();
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-message').filter({ hasText: '同步完成' }).waitFor();
    await row(page, toCorrect.id).filter({ hasText: '补正材料已提交' }).waitFor();
    const county = await gateway.db.query<{
      body: { filesComplete: boolean; supplementOf: string; trackingNumber: string };
    }>("SELECT body FROM documents WHERE collection = 'applications' AND body->>'supplementOf' = $1", [
      toCorrect.id,
    ]);
    expect(county.rows.map((r) => r.body)).toEqual([
      expect.objectContaining({ supplementOf: toCorrect.id, filesComplete: true }),
    ]);

    // County staff see the supplement on the original's page in the console.
    const staffPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await staffPage.goto(`${gateway.url}/console/`);
    await staffPage.fill('input[name="username"]', 'kezhang');
    await staffPage.fill('input[name="password"]', 'correct horse 1');
    await staffPage.click('button[type="submit"]');
    await staffPage.waitForSelector('[data-testid="signed-in-as"]');
    await staffPage.goto(`${gateway.url}/console/#/applications/${toCorrect.id}`);
    await staffPage.getByTestId('supplements').waitFor();
    await expect(staffPage.getByTestId('supplements').textContent()).resolves.toContain(
      county.rows[0]!.body.trackingNumber,
    );
    await staffPage.close();

    // 补打回执 of the first application.
    await page.getByTestId('queue-filter-all').click();
    await row(page, good.id).getByTestId('queue-open').click();
    await page.getByTestId('reprint').click();
    await page.getByTestId('reprint-panel').getByText('回执已补打').waitFor();
    await page.getByTestId('queue-back').click();

    // The day's slip: four applications (one of them the supplement), by service and status.
    await page.getByTestId('print-daily-summary').click();
    const summary = page.getByTestId('daily-summary');
    await summary.waitFor();
    await summary.filter({ hasText: '共 4 件' }).waitFor();
    await summary.filter({ hasText: '高龄老人津贴申请：4 件' }).waitFor();
    await summary.filter({ hasText: '被系统退回：1 件' }).waitFor();
    await summary.filter({ hasText: '需补正：1 件' }).waitFor();
    await page.getByTestId('daily-summary-print').filter({ hasText: '汇总单已打印' }).waitFor();

    // Nothing of the villager in clear anywhere on the page.
    const html = await page.content();
    expect(html).not.toMatch(/蓝阿婆|11010519491231002X|13800138000/);
    await page.close();
  }, 150_000);
});
