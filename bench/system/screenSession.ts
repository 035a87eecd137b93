import type { Page } from 'playwright-core';
import { answerField } from '../../e2e/journeyHelpers';

/**
 * One villager session through the screens, with real clicks in the kiosk page: attract → card
 * placed with the demo banner's control → home → 高龄津贴 → guide → consent → form (each field,
 * typed on the on-screen keypads where the card leaves it empty) → ID-copy consent → three
 * materials scanned on the simulated scanner → signature drawn with the mouse → review → submit
 * → receipt (tracking number read off the screen) → rating → thanks → attract.
 *
 * `stopAfter` abandons the session after that step, as a villager who walks away would: the
 * chaos run injects a fault there and then waits for the kiosk to return to the attract screen
 * by itself. A session that reaches the receipt returns its tracking number; one whose submit
 * was refused (full disk) returns the message the villager saw.
 */
export const SESSION_STEPS = ['home', 'form', 'materials', 'review', 'receipt', 'done'] as const;
export type SessionStep = (typeof SESSION_STEPS)[number];

export interface ScreenSessionResult {
  reached: SessionStep;
  tracking?: string;
  refusal?: string;
  printOutcome?: string;
}

const STEP_TIMEOUT_MS = 30_000;

const tap = (p: Page, testId: string) => p.click(`[data-testid="${testId}"]`, { timeout: STEP_TIMEOUT_MS });
const shown = (p: Page, testId: string, timeout = STEP_TIMEOUT_MS) =>
  p.waitForSelector(`[data-testid="${testId}"]`, { timeout });

export async function waitForAttract(p: Page, timeoutMs: number): Promise<void> {
  await p.waitForSelector('[data-testid="attract-screen"][data-ready="true"]', { timeout: timeoutMs });
}

/** Walks the form one field at a time, filling what the card did not. */
async function fillForm(p: Page) {
  for (let i = 0; i < 16; i++) {
    const field = await (await p.$('[data-testid="form-screen"] [data-field]'))?.getAttribute('data-field');
    if (!field) return;
    await answerField(p, field);
    await tap(p, 'form-next');
    // The next field replaces this one; wait until it has (or the form has gone).
    await p
      .waitForFunction(
        (f) =>
          document.querySelector('[data-testid="form-screen"] [data-field]')?.getAttribute('data-field') !==
          f,
        field,
        { timeout: 5_000 },
      )
      .catch(() => {});
  }
  throw new Error('the form did not end after 16 fields');
}

async function drawSignature(p: Page) {
  const pad = await p.waitForSelector('[data-testid="signature-pad"]', { timeout: STEP_TIMEOUT_MS });
  await pad.scrollIntoViewIfNeeded();
  const b = (await pad.boundingBox())!;
  await p.mouse.move(b.x + 40, b.y + 40);
  await p.mouse.down();
  for (let i = 1; i <= 10; i++) await p.mouse.move(b.x + 40 + i * 30, b.y + 40 + (i % 2) * 40);
  await p.mouse.up();
  await tap(p, 'signature-confirm');
}

/** The villager before took their card away (the reader reports a card only when one arrives). */
async function takeCardAway(p: Page) {
  await p.evaluate(() =>
    (window as unknown as { kioskApi: { request(n: string, i: unknown): Promise<unknown> } }).kioskApi
      .request('demo.idcard.remove', {})
      .catch(() => undefined),
  );
  await p.waitForTimeout(1_000);
}

export interface ScreenSessionOptions {
  stopAfter?: SessionStep;
  /** Called the moment the receipt screen shows a tracking number (a kill may follow at once). */
  onReceipt?: (tracking: string) => void;
}

export async function runScreenSession(
  p: Page,
  { stopAfter, onReceipt }: ScreenSessionOptions = {},
): Promise<ScreenSessionResult> {
  const stop = (step: SessionStep) => step === stopAfter;
  await waitForAttract(p, STEP_TIMEOUT_MS);
  await takeCardAway(p);
  await tap(p, 'demo-place-card'); // a card on the attract screen starts the session
  await shown(p, 'home-screen');
  if (stop('home')) return { reached: 'home' };
  await tap(p, 'service-S06-gaoling-jintie');
  await tap(p, 'guide-apply');
  await tap(p, 'consent-agree');
  await shown(p, 'form-screen');
  if (stop('form')) return { reached: 'form' };
  await fillForm(p);
  await tap(p, 'id-copy-agree');
  await shown(p, 'materials-screen');
  for (const m of ['hukou', 'bankBook', 'photo']) {
    await tap(p, `capture-${m}`);
    await shown(p, `material-thumb-${m}`);
  }
  if (stop('materials')) return { reached: 'materials' };
  await tap(p, 'materials-next');
  await drawSignature(p);
  await shown(p, 'review-screen');
  if (stop('review')) return { reached: 'review' };
  await tap(p, 'review-submit');
  const first = await Promise.race([
    shown(p, 'receipt-screen').then(() => 'receipt' as const),
    shown(p, 'submit-error').then(() => 'refused' as const),
  ]);
  if (first === 'refused')
    return { reached: 'review', refusal: (await p.textContent('[data-testid="submit-error"]')) ?? '' };
  const tracking = (await p.textContent('[data-testid="tracking-number"]'))?.trim() ?? '';
  onReceipt?.(tracking);
  // The receipt screen waits for the printer's final word before it moves on.
  await shown(p, 'print-outcome');
  const printOutcome = (await p.textContent('[data-testid="print-outcome"]'))?.trim() ?? '';
  if (stop('receipt')) return { reached: 'receipt', tracking, printOutcome };
  await shown(p, 'rating-screen');
  await tap(p, 'rating-5');
  await tap(p, 'rating-submit');
  await shown(p, 'thanks-screen');
  await tap(p, 'thanks-done');
  await waitForAttract(p, STEP_TIMEOUT_MS);
  return { reached: 'done', tracking, printOutcome };
}
