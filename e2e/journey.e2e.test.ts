import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHostHandle, runBrowserHost } from '../main/browser/browserHost';
import { demoConfig } from '../main/host/config/loadConfig';
import {
  answerField,
  axeProblems,
  elderLayout,
  PERSON,
  screen,
  tap,
  traces,
  typeDigits,
} from './journeyHelpers';

let handle: BrowserHostHandle;
const page = (): Page => {
  const p = handle.supervisor?.currentPage;
  if (!p) throw new Error('no kiosk page');
  return p;
};
const axeReport: Record<string, string[]> = {};
const layoutReport: Record<string, string[]> = {};

/** axe-core and the elder-mode layout rules on the screen now showing. */
async function check(p: Page, name: string) {
  axeReport[name] = await axeProblems(p);
  const layout = await elderLayout(p);
  expect(layout.mode).toBe('elder');
  expect(layout.fontPx).toBeGreaterThanOrEqual(24);
  layoutReport[name] = layout.small;
}

/** JOURNEY_HEAP_SESSIONS=200 runs the size (minutes); CI runs 10. */
const sessions = Math.max(10, Number(process.env.JOURNEY_HEAP_SESSIONS) || 10);

/** JS heap in use after a forced garbage collection. */
async function usedHeap(p: Page): Promise<number> {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

async function attract(p: Page) {
  await p.waitForSelector('[data-testid="attract-screen"][data-ready="true"]', { timeout: 20_000 });
}

/** From the attract screen to the identify step with S06 chosen and consented. */
async function toIdentifyWithService(p: Page) {
  await tap(p, 'attract-start');
  await screen(p, 'identify-screen');
  await tap(p, 'browse-services');
  await tap(p, 'service-S06-gaoling-jintie');
  await tap(p, 'guide-apply');
  await tap(p, 'consent-agree');
  await screen(p, 'identify-screen');
}

/** Card placed → prefilled form visible, measured inside the page. */
async function cardToForm(p: Page): Promise<[number, number]> {
  return p.evaluate(
    () =>
      new Promise<[number, number]>((resolve, reject) => {
        performance.clearMarks('cunban:idcard.card');
        const start = performance.now();
        const seen = () => document.querySelector('[data-testid="form-screen"] [data-prefilled="true"]');
        const observer = new MutationObserver(() => {
          if (seen()) {
            observer.disconnect();
            const end = performance.now();
            const arrived = performance.getEntriesByName('cunban:idcard.card')[0]?.startTime ?? Number.NaN;
            resolve([end - start, end - arrived]);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        (document.querySelector('[data-testid="demo-place-card"]') as HTMLButtonElement).click();
        setTimeout(() => reject(new Error('form did not appear')), 5000);
      }),
  );
}

describe('the villager journey in the browser host', () => {
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cunban-journey-'));
    const configFile = join(dataDir, 'config.json');
    await writeFile(
      configFile,
      // The demo profile, with the shortest idle time the config allows so the timeout test takes seconds.
      JSON.stringify({ ...demoConfig(), timeouts: { ...demoConfig().timeouts, idleSeconds: 15 } }),
    );
    handle = await runBrowserHost({
      // The journey is tested offline (the normal case); the demo county's loop has its own test.
      demoCounty: false,
      open: true,
      headless: true,
      port: 0,
      dataDir,
      configFile,
      log: () => {},
    });
    await attract(page());
  });
  afterAll(async () => {
    console.log('[journey] axe serious/critical:', JSON.stringify(axeReport));
    console.log('[journey] buttons under 60×60:', JSON.stringify(layoutReport));
    await handle?.stop();
  });

  it(
    'card placed → prefilled form is fast (p95 under 300 ms once the card is read)',
    async () => {
      const p = page();
      const total: number[] = [];
      const afterRead: number[] = [];
      let heapBefore = 0;
      for (let i = 0; i < sessions; i++) {
        // The first two sessions load what every session shares (pinyin index, search entries).
        if (i === 2) heapBefore = await usedHeap(p);
        await toIdentifyWithService(p);
        const [all, ui] = await cardToForm(p);
        total.push(all);
        afterRead.push(ui);
        await tap(p, 'end-session');
        await attract(p);
      }
      const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
      const show = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
      console.log(
        `[journey] demo place → form ms (includes the simulated reader): ${show(total)}; p95 ${p95(total).toFixed(0)}`,
      );
      console.log(
        `[journey] idcard.card event → form ms: ${show(afterRead)}; p95 ${p95(afterRead).toFixed(0)}`,
      );
      const heapAfter = await usedHeap(p);
      console.log(
        `[journey] renderer heap over ${sessions - 2} sessions after warm-up: ${((heapAfter - heapBefore) / 1024).toFixed(0)} KiB`,
      );
      expect(p95(afterRead)).toBeLessThan(300);
      // A session must not leave memory behind (the budget: 10 MB over 200 sessions).
      expect(heapAfter - heapBefore).toBeLessThan(sessions >= 200 ? 10 * 1024 * 1024 : 1024 * 1024);
    },
    60_000 + sessions * 3_000,
  );

  it('walks the whole journey offline, then leaves no trace of the person', async () => {
    const p = page();
    await check(p, 'attract');
    await tap(p, 'demo-place-card'); // a card on the attract screen starts the session
    await screen(p, 'home-screen');
    expect(await p.textContent('[data-testid="home-screen"]')).toContain('李*英');
    await check(p, 'home');
    // Search by initials finds the service.
    await tap(p, 'search-toggle');
    for (const k of 'gllr') await p.click(`[data-testid="pinyin-keyboard"] button:text-is("${k}")`);
    await tap(p, 'service-S06-gaoling-jintie');
    await screen(p, 'guide-screen');
    await check(p, 'guide');
    await tap(p, 'guide-apply');
    await screen(p, 'consent-screen');
    await check(p, 'consent');
    await tap(p, 'consent-agree');
    await screen(p, 'form-screen');
    await check(p, 'form');
    // Masked on the form: the full ID number is not on screen.
    const fields: string[] = [];
    for (let i = 0; i < 12; i++) {
      const field = await (await p.$('[data-testid="form-screen"] [data-field]'))?.getAttribute('data-field');
      if (!field) break;
      fields.push(field);
      expect(await p.textContent('[data-testid="form-screen"]')).not.toContain(PERSON.idNumber);
      if (field === 'phone') {
        await tap(p, 'form-next'); // empty: the plain message comes
        expect(await p.textContent('[data-testid="field-problem"]')).toContain('必须');
        await typeDigits(p, '13812345678');
        await check(p, 'form-keypad');
      }
      if (field !== 'phone') await answerField(p, field);
      await tap(p, 'form-next');
      await p.waitForTimeout(50);
    }
    expect(fields).toContain('birthDate');
    await screen(p, 'id-copy-consent-screen').catch(async (e) => {
      console.log('[journey] stuck at', fields.join(','), await p.textContent('main'));
      throw e;
    });
    await check(p, 'idCopyConsent');
    // Declined: the host refuses to copy the ID card, and the screen says why in Chinese.
    await tap(p, 'id-copy-decline');
    await screen(p, 'materials-screen');
    await tap(p, 'capture-idCard');
    await p.waitForSelector('[data-testid="materials-problem"]', { timeout: 30_000 });
    expect(await p.textContent('[data-testid="materials-problem"]')).toContain('本人同意');
    expect(await p.$('[data-testid="material-thumb-idCard"]')).toBeNull();
    await tap(p, 'back');
    await screen(p, 'id-copy-consent-screen');
    await tap(p, 'id-copy-agree');
    await screen(p, 'materials-screen');
    expect(await p.$('[data-testid="capture-idCard"]')).toBeNull(); // read from the chip instead
    // Each material is scanned on the (SANE test backend) scanner; the preview is the stored page's thumbnail.
    const scanned: Record<string, string> = {};
    for (const m of ['hukou', 'bankBook', 'photo']) {
      await tap(p, `capture-${m}`);
      const thumb = await p.waitForSelector(`[data-testid="material-thumb-${m}"]`, { timeout: 30_000 });
      expect(await thumb.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
      scanned[m] = (await thumb.getAttribute('data-sha256')) ?? '';
      expect(scanned[m]).toMatch(/^[0-9a-f]{64}$/);
      expect(await p.getAttribute(`[data-testid="material-status-${m}"]`, 'data-verified')).toBe('false');
    }
    // 重新扫描 scans again and replaces the page.
    expect(await p.textContent('[data-testid="capture-hukou"]')).toBe('重新扫描');
    await tap(p, 'capture-hukou');
    await p.waitForSelector('[data-testid="capture-hukou"]:not([disabled])', { timeout: 30_000 });
    scanned.hukou = (await p.getAttribute('[data-testid="material-thumb-hukou"]', 'data-sha256')) ?? '';
    expect(scanned.hukou).toMatch(/^[0-9a-f]{64}$/);
    expect(await p.$('[data-testid="materials-problem"]')).toBeNull();
    expect(await p.textContent('[data-testid="materials-screen"]')).toContain('复印件待工作人员核验原件');
    await check(p, 'materials');
    await tap(p, 'materials-next');
    await screen(p, 'signature-screen');
    await check(p, 'signature');
    const pad = (await p.$('[data-testid="signature-pad"]'))!;
    await pad.scrollIntoViewIfNeeded();
    const b = (await pad.boundingBox())!;
    await p.mouse.move(b.x + 40, b.y + 40);
    await p.mouse.down();
    for (let i = 1; i <= 10; i++) await p.mouse.move(b.x + 40 + i * 30, b.y + 40 + (i % 2) * 40);
    await p.mouse.up();
    await tap(p, 'signature-confirm');
    await screen(p, 'review-screen').catch(async (e) => {
      console.log('[journey] stuck at signature', await p.textContent('main'));
      throw e;
    });
    const review = await p.textContent('[data-testid="review-screen"]');
    expect(review).toContain(PERSON.name); // the one screen with full data
    expect(review).toContain(PERSON.idNumber);
    await check(p, 'review');
    await tap(p, 'review-submit');
    await screen(p, 'receipt-screen');
    const tracking = await p.textContent('[data-testid="tracking-number"]');
    expect(tracking).toMatch(/^\d{14}-\d{8}-\d{4}$/);
    expect(await p.getAttribute('[data-testid="receipt-link-state"]', 'data-queued')).toBe('true');
    expect(await p.textContent('[data-testid="receipt-screen"]')).toContain('联网后会自动提交');
    // The queued application references the pages the host stored, by their SHA-256.
    const journal = await p.evaluate(() =>
      (
        window as unknown as {
          kioskApi: {
            request(
              n: string,
              i: unknown,
            ): Promise<{
              documents: Array<{
                trackingNumber: string;
                materials: Array<{ materialId: string; sha256: string; credibility: string }>;
              }>;
            }>;
          };
        }
      ).kioskApi.request('queue.journalEntries', {}),
    );
    const submitted = journal.documents.find((d) => d.trackingNumber === tracking);
    expect(submitted).toBeDefined();
    for (const [m, sha] of Object.entries(scanned)) {
      const ref = submitted?.materials.find((x) => x.materialId === m);
      expect(ref?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(ref).toMatchObject({ sha256: sha, credibility: 'scanned' });
    }
    // The receipt goes to the (simulated) printer with the tracking number on it.
    await p.waitForSelector('[data-testid="print-outcome"]');
    const outcome = await p.textContent('[data-testid="print-outcome"]');
    if (outcome?.includes('回执已打印')) {
      const jobs = await p.evaluate(() =>
        (
          window as unknown as {
            kioskApi: {
              request(n: string, i: unknown): Promise<{ jobs: Array<{ trackingNumber?: string }> }>;
            };
          }
        ).kioskApi.request('printer.jobs', {}),
      );
      expect(jobs.jobs.map((j) => j.trackingNumber)).toContain(tracking);
    } else {
      expect(outcome).toMatch(/不能打印|没有打印出来/); // said plainly, with the number on screen
    }
    await check(p, 'receipt');
    // 好差评 opens by itself.
    await screen(p, 'rating-screen', 20_000);
    await check(p, 'rating');
    await tap(p, 'rating-2');
    await tap(p, 'rating-submit');
    await p.waitForSelector('[data-testid="rating-screen"] [role="alert"]');
    await tap(p, 'reason-tooSlow');
    await check(p, 'rating-reasons');
    await tap(p, 'rating-submit');
    await screen(p, 'thanks-screen');
    await tap(p, 'thanks-done');
    await attract(p);
    const left = await traces(p);
    expect(left).not.toContain(PERSON.name);
    expect(left).not.toContain(PERSON.idNumber);
    expect(left).not.toContain('13812345678');

    // 我的办件 finds it by the tracking number on the receipt.
    await tap(p, 'attract-my-applications');
    await screen(p, 'my-applications-screen');
    await typeDigits(p, tracking!.replace(/-/g, ''));
    await tap(p, 'tracking-search');
    await p.waitForSelector('[data-testid="applications"] li');
    expect(await p.textContent('[data-testid="applications"]')).toContain('高龄');
    await check(p, 'myApplications');
    await tap(p, 'end-session');
    await attract(p);
  }, 120_000); // the shared build machine can be slow; each step still waits at most 10 s

  it('asking for a clerk opens clerk sign-in, not a PIN typed on the villager screen', async () => {
    const p = page();
    await tap(p, 'attract-start');
    await tap(p, 'identify-clerk');
    await screen(p, 'clerk-screen');
    await check(p, 'clerk');
    expect(await p.textContent('[data-testid="clerk-screen"]')).toContain('请工作人员扫一下工牌');
    await tap(p, 'clerk-sign-in-open');
    await screen(p, 'clerk-sign-in');
    // 代办 itself (badge + PIN → workspace → 帮群众代办) is e2e/assistedApplication.e2e.test.ts.
    await p.click('button:text-is("返回")');
    await attract(p);
  });

  it('after the idle timeout the person is gone, with a spoken countdown first', async () => {
    const p = page();
    await tap(p, 'demo-place-card');
    await screen(p, 'home-screen');
    await screen(p, 'idle-warning', 15_000);
    expect(await p.textContent('[data-testid="idle-countdown"]')).toMatch(/\d+ 秒后/);
    await check(p, 'idle');
    await tap(p, 'idle-continue');
    await screen(p, 'home-screen');
    await screen(p, 'idle-warning', 15_000);
    await attract(p);
    const left = await traces(p);
    expect(left).not.toContain(PERSON.name);
    expect(left).not.toContain(PERSON.idNumber);
    expect(left).not.toContain('李*英');
  }, 60_000);

  it('no serious accessibility violations and no small targets on any screen', () => {
    expect(Object.keys(axeReport).length).toBeGreaterThan(10);
    expect(Object.fromEntries(Object.entries(axeReport).filter(([, v]) => v.length))).toEqual({});
    expect(Object.fromEntries(Object.entries(layoutReport).filter(([, v]) => v.length))).toEqual({});
  });
});
