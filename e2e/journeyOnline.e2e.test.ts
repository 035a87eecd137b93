import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHostHandle, runBrowserHost } from '../main/browser/browserHost';
import { demoConfig } from '../main/host/config/loadConfig';
import {
  fillForm,
  hostRequest,
  PERSON,
  scanMaterials,
  screen,
  sign,
  tap,
  typeDigits,
} from './journeyHelpers';

/**
 * The journey continued online, with the demo county beside the kiosk: the villager applies,
 * the county receives the application with every file (scans and signature), a staff member
 * completes it through the staff API, and the villager's 我的办件 shows 已办结 and prints the
 * result notice on the (simulated) receipt printer. The county's announcement shows on the
 * attract screen on the way.
 */
let handle: BrowserHostHandle;
let dataDir: string;
const page = (): Page => {
  const p = handle.supervisor?.currentPage;
  if (!p) throw new Error('no kiosk page');
  return p;
};
const attract = (p: Page) =>
  p.waitForSelector('[data-testid="attract-screen"][data-ready="true"]', { timeout: 20_000 });

/** The demo county's staff API, signed in as its first admin (kept in the demo folder). */
async function countyStaff(countyUrl: string) {
  const login = JSON.parse(await readFile(join(dataDir, 'county-demo', 'staff-login.json'), 'utf8')) as {
    username: string;
    password: string;
  };
  const res = await fetch(`${countyUrl}/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(login),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${countyUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (answer.status >= 300) throw new Error(`${path} answered ${answer.status}: ${text}`);
    return JSON.parse(text) as T;
  };
}

describe('the journey online, with the demo county', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cunban-journey-online-'));
    const configFile = join(dataDir, 'config.json');
    await writeFile(configFile, JSON.stringify(demoConfig()));
    handle = await runBrowserHost({
      demoCounty: true,
      demoCountyPort: 0,
      open: true,
      headless: true,
      port: 0,
      dataDir,
      configFile,
      log: () => {},
    });
    await attract(page());
  }, 90_000);
  afterAll(async () => {
    await handle?.stop();
  });

  it('apply → the county has every file → staff complete it → 已办结 and the result notice prints', async () => {
    const started = Date.now();
    const p = page();
    const { countyUrl } = await hostRequest<{ countyUrl: string }>(p, 'queue.session');
    expect(countyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const staff = await countyStaff(countyUrl);

    // The county publishes a notice; the attract screen shows it without a pop-up and opens it on tap.
    await staff('/v1/staff/announcements', {
      title: '医保缴费提醒',
      body: '2027年度城乡居民医保请于12月31日前缴费。',
    });
    await p.waitForSelector('[data-testid="announcement"]:has-text("医保缴费提醒")', { timeout: 20_000 });
    await tap(p, 'announcement');
    expect(await p.textContent('[data-testid="announcement-body"]')).toContain('12月31日前缴费');
    expect(await p.$('[role="dialog"]')).toBeNull();
    // For a person to look at (e2e/artifacts is not committed).
    await p.screenshot({ path: join(import.meta.dirname, 'artifacts', 'attract-announcement.png') });
    await tap(p, 'announcement'); // a second tap closes it
    expect(await p.$('[data-testid="announcement-body"]')).toBeNull();

    // The villager applies: card → S06 → consent → form → ID copy → materials → signature → submit.
    await tap(p, 'demo-place-card');
    await screen(p, 'home-screen');
    await tap(p, 'search-toggle');
    for (const k of 'gllr') await p.click(`[data-testid="pinyin-keyboard"] button:text-is("${k}")`);
    await tap(p, 'service-S06-gaoling-jintie');
    await tap(p, 'guide-apply');
    await tap(p, 'consent-agree');
    await screen(p, 'form-screen');
    await fillForm(p);
    await screen(p, 'id-copy-consent-screen');
    await tap(p, 'id-copy-agree');
    await screen(p, 'materials-screen');
    await scanMaterials(p, ['hukou', 'bankBook', 'photo']);
    await tap(p, 'materials-next');
    await screen(p, 'signature-screen');
    await sign(p);
    await screen(p, 'review-screen');
    await tap(p, 'review-submit');
    await screen(p, 'receipt-screen');
    const tracking = (await p.textContent('[data-testid="tracking-number"]'))!;
    expect(tracking).toMatch(/^\d{14}-\d{8}-\d{4}$/);
    await tap(p, 'receipt-next');
    await tap(p, 'rating-5');
    await tap(p, 'rating-submit');
    await tap(p, 'thanks-done');
    await attract(p);

    // The county received it with every file: three scans and the signature, verified.
    type Row = { id: string; status: string; filesComplete: boolean };
    let row: Row | undefined;
    await expect
      .poll(
        async () => {
          row = (await staff<{ items: Row[] }>(`/v1/staff/applications?q=${tracking}`)).items[0];
          return row?.filesComplete;
        },
        { timeout: 30_000, interval: 300 },
      )
      .toBe(true);
    expect(row?.status).toBe('received');
    const detail = await staff<{
      application: { materials: Array<{ materialId: string; sha256: string }> };
      files: Array<{ sha256: string; contentType: string; state: string }>;
    }>(`/v1/staff/applications/${row!.id}`);
    const signature = detail.application.materials.find((m) => m.materialId === 'signature');
    expect(detail.files.find((f) => f.sha256 === signature?.sha256)).toMatchObject({
      contentType: 'image/png',
      state: 'verified',
    });

    // A staff member accepts and completes it.
    await staff(`/v1/staff/applications/${row!.id}/actions`, { action: 'accept', note: '' });
    await staff(`/v1/staff/applications/${row!.id}/actions`, {
      action: 'complete',
      note: '津贴自下月起发放到本人社保卡',
    });

    // 我的办件 by the receipt's number: 已办结, and the result notice prints.
    await tap(p, 'attract-my-applications');
    await screen(p, 'my-applications-screen');
    await typeDigits(p, tracking.replace(/-/g, ''));
    await tap(p, 'tracking-search');
    await p.waitForSelector('[data-testid="applications"] li');
    const found = await p.textContent('[data-testid="applications"]');
    expect(found).toContain('已办结');
    expect(found).toContain('津贴自下月起发放到本人社保卡');
    expect(found).not.toContain(PERSON.idNumber);
    await tap(p, 'print-notice');
    await p.waitForSelector('[data-testid="notice-outcome"]:has-text("已打印")', { timeout: 20_000 });
    const { jobs } = await hostRequest<{
      jobs: Array<{ kind: string; status: string; trackingNumber?: string }>;
    }>(p, 'printer.jobs');
    expect(jobs).toContainEqual(
      expect.objectContaining({ kind: 'result-notice', status: 'printed', trackingNumber: tracking }),
    );
    await tap(p, 'end-session');
    await attract(p);
    console.log(`[journey-online] apply → county → completed → notice printed in ${Date.now() - started} ms`);
  }, 120_000);
});
