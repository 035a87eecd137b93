import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { newUuidV7 } from './sync/protocol/ids';
import { seedCatalogIfEmpty } from './sync/server/catalogSeed';
import { countyConsolePlugin } from './sync/server/console/consolePlugin';
import { buildGateway } from './sync/server/gateway';
import { ensureFirstAdmin } from './sync/server/staffAuth';
import { enrollKiosk, makeApplication, openTestDatabase } from './sync/server/testing/gatewayHarness';

const { db } = await openTestDatabase('pglite');
await seedCatalogIfEmpty(db);
const admin = (await ensureFirstAdmin(db))!;
const app = await buildGateway({ db, filesDir: await mkdtemp(path.join(tmpdir(), 'shots-')) });
await app.register(countyConsolePlugin);
await app.listen({ port: 0, host: '127.0.0.1' });
const a = app.server.address();
const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
const k = await enrollKiosk(db, url, '441625200001', '下蓝村党群服务中心');
const k2 = await enrollKiosk(db, url, '441625201003', '黄田村党群服务中心');
const docs = [makeApplication(k), makeApplication(k), makeApplication(k2, { applicant: { name: '黄大明', idNumber: '11010519491231002X' } } as never)];
for (const d of docs) console.log(JSON.stringify(await (d.deviceId === k.enrollment.deviceId ? k : k2).client.push('applications', [{ newDocumentState: d }])).slice(0, 300));
await k.client.heartbeat({ appVersion: '0.1.0', uptimeSeconds: 100, queue: { documents: 2, files: 3, bytesPending: 100000 }, devices: { idCard: { state: 'ok' }, printer: { state: 'fault', detail: 'paper out' }, scanner: { state: 'ok' } }, disk: { freeBytes: 12e9, totalBytes: 64e9 }, lastSyncAt: new Date().toISOString() });
for (const level of [5, 5, 4, 3, 1]) {
  const r = await k.client.push('ratings', [{ newDocumentState: { id: newUuidV7(), siteDivision: '441625200001', deviceId: k.enrollment.deviceId, applicationId: docs[0]!.id, serviceId: 'S06-gaoling-jintie', level, reasonTags: level <= 2 ? ['无理由超过法定办理时间'] : [], comment: level <= 2 ? '等太久了' : null, templateVersion: '2026.1', createdAt: new Date().toISOString(), followUp: null, rejectionReason: null, _deleted: false } }]);
  if (r.length) console.log('rating conflict', JSON.stringify(r).slice(0, 300));
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'], headless: true });
const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
await page.goto(`${url}/console/`);
await page.screenshot({ path: '/tmp/console-shots/0-signin.png' });
await page.fill('input[name="username"]', 'admin');
await page.fill('input[name="password"]', admin.password);
await page.click('button[type="submit"]');
await page.waitForSelector('[data-testid="application-table"]');
await page.screenshot({ path: '/tmp/console-shots/1-list.png' });
await page.locator('[data-testid="application-table"] a').first().click();
await page.waitForSelector('[data-testid="applicant"]');
await page.getByRole('button', { name: '补正', exact: true }).click();
await page.getByRole('button', { name: '确认补正' }).click();
await page.screenshot({ path: '/tmp/console-shots/2-detail.png', fullPage: true });
for (const [n, name] of [['3', '设备管理'], ['4', '事项目录'], ['5', '好差评'], ['6', '操作日志']]) {
  await page.click(`nav a:has-text("${name}")`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/console-shots/${n}-page.png` });
}
await browser.close();
await app.close();
await db.close();
