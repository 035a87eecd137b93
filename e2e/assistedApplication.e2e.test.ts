import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHostHandle, runBrowserHost } from '../main/browser/browserHost';
import { hostPaths } from '../main/host/paths';
import { axeProblems, elderLayout, PERSON, screen, tap, traces, typeDigits } from './journeyHelpers';

/**
 * 代办 end to end, in the demo profile: the browser host in Chromium with the demo county (a real
 * gateway on PGlite) beside it. The villager asks for help → clerk badge + PIN → 帮群众代办 →
 * manual entry with the 委托书 scanned → originals checked → submitted; the county holds the
 * application with assistedBy and B-level materials, the clerk is never asked to rate, the kiosk
 * is back in the workspace and nothing of the villager is left in the page.
 */
const APPLICANT = { name: '李秀', idNumber: '441622195203150022' };
const DEMO_CLERK = { badge: 'cunban-clerk:9001', pin: '2468' };

let handle: BrowserHostHandle;
let dataDir: string;
const lines: string[] = [];
const page = (): Page => {
  const p = handle.supervisor?.currentPage;
  if (!p) throw new Error('no kiosk page');
  return p;
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cunban-assist-'));
  handle = await runBrowserHost({
    demoCounty: true,
    demoCountyPort: 0,
    open: true,
    headless: true,
    port: 0,
    dataDir,
    log: (line) => lines.push(line),
  });
  await page().waitForSelector('[data-testid="attract-screen"][data-ready="true"]', { timeout: 30_000 });
}, 120_000);
afterAll(async () => {
  await handle?.stop();
});

/** Every data-testid that appears from now on, to prove a screen was never shown. */
async function recordScreens(p: Page) {
  await p.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { seenScreens: Set<string> }).seenScreens = seen;
    new MutationObserver(() => {
      for (const el of Array.from(document.querySelectorAll('[data-testid$="-screen"]'))) {
        seen.add(el.getAttribute('data-testid') ?? '');
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}
const seenScreens = (p: Page) =>
  p.evaluate(() => [...(window as unknown as { seenScreens: Set<string> }).seenScreens]);

/** Serious axe-core findings and buttons under 60×60 on the screen now showing (elder mode). */
const quality: Record<string, { axe: string[]; small: string[] }> = {};
async function check(p: Page, name: string) {
  const layout = await elderLayout(p);
  quality[name] = { axe: await axeProblems(p), small: layout.small };
  if (process.env.CUNBAN_SHOTS) await p.screenshot({ path: join(process.env.CUNBAN_SHOTS, `${name}.png`) });
}

async function typePin(p: Page, pin: string) {
  for (const digit of pin) await p.click(`[data-testid="pin-pad"] button:text-is("${digit}")`);
  await p.click('[data-testid="pin-pad"] button:text-is("确定")');
}

async function pinyin(p: Page, keys: string, char: string) {
  for (const k of keys) await p.click(`[data-testid="pinyin-keyboard"] button:text-is("${k}")`);
  await p.click(`[data-testid="pinyin-keyboard"] button.candidate:text-is("${char}")`);
}

/** Answers the S13 form one page at a time (nothing is prefilled but name and ID number). */
async function fillForm(p: Page) {
  for (let i = 0; i < 12; i++) {
    const field = await (await p.$('[data-testid="form-screen"] [data-field]'))?.getAttribute('data-field');
    if (!field) break;
    if (field === 'phone') await typeDigits(p, '13812345678');
    if (field === 'gender' || field === 'serviceBank' || field === 'collectMethod') {
      await p.click('[data-testid="form-screen"] [data-field] button[aria-pressed]');
    }
    if (field === 'householdAddress') {
      await p.click('button:text-is("龙川县")');
      await p.click('button:text-is("麻布岗镇")');
    }
    await tap(p, 'form-next');
    await p.waitForTimeout(80);
  }
}

/** The demo county's address and first staff login, as the browser host printed them. */
function demoCounty() {
  const login = lines.map((l) => /staff login: (\S+) \/ (\S+)/.exec(l)).find(Boolean);
  const county = lines.map((l) => /demo county gateway: (\S+)/.exec(l)).find(Boolean)?.[1];
  if (!county || !login) throw new Error(`no demo county login in ${lines.join('\n')}`);
  return { county, login };
}

/** The demo county's staff API, logged in. */
async function staffSession() {
  const { county, login } = demoCounty();
  const res = await fetch(`${county}/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login[1], password: login[2] }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async (path: string) =>
    (await (await fetch(`${county}${path}`, { headers: { cookie } })).json()) as Record<string, unknown>;
}

describe('assisted application (代办) with the original check', () => {
  let tracking = '';

  it('the villager asks for help, the clerk signs in with the badge and files for them by hand', async () => {
    const p = page();
    await recordScreens(p);
    await tap(p, 'attract-start');
    await tap(p, 'identify-clerk');
    await screen(p, 'clerk-screen');
    expect(await p.textContent('[data-testid="clerk-screen"]')).toContain('请工作人员扫一下工牌');
    await check(p, 'clerk-call');
    await tap(p, 'clerk-sign-in-open');
    await screen(p, 'clerk-sign-in');
    // A keyboard-wedge badge scanner types into the field.
    await p.fill('[data-testid="clerk-badge"]', DEMO_CLERK.badge);
    await p.click('button:text-is("下一步")');
    await typePin(p, '1111');
    await p.waitForSelector('[data-testid="pin-pad"] :text("密码不对")');
    await typePin(p, DEMO_CLERK.pin);
    await screen(p, 'clerk-workspace', 15_000);
    await p.click('button:text-is("帮群众代办")');
    await screen(p, 'assist-identify-screen');
    expect(await p.textContent('[data-testid="assisting-clerk"]')).toContain('演');
    await check(p, 'assist-identify');

    // Wrong check digit first (GB 11643), then without relation, then without the 委托书.
    await pinyin(p, 'li', '李');
    await pinyin(p, 'xiu', '秀');
    await tap(p, 'assist-applicantId');
    await typeDigits(p, '441622195203150023');
    await tap(p, 'assist-confirm');
    expect(await p.textContent('[data-testid="assist-identify-screen"] [role="alert"]')).toContain(
      '最后一位',
    );
    await p.click('[data-testid="digit-keypad"] button:has-text("删除")');
    await typeDigits(p, '2');
    await tap(p, 'assist-confirm');
    expect(await p.textContent('[data-testid="assist-identify-screen"] [role="alert"]')).toContain('委托');
    await tap(p, 'assist-relation-2'); // 子女
    await tap(p, 'assist-confirm');
    expect(await p.textContent('[data-testid="assist-identify-screen"] [role="alert"]')).toContain('委托书');
    await tap(p, 'capture-authorisation');
    await p.waitForSelector('[data-testid="authorisation-thumb"]', { timeout: 30_000 });
    await tap(p, 'assist-confirm');
    await screen(p, 'home-screen');
  });

  it('the clerk marks the copies checked against the originals and submits', async () => {
    const p = page();
    await tap(p, 'service-S13-shebaoka-shenling');
    await tap(p, 'guide-apply');
    await tap(p, 'consent-agree');
    await screen(p, 'form-screen');
    await fillForm(p);
    await screen(p, 'materials-screen').catch(async (e) => {
      console.log('[assist] stuck at', await p.textContent('main'));
      throw e;
    });
    await tap(p, 'capture-photoReceipt');
    await p.waitForSelector('[data-testid="material-thumb-photoReceipt"]', { timeout: 30_000 });
    expect(await p.textContent('[data-testid="material-level-photoReceipt"]')).toBe('复印件待核验（C级）');
    await tap(p, 'check-original-photoReceipt');
    await tap(p, 'check-original-authorisation');
    expect(await p.textContent('[data-testid="material-level-photoReceipt"]')).toBe('已核验原件（B级）');
    expect(await p.textContent('[data-testid="material-level-authorisation"]')).toBe('已核验原件（B级）');
    expect(await p.getAttribute('[data-testid="check-original-photoReceipt"]', 'aria-pressed')).toBe('true');
    await check(p, 'materials-checked');
    await tap(p, 'materials-next');
    await screen(p, 'review-screen');
    const reviewed = await p.textContent('[data-testid="review-materials"]');
    expect(reviewed).toContain('委托书或授权书 · 已核验原件（B级）');
    await tap(p, 'review-submit');
    await screen(p, 'receipt-screen', 15_000);
    tracking = (await p.textContent('[data-testid="tracking-number"]')) ?? '';
    expect(tracking).toMatch(/^\d{14}-\d{8}-\d{4}$/);
  });

  it('is never offered for rating, returns to the workspace and leaves nothing of the villager', async () => {
    const p = page();
    await tap(p, 'receipt-next');
    await screen(p, 'thanks-screen');
    await tap(p, 'thanks-done');
    await screen(p, 'clerk-workspace');
    expect(await seenScreens(p)).not.toContain('rating-screen');
    const left = await traces(p);
    for (const s of [APPLICANT.name, APPLICANT.idNumber]) expect(left).not.toContain(s);
    // The town queue is the clerk's list of the site's applications: there, and only there, the
    // application stays, by tracking number and masked name. Nothing else of the journey remains.
    const outsideQueue = await p.evaluate(() => {
      const root = document.body.cloneNode(true) as HTMLElement;
      root.querySelector('[data-testid="town-queue"]')?.remove();
      return root.innerHTML;
    });
    for (const s of ['李*', tracking]) expect(outsideQueue).not.toContain(s);
    await p.getByTestId('queue-row').filter({ hasText: tracking }).filter({ hasText: '李*' }).waitFor();
    // Still signed in: the workspace offers the next 代办 without a PIN.
    expect(await p.textContent('[data-testid="clerk-workspace"]')).toContain('帮群众代办');
  });

  it('a villager who brought their card is identified by it; cancelling returns to the workspace', async () => {
    const p = page();
    await p.click('button:text-is("帮群众代办")');
    await screen(p, 'assist-identify-screen');
    await tap(p, 'demo-place-card'); // the simulated reader presents 李秀英's card
    await screen(p, 'home-screen');
    expect(await p.textContent('[data-testid="home-screen"]')).toContain('李*英');
    await tap(p, 'end-session');
    await screen(p, 'clerk-workspace');
    const left = await traces(p);
    for (const s of [PERSON.name, PERSON.idNumber, '李*英']) expect(left).not.toContain(s);
  });

  it('drops the 代办 and its data when the clerk session ends in the middle of it', async () => {
    const p = page();
    await p.click('button:text-is("帮群众代办")');
    await screen(p, 'assist-identify-screen');
    await pinyin(p, 'li', '李');
    await pinyin(p, 'xiu', '秀');
    expect(await p.textContent('[data-testid="assist-entry"]')).toContain(APPLICANT.name);
    // As the host's idle timer would: the session ends and the host says so.
    await p.evaluate(() =>
      (
        window as unknown as { kioskApi: { request(n: string, i: unknown): Promise<unknown> } }
      ).kioskApi.request('clerk.signOut', {}),
    );
    await p.waitForSelector('[data-testid="attract-screen"]');
    expect(await traces(p)).not.toContain(APPLICANT.name);
  });

  it('a badge scanned at the attract screen goes straight to the PIN, under the demo banner', async () => {
    const p = page();
    await p.evaluate(
      (badge) =>
        (
          window as unknown as { kioskApi: { request(n: string, i: unknown): Promise<unknown> } }
        ).kioskApi.request('demo.barcode.scan', { data: badge }),
      DEMO_CLERK.badge,
    );
    await screen(p, 'clerk-pin'); // straight to the PIN: not asked to scan the badge a second time
    await p.getByTestId('demo-banner').waitFor(); // simulated devices are announced here too
    await typePin(p, DEMO_CLERK.pin);
    await screen(p, 'clerk-workspace', 15_000);
    await p.getByTestId('demo-banner').waitFor();
  });

  it('reaches the county with assistedBy from the host session and B-level materials', async () => {
    const staff = await staffSession();
    let detail: Record<string, unknown> | undefined;
    for (let i = 0; i < 60 && !detail; i++) {
      const list = await staff(`/v1/staff/applications?q=${encodeURIComponent(tracking)}`);
      const item = (list.items as Array<{ id: string }> | undefined)?.[0];
      if (item) detail = await staff(`/v1/staff/applications/${item.id}`);
      else await new Promise((r) => setTimeout(r, 500));
    }
    const app = detail?.application as {
      status: string;
      applicant: { name: string; idNumber: string };
      assistedBy: unknown;
      materials: Array<{ materialId: string; originalCheck: { clerkId: string; at: string } | null }>;
    };
    expect(app.status).toBe('received');
    expect(app.applicant).toMatchObject(APPLICANT);
    // The full registered name, written by the host — the renderer only ever had 演***员.
    expect(app.assistedBy).toEqual({
      clerkId: '9001',
      name: '演示协办员',
      identifiedBy: 'manual',
      relation: '子女',
    });
    const checks = Object.fromEntries(
      app.materials.map((m) => [m.materialId, m.originalCheck?.clerkId ?? null]),
    );
    expect(checks).toEqual({ authorisation: '9001', photoReceipt: '9001' });
  });

  it('shows the county staff each material as B or C level in the console', async () => {
    const { county, login } = demoCounty();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    try {
      const staff = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await staff.goto(`${county}/console/`);
      await staff.fill('input[name="username"]', login[1]!);
      await staff.fill('input[name="password"]', login[2]!);
      await staff.click('button[type="submit"]');
      await staff.waitForSelector('[data-testid="signed-in-as"]');
      await staff.fill('input[name="q"]', tracking);
      await staff.press('input[name="q"]', 'Enter');
      await staff.locator('tr[data-application-id] a').first().click();
      await staff.waitForSelector('[data-testid="applicant"]');
      const levels = await staff.$$eval('.credibility', (els) => els.map((e) => e.textContent ?? ''));
      expect(levels).toHaveLength(2);
      for (const l of levels) expect(l).toMatch(/^扫描件 · 已核验原件（B级）· 工作人员 9001 于 /);
      expect(await staff.textContent('[data-testid="manual-entry"]')).toContain('委托人：子女');
      if (process.env.CUNBAN_SHOTS)
        await staff.screenshot({ path: join(process.env.CUNBAN_SHOTS, 'console.png') });
    } finally {
      await browser.close();
    }
  });

  it('the new screens have no serious accessibility findings and no small targets', () => {
    expect(Object.keys(quality)).toEqual(['clerk-call', 'assist-identify', 'materials-checked']);
    for (const [name, q] of Object.entries(quality))
      expect({ name, ...q }).toEqual({ name, axe: [], small: [] });
  });

  it('audits every original check and the assisted submission without personal data', async () => {
    const audit = await readFile(join(hostPaths(dataDir).state, 'audit-outbox.json'), 'utf8').catch(
      () => '[]',
    );
    const actions = (JSON.parse(audit) as Array<{ action: string }>).map((e) => e.action);
    expect(actions.filter((a) => a === 'clerk.originalChecked')).toHaveLength(2);
    expect(actions).toContain('clerk.assistedSubmit');
    expect(audit).not.toContain(APPLICANT.name);
    expect(audit).not.toContain(APPLICANT.idNumber);
  });
});
