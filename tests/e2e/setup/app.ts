import type { TFunction } from 'i18next';
import type { Locator, Page } from 'playwright-core';
import { createI18n, type Language } from '../../../src/i18n';

/**
 * The app's own catalogs, so the journeys find controls by the names users (and screen readers) get in
 * each language, and fail when a name goes missing.
 */
export function translator(language: Language): TFunction {
  return createI18n(language).t;
}

/** The region that shows the current step in large type. */
export function currentStep(page: Page, t: TFunction): Locator {
  return page.getByRole('region', { name: t('current.heading'), exact: true });
}

/** The current step's sentence (the narration), not counting the screen-reader-only announcement. */
export async function narration(page: Page, t: TFunction): Promise<string> {
  return (await currentStep(page, t).locator('p:not(.visually-hidden)').allInnerTexts()).join('\n');
}

/** "Step 3 of 35" → { current: 3, total: 35 }, read from the current step in the page's language. */
export async function position(page: Page, t: TFunction): Promise<{ current: number; total: number }> {
  const text = await currentStep(page, t).innerText();
  const pattern = new RegExp(
    escapeRegExp(t('player.position', { current: '§1', total: '§2' }))
      .replace('§1', '(\\d+)')
      .replace('§2', '(\\d+)'),
  );
  const match = pattern.exec(text);
  if (!match) throw new Error(`no step position in: ${text}`);
  return { current: Number(match[1]), total: Number(match[2]) };
}

/**
 * Waits until the panels that follow the step at low priority (the inspector and the step list, through
 * useDeferredValue) show step `n` (1-based) too: before that they still show the step before.
 */
export async function deferredPanelsAt(page: Page, t: TFunction, n: number): Promise<void> {
  await page
    .getByRole('region', { name: t('inspector.heading'), exact: true })
    .getByText(t('inspector.stepKind', { step: n, kind: '' }).trim())
    .waitFor();
  await page
    .locator('li[aria-current="step"] .step-number')
    .filter({ hasText: new RegExp(`^${n}$`) })
    .waitFor();
}

export function replayControls(page: Page, t: TFunction): Locator {
  return page.getByRole('group', { name: t('player.label'), exact: true });
}

/** The outcome banner (role status), whose name says success or failure. */
export function outcome(page: Page, t: TFunction): Locator {
  return page.getByRole('status').filter({ has: page.getByRole('heading', { name: t('outcome.label') }) });
}

export function select(page: Page, t: TFunction, labelKey: string): Locator {
  return page.getByRole('combobox', { name: t(labelKey), exact: true });
}

/**
 * Presses "Next step" until `reached` says so, at most `limit` times; returns the narration there and
 * every narration on the way. A journey that never gets where it expects fails here with the last
 * sentence it saw.
 */
export async function stepUntil(
  page: Page,
  t: TFunction,
  reached: (narrationText: string) => boolean,
  limit = 80,
): Promise<{ text: string; seen: string[] }> {
  const next = replayControls(page, t).getByRole('button', { name: t('player.forward'), exact: true });
  let text = await narration(page, t);
  const seen = [text];
  for (let i = 0; i < limit && !reached(text); i++) {
    const before = await position(page, t);
    await next.click();
    await waitForPosition(page, t, before.current + 1);
    text = await narration(page, t);
    seen.push(text);
  }
  if (!reached(text)) throw new Error(`stepped ${limit} times without reaching the step; last: ${text}`);
  return { text, seen };
}

/** Waits until the current step is number `current` (1-based). */
export async function waitForPosition(page: Page, t: TFunction, current: number): Promise<void> {
  const text = t('player.position', { current, total: '' }).trim();
  await currentStep(page, t).getByText(text, { exact: false }).first().waitFor();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
