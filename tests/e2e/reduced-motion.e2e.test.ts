import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { position, translator } from './setup/app';

const t = translator('en');

/** Frames watched after a step: what a step starts has started, and run, within them on any machine. */
const FRAMES_WATCHED = 40;

/**
 * Presses "Next step" in the page and counts the animations running at each of the frames after it (Web
 * Animations: the diagram's and CSS transitions alike); returns the most seen in any one frame. Every
 * frame, not a sample: the panels below the diagram follow the step in a render of their own, a few frames
 * later, and their transitions last about ten frames (frames, not milliseconds).
 */
function animationsAfterStep(page: Page, label: string): Promise<number> {
  return page.evaluate(
    async ({ name, frames }) => {
      const next = document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
      if (!next) throw new Error(`no “${name}” button`);
      next.click();
      const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
      let most = 0;
      for (let i = 0; i < frames; i++) {
        await frame();
        most = Math.max(most, document.getAnimations().length);
      }
      return most;
    },
    { name: label, frames: FRAMES_WATCHED },
  );
}

/** On a laptop "reduce motion" is folded into "More options" (header.css): open it as a user would. */
async function openMoreOptions(page: Page): Promise<void> {
  const more = page.getByRole('button', { name: t('shell.tools.more'), exact: true });
  await more.click();
  expect(await more.getAttribute('aria-expanded')).toBe('true');
}

describe('reduced motion', () => {
  const browser = useBrowser();

  it(
    'follows the system setting: the toggle is on and locked, and a step animates nothing',
    async () => {
      const { page } = await browser.open('/?step=5', { reducedMotion: 'reduce' });
      await openMoreOptions(page);
      const toggle = page.getByRole('checkbox', { name: t('shell.motion.label') });
      expect(await toggle.isChecked()).toBe(true);
      expect(await toggle.isDisabled()).toBe(true);
      await page.getByText(t('shell.motion.system')).waitFor();
      // What would animate (the diagram, the step list) arrives after the first paint: probe once it is here.
      await page.getByRole('region', { name: t('steps.heading'), exact: true }).waitFor();
      await page.locator('.diagram svg').first().waitFor();

      expect(await animationsAfterStep(page, t('player.forward'))).toBe(0);
      expect(await position(page, t)).toMatchObject({ current: 6 });
    },
    TEST_TIMEOUT,
  );

  it(
    'can be chosen in the app when the system does not ask for it',
    async () => {
      const { page } = await browser.open('/?step=5', { reducedMotion: 'no-preference' });
      // What animates (the diagram, the step list) arrives after the first paint.
      await page.getByRole('region', { name: t('steps.heading'), exact: true }).waitFor();
      await page.locator('.diagram svg').first().waitFor();
      // The probe works: without the setting, a step does animate.
      expect(await animationsAfterStep(page, t('player.forward'))).toBeGreaterThan(0);

      await openMoreOptions(page);
      await page.getByRole('checkbox', { name: t('shell.motion.label') }).check();
      await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
      expect(await animationsAfterStep(page, t('player.forward'))).toBe(0);
      expect(await position(page, t)).toMatchObject({ current: 7 });
    },
    TEST_TIMEOUT,
  );
});
