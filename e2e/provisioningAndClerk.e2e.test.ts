import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachWebSocketBinding } from '../main/host/bindings/webSocketBinding';
import { demoConfig, loadConfig } from '../main/host/config/loadConfig';
import { type KioskHost, startKioskHost } from '../main/host/kioskHost';
import { FileLog } from '../main/host/logging/logger';
import { hostPaths } from '../main/host/paths';
import { clerkAndItServices } from '../main/host/provisioning/clerkAndItServices';
import { keyFileDataKey } from '../main/host/secure/dataKey';
import { hashClerkPin } from '../sync/protocol/clerkPin';
import { writeDocuments } from '../sync/server/documentStore';
import { createEnrollmentCode } from '../sync/server/enrollmentService';
import { type Harness, startHarness } from '../sync/server/testing/gatewayHarness';

/**
 * The staff screens in Chromium over the real WebSocket binding, against a real host and a real
 * gateway (PGlite): first-start enrollment through the wizard, the hidden admin corner (and that
 * no URL and no short tap sequence opens it), and clerk sign-in with the five-PIN lockout.
 */
const harnessEntry = fileURLToPath(
  new URL('../renderer/admin/testing/staffModesHarness.tsx', import.meta.url),
);

let gateway: Harness;
let host: KioskHost;
let server: Server;
let browser: Browser;
let origin: string;
let token: string;
let dataDir: string;

beforeAll(async () => {
  gateway = await startHarness('pglite');
  const pinHash = await hashClerkPin('135790', 1000);
  await gateway.db.transaction((tx) =>
    writeDocuments(tx, gateway.db.changeChannel, 'clerks', [
      {
        id: 'clerk-li',
        scopes: ['town:441625200'],
        body: {
          id: 'clerk-li',
          name: '李秀华',
          town: '441625200',
          role: 'townClerk',
          pinHash,
          active: true,
          _deleted: false,
        },
      },
      {
        id: 'clerk-wu',
        scopes: ['town:441625200'],
        body: {
          id: 'clerk-wu',
          name: '吴明',
          town: '441625200',
          role: 'villageAssistant',
          pinHash,
          active: true,
          _deleted: false,
        },
      },
    ]),
  );
  dataDir = await mkdtemp(join(tmpdir(), 'cunban-staff-e2e-'));
  const paths = hostPaths(dataDir);
  const fileLog = new FileLog({ dir: paths.logs });
  host = await startKioskHost({
    config: demoConfig(),
    paths,
    log: fileLog,
    hostKind: 'browser',
    version: '0.1.0-e2e',
    services: (h) =>
      clerkAndItServices(h, {
        paths,
        keys: keyFileDataKey(join(paths.keys, 'data.key')),
        fileLog,
        version: '0.1.0-e2e',
        heartbeatMs: 1_000,
        // Never the real switch in a test: the county sets a power-off time below.
        power: { async powerOff() {}, async reboot() {} },
      }).services,
  });

  const bundle = await build({
    entryPoints: [harnessEntry],
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    jsx: 'automatic',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = bundle.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = bundle.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  const html =
    '<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/app.css"><div id="root"></div><script type="module" src="/app.js"></script>';
  server = createServer((req, res) => {
    if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    if (req.url === '/app.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(css);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = randomBytes(24).toString('base64url');
  attachWebSocketBinding(server, host.contract, { token, allowedOrigins: [origin] });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections?.();
  await new Promise((r) => server?.close(r));
  await host?.stop();
  await gateway?.close();
});

/** County IT changes this kiosk's settings document (as the console would). */
let settingsVersion = 1;
async function setCountySettings(
  openingHours: { days: number[]; open: string; close: string }[],
  powerSchedule?: { powerOffAt: string | null; rebootAt: string | null; days: number[] },
) {
  const status = await host.contract.dispatch({
    kind: 'request',
    id: 900 + settingsVersion,
    name: 'provisioning.status',
    input: {},
  });
  const deviceId = status.ok ? String((status.output as { deviceId: string }).deviceId) : '';
  settingsVersion++;
  await gateway.db.transaction((tx) =>
    writeDocuments(tx, gateway.db.changeChannel, 'settings', [
      {
        id: deviceId,
        scopes: [`device:${deviceId}`],
        body: {
          id: deviceId,
          openingHours,
          idleTimeoutSeconds: 90,
          enabledServices: [],
          ...(powerSchedule ? { powerSchedule } : {}),
          updatedAt: new Date(Date.now() + settingsVersion * 1000).toISOString(),
          _deleted: false,
        },
      },
    ]),
  );
}

async function tapCorner(page: Page, times: number) {
  const width = page.viewportSize()!.width;
  for (let i = 0; i < times; i++) await page.mouse.click(width - 20, 20);
}

async function typePin(page: Page, pin: string) {
  const pad = page.getByTestId('pin-pad');
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: '确定' }).click();
}

describe('staff screens in Chromium against a real host and gateway', () => {
  let page: Page;

  it('enrols a fresh kiosk through the wizard', async () => {
    page = await browser.newPage({ viewport: { width: 1080, height: 1600 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${origin}/#token=${token}`);
    await page.getByTestId('provisioning-wizard').waitFor();
    await page.getByTestId('county-url').fill(gateway.url);
    await page.getByRole('button', { name: '下一步' }).click();
    const code = await createEnrollmentCode(
      gateway.db,
      { division: '441625200001', siteName: '下蓝村党群服务中心', bundle: 'default', createdBy: 'e2e' },
      gateway.url,
    );
    await page.getByTestId('enrollment-code').fill(code.display.toLowerCase());
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('admin-pin').fill('246810');
    await page.getByTestId('admin-pin-again').fill('246810');
    await page.getByTestId('enroll').click();
    await page.getByTestId('provisioning-done').filter({ hasText: '下蓝村党群服务中心' }).waitFor();
    await page.getByTestId('restart-required').waitFor();
    const { config } = await loadConfig(hostPaths(dataDir).config, { required: true });
    expect(config.profile).toBe('production');
    await page.getByRole('button', { name: '完成' }).click();

    // County settings apply without a restart: hours that exclude now close the kiosk, then reopen it.
    const beijingHour = (new Date().getUTCHours() + 8) % 24;
    const later = String((beijingHour + 12) % 24).padStart(2, '0');
    await setCountySettings([{ days: [1, 2, 3, 4, 5, 6, 7], open: `${later}:00`, close: `${later}:30` }]);
    await page.getByTestId('closed-screen').waitFor();
    await setCountySettings([{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '00:00' }]);
    await page.getByTestId('villager-home').waitFor();
  });

  it('keeps the admin console away from villagers: no URL, no short tap run', async () => {
    for (const path of ['/#/admin', '/admin', '/#admin', '/?admin=1']) {
      await page.goto(`${origin}${path}`);
      await page.getByTestId('villager-home').waitFor();
      expect(await page.getByTestId('admin-console').count()).toBe(0);
    }
    // Requests behind the console are refused without the PIN, whoever sends them.
    const refused = await page.evaluate(async () => {
      const ws = new WebSocket(
        `${location.origin.replace('http', 'ws')}/api?token=${sessionStorage.getItem('cunban.hostToken')}`,
      );
      await new Promise((r) => ws.addEventListener('open', r));
      ws.send(
        JSON.stringify({ kind: 'request', id: 1, name: 'diagnostics.recentLogs', input: { limit: 5 } }),
      );
      const answer = await new Promise<string>((r) =>
        ws.addEventListener('message', (e) => r(String(e.data))),
      );
      ws.close();
      return JSON.parse(answer);
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await tapCorner(page, 4);
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
    await page.mouse.click(500, 800); // a tap elsewhere starts the count over
    await tapCorner(page, 1);
    expect(await page.getByTestId('pin-pad').count()).toBe(0);
  });

  it('opens the console with the corner gesture and the admin PIN', async () => {
    // Far from now, so the schedule can never come due while the test runs.
    const twelveHoursFromNowInBeijing = new Date(Date.now() + (12 + 8) * 3_600_000)
      .toISOString()
      .slice(11, 16);
    await page.waitForTimeout(3_100); // let the earlier taps age out of the 3 s window
    await tapCorner(page, 5);
    await typePin(page, '0000'); // the demo PIN is gone once enrolled
    await page.getByRole('alert').filter({ hasText: '密码不对' }).waitFor();
    await typePin(page, '246810');
    await page.getByTestId('admin-console').waitFor();
    await page.getByTestId('devices-panel').filter({ hasText: '身份证阅读器' }).waitFor();
    // 检测设备 → the list in words → 测试: the demo's scanner is SANE's test backend (not assignable).
    await page.getByRole('button', { name: '检测设备' }).click();
    const scanner = page.getByTestId('detected-device').filter({ hasText: '模拟设备' });
    await scanner.waitFor({ timeout: 30_000 });
    expect(await scanner.getByRole('button', { name: /使用这个设备/ }).count()).toBe(0);
    await scanner.getByRole('button', { name: '测试：扫描一页' }).click();
    await expect(
      scanner.getByTestId('detected-device-result').filter({ hasText: '扫描正常' }).textContent(),
    ).resolves.toMatch(/\d+ × \d+ 毫米/);
    // 本机: the county's power schedule arrives by sync and shows as the next planned action.
    await page.getByRole('button', { name: '本机' }).click();
    await page.getByTestId('power-plan').filter({ hasText: '县里没有设定' }).waitFor();
    await setCountySettings([{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '00:00' }], {
      powerOffAt: twelveHoursFromNowInBeijing,
      rebootAt: null,
      days: [1, 2, 3, 4, 5, 6, 7],
    });
    await page.getByTestId('power-plan').filter({ hasText: twelveHoursFromNowInBeijing }).waitFor();
    await page.getByTestId('power-plan').filter({ hasText: '下次定时关机' }).waitFor();
    await page.getByRole('button', { name: '日志' }).click();
    await page.getByTestId('log-lines').filter({ hasText: 'kiosk enrolled' }).waitFor();
    await page.getByTestId('admin-close').click();
    await page.getByTestId('villager-home').waitFor();
  });

  it('signs a clerk in with the badge and locks another out after five wrong PINs', async () => {
    await page.getByTestId('clerk-entry').click();
    await page.getByTestId('clerk-badge').fill('cunban-clerk:clerk-wu');
    await page.getByRole('button', { name: '下一步' }).click();
    for (let left = 4; left >= 1; left--) {
      await typePin(page, '000000');
      await page
        .getByRole('alert')
        .filter({ hasText: `还可以再试 ${left} 次` })
        .waitFor();
    }
    await typePin(page, '000000');
    await page.getByRole('alert').filter({ hasText: '已锁定 15 分钟' }).waitFor();
    await typePin(page, '135790'); // the right PIN is refused while locked
    await page.getByRole('alert').filter({ hasText: '分钟后再试' }).waitFor();
    await page.getByRole('button', { name: '取消' }).click();

    await page.getByTestId('clerk-badge').fill('cunban-clerk:clerk-li');
    await page.getByRole('button', { name: '下一步' }).click();
    await typePin(page, '135790');
    await page.getByTestId('clerk-workspace').filter({ hasText: '李*华' }).waitFor();
    await page.getByTestId('clerk-sign-out').click();
    await page.getByTestId('villager-home').waitFor();
  });

  it('asks for re-enrollment by itself when the county revokes the kiosk', async () => {
    // County IT revokes the kiosk; the next heartbeat (every second here) learns it.
    await gateway.db.query('UPDATE devices SET revoked_at = now()');
    await page
      .getByTestId('provisioning-wizard')
      .filter({ hasText: '本机已被县里停用，请重新开通' })
      .waitFor({ timeout: 15_000 });
    // Nothing but the wizard: the villager screens and the clerk entry are gone.
    expect(await page.getByTestId('villager-home').count()).toBe(0);
    const { state } = await host.contract
      .dispatch({ kind: 'request', id: 1, name: 'provisioning.status', input: {} })
      .then((r) => (r.ok ? (r.output as { state: string }) : { state: 'error' }));
    expect(state).toBe('revoked');
  });
});
