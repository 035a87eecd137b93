import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

// Evaluated through the DevTools protocol: the kiosk's CSP rightly refuses injected <script> tags.
const axeSource = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Shared steps of the journey end-to-end tests (not a test file itself). */
/** The simulator's first fake card (drivers/idcard/simulator/cardFixtures.ts). */
export const PERSON = { name: '李秀英', idNumber: '130624196503121227' };

export async function tap(p: Page, testId: string) {
  await p.click(`[data-testid="${testId}"]`);
}

export async function screen(p: Page, testId: string, timeout = 10_000) {
  await p.waitForSelector(`[data-testid="${testId}"]`, { timeout });
}

export async function typeDigits(p: Page, digits: string) {
  for (const d of digits) await p.click(`[data-testid="digit-keypad"] button:text-is("${d}")`);
}

/** Serious or critical axe-core violations of the current screen, as "rule: target" lines. */
export async function axeProblems(p: Page): Promise<string[]> {
  const loaded = await p.evaluate(() => 'axe' in window);
  if (!loaded) await p.evaluate(axeSource);
  return p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Visible buttons smaller than 60×60 px, and the body's font size. */
export async function elderLayout(
  p: Page,
): Promise<{ small: string[]; fontPx: number; mode: string | undefined }> {
  return p.evaluate(() => {
    const small: string[] = [];
    for (const b of Array.from(document.querySelectorAll('button'))) {
      const r = b.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 60 || r.height < 60)
        small.push(`${b.textContent?.trim()} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return {
      small,
      fontPx: Number.parseFloat(getComputedStyle(document.body).fontSize),
      mode: document.documentElement.dataset.mode,
    };
  });
}

/** Every place a person's data could remain in the page: DOM, web storage, history state. */
export async function traces(p: Page): Promise<string> {
  return p.evaluate(() => {
    const storage = (s: Storage) =>
      Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
    return [
      document.documentElement.outerHTML,
      storage(sessionStorage),
      storage(localStorage),
      JSON.stringify(history.state),
    ].join('\n');
  });
}

/** The kiosk's contract from inside the page (the renderer's own `kioskApi`). */
export async function hostRequest<T>(p: Page, name: string, input: unknown = {}): Promise<T> {
  return p.evaluate(
    ([n, i]) =>
      (
        window as unknown as { kioskApi: { request(n: string, i: unknown): Promise<unknown> } }
      ).kioskApi.request(n as string, i),
    [name, input] as const,
  ) as Promise<T>;
}

/**
 * Answers one question of the S06 form the card left open, on the on-screen keypads and lists
 * (the e2e suites and the bench's screen sessions share it).
 */
export async function answerField(p: Page, field: string): Promise<void> {
  if (field === 'phone') await typeDigits(p, '13812345678');
  if (field === 'householdAddress' && (await p.$('[data-testid="form-screen"] .address-editor'))) {
    // The card's address is outside 河源: county and town are tapped from the lists.
    await p.click('button:text-is("龙川县")');
    await p.click('button:text-is("麻布岗镇")');
  }
  if (field === 'bankAccount') {
    await p.click('button:text-is("农业银行")');
    await typeDigits(p, '6228480123456789012');
  }
}

/** Answers every question of the S06 form as a villager would (the card prefilled the rest). */
export async function fillForm(p: Page): Promise<string[]> {
  const fields: string[] = [];
  for (let i = 0; i < 12; i++) {
    const field = await (await p.$('[data-testid="form-screen"] [data-field]'))?.getAttribute('data-field');
    if (!field) break;
    fields.push(field);
    await answerField(p, field);
    await tap(p, 'form-next');
    await p.waitForTimeout(50);
  }
  return fields;
}

/** Scans each material on the scanner; returns the stored SHA-256 of each. */
export async function scanMaterials(p: Page, materials: string[]): Promise<Record<string, string>> {
  const scanned: Record<string, string> = {};
  for (const m of materials) {
    await tap(p, `capture-${m}`);
    const thumb = await p.waitForSelector(`[data-testid="material-thumb-${m}"]`, { timeout: 30_000 });
    scanned[m] = (await thumb.getAttribute('data-sha256')) ?? '';
  }
  return scanned;
}

/** A few strokes on the signature pad, then 下一步. */
export async function sign(p: Page) {
  const pad = (await p.$('[data-testid="signature-pad"]'))!;
  await pad.scrollIntoViewIfNeeded();
  const b = (await pad.boundingBox())!;
  await p.mouse.move(b.x + 40, b.y + 40);
  await p.mouse.down();
  for (let i = 1; i <= 10; i++) await p.mouse.move(b.x + 40 + i * 30, b.y + 40 + (i % 2) * 40);
  await p.mouse.up();
  await tap(p, 'signature-confirm');
}
