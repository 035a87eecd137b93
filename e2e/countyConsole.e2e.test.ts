import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogIfEmpty } from '../sync/server/catalogSeed';
import type { Database } from '../sync/server/database';
import { buildGateway } from '../sync/server/gateway';
import { createStaff, ensureFirstAdmin } from '../sync/server/staffAuth';
import {
  enrollKiosk,
  type Kiosk,
  makeApplication,
  openTestDatabase,
} from '../sync/server/testing/gatewayHarness';

/**
 * The county console in Debian's Chromium against a real gateway on PGlite: a kiosk pushes an
 * application, a staff member signs in, finds it, and 受理s it; the status change is then read back
 * through the staff API and through the kiosk's own pull.
 */
const repo = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

let db: Database;
let dropDb: () => Promise<void>;
let filesDir: string;
let app: FastifyInstance;
let url: string;
let admin: { username: string; password: string };
let kiosk: Kiosk;
let application: Record<string, unknown>;
let launching: Promise<Browser> | undefined;
let browser: Browser;
let page: Page;
const consoleProblems: string[] = [];
const failedLoads: string[] = [];

async function staffGet(pathname: string): Promise<Record<string, unknown>> {
  const login = await app.inject({ method: 'POST', url: '/v1/staff/login', payload: admin });
  const cookie = login.cookies.find((c) => c.name === 'cunban_staff');
  const res = await app.inject({ url: pathname, cookies: { cunban_staff: cookie!.value } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

function watchConsole(p: Page): void {
  p.on('console', (msg: ConsoleMessage) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    // Chromium logs every non-2xx fetch; those are checked separately against what we expect.
    if (msg.text().startsWith('Failed to load resource'))
      failedLoads.push(`${msg.location().url} ${msg.text()}`);
    else consoleProblems.push(`${msg.type()}: ${msg.text()}`);
  });
  p.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
}

describe('county console end to end', () => {
  beforeAll(async () => {
    if (!existsSync(path.join(repo, 'dist/console/index.html'))) {
      execFileSync('npx', ['vite', 'build', '--config', 'sync/server/console/vite.config.ts'], {
        cwd: repo,
        stdio: 'ignore',
      });
    }
    // Chromium starts while PGlite migrates: the two are the slow parts on a shared machine.
    launching = chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    launching.catch(() => undefined); // reported where it is awaited, not as an unhandled rejection
    ({ db, drop: dropDb } = await openTestDatabase('pglite'));
    await seedCatalogIfEmpty(db);
    admin = (await ensureFirstAdmin(db))!;
    // A clerk already locked out by earlier failures (the lockout itself is the gateway's to test).
    const clerk = await createStaff(db, {
      username: 'clerk1',
      displayName: '王办事员',
      password: 'clerk-pass-1',
      role: 'clerk',
    });
    await db.query("UPDATE staff SET locked_until = now() + interval '15 minutes' WHERE id = $1", [clerk]);
    filesDir = await mkdtemp(path.join(tmpdir(), 'cunban-console-e2e-'));
    // buildGateway serves the console at /console/ itself, as `npm run county` does.
    app = await buildGateway({ db, filesDir, sseHeartbeatMs: 500 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    kiosk = await enrollKiosk(db, url, '441625200001', '下蓝村党群服务中心');
    application = makeApplication(kiosk);
    expect(
      await kiosk.client.push('applications', [{ assumedMasterState: null, newDocumentState: application }]),
    ).toEqual([]);

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    watchConsole(page);
  });

  afterAll(async () => {
    // Also closes a Chromium that started while a later step of beforeAll failed.
    await (await launching?.catch(() => undefined))?.close();
    await app?.close();
    await dropDb?.();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  it('serves the console with strict security headers', async () => {
    const res = await fetch(`${url}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('says in words when the password is wrong', async () => {
    await page.goto(`${url}/console/`);
    await page.fill('input[name="username"]', admin.username);
    await page.fill('input[name="password"]', 'not-the-password');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.textContent('[data-testid="signin-error"]')).toBe('用户名或密码不对。');
  });

  it('says for how long a locked-out account must wait', async () => {
    await page.fill('input[name="username"]', 'clerk1');
    await page.fill('input[name="password"]', 'clerk-pass-1');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.textContent('[data-testid="signin-error"]')).toMatch(/请\d+分钟后再试/);
    await page.fill('input[name="username"]', admin.username);
  });

  it('signs in, finds the kiosk application, and 受理 it', async () => {
    await page.fill('input[name="password"]', admin.password);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="signed-in-as"]');

    const tracking = String(application.trackingNumber);
    await page.fill('input[name="q"]', tracking);
    await page.press('input[name="q"]', 'Enter');
    const row = page.locator(`tr[data-application-id="${application.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('蓝**');
    expect(await row.textContent()).toContain('已收件');
    expect(await row.textContent()).toContain('高龄');

    await row.locator('a').click();
    await page.waitForSelector('[data-testid="applicant"]');
    expect(await page.textContent('[data-testid="applicant"]')).toContain('11010519491231002X');

    const actions = page.locator('[data-testid="actions"]');
    await actions.getByRole('button', { name: '受理', exact: true }).click();
    await page.fill('textarea[name="note"]', '材料齐全');
    await actions.getByRole('button', { name: '确认受理' }).click();
    await page.locator('h1 [data-status="accepted"]').waitFor();
    expect(await page.textContent('[data-testid="history"]')).toContain('材料齐全');

    const detail = (await staffGet(`/v1/staff/applications/${application.id}`)) as {
      application: { status: string };
    };
    expect(detail.application.status).toBe('accepted');
    // The county-owned status reaches the kiosk by its ordinary pull.
    const pulled = await kiosk.client.pull<{ id: string; status: string }>('applications', undefined, 50);
    expect(pulled.documents.find((d) => d.id === application.id)?.status).toBe('accepted');
  });

  it('makes an enrollment code with a QR code and lists the action in the audit log', async () => {
    await page.click('nav a:has-text("设备管理")');
    const device = page.locator(
      `[data-testid="device-table"] tr[data-device-id="${kiosk.enrollment.deviceId}"]`,
    );
    await device.waitFor();
    expect(await device.textContent()).toContain('下蓝村党群服务中心');
    // Scheduled power-off: set in the row, saved through the staff route, pulled by the kiosk.
    await device.getByTestId('power-schedule').getByText('未设定').waitFor();
    await device.getByRole('button', { name: '修改' }).click();
    await device.getByTestId('power-powerOffAt').fill('21:30');
    await device.getByRole('button', { name: '保存' }).click();
    await device.getByTestId('power-schedule').getByText('每天 21:30 关机').waitFor();
    const settings = await kiosk.client.pull<{ id: string; powerSchedule: { powerOffAt: string } }>(
      'settings',
      undefined,
      50,
    );
    expect(settings.documents.find((d) => d.id === kiosk.enrollment.deviceId)?.powerSchedule.powerOffAt).toBe(
      '21:30',
    );
    await page.fill('input[name="division"]', '441625200002');
    await page.fill('input[name="siteName"]', '上蓝村党群服务中心');
    await page.click('form button.primary');
    const card = page.locator('[data-testid="enrollment-code"]');
    await card.locator('img.qr').waitFor();
    expect(await card.locator('.code-display').textContent()).toMatch(
      /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/,
    );
    // A decoded image proves the CSP lets the data: QR through.
    await expect
      .poll(() => card.locator('img.qr').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);

    await page.click('nav a:has-text("操作日志")');
    const audit = page.locator('[data-testid="audit-table"]');
    await audit.locator('td', { hasText: '生成开通码' }).first().waitFor();
    expect(await audit.textContent()).toContain('已收件 → 已受理');
  });

  it('logged no console errors beyond the expected 401 and 423 answers', () => {
    expect(consoleProblems).toEqual([]);
    for (const line of failedLoads) expect(line).toMatch(/\/v1\/staff\/(me .*401|login .*(401|423))/);
  });
});
