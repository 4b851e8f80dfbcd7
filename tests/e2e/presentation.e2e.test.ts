import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, PROJECTOR, TEST_TIMEOUT, useBrowser } from './setup/browser';
import { axeViolations } from './setup/axe';
import { currentStep, position, replayControls, select, translator } from './setup/app';

const t = translator('en');

function presentationButton(page: Page) {
  return page.getByRole('button', { name: t('shell.presentation.button'), exact: true });
}

/** The computed font size, in CSS pixels, of the current step's sentence. */
function narrationFontSize(page: Page): Promise<number> {
  return currentStep(page, t)
    .locator('p:not(.visually-hidden)')
    .last()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

describe('presentation mode on a 1280×720 projector', () => {
  const browser = useBrowser();

  it(
    'shows the story in large type without the editing controls, steps with clicker keys, and leaves with Escape',
    async () => {
      const { page } = await browser.open('/', { viewport: PROJECTOR });
      await select(page, t, 'controls.clientFirewall').selectOption('stateful');
      await page.getByRole('button', { name: t('outcome.showFailure'), exact: true }).click();
      const normalSize = await narrationFontSize(page);
      const at = await position(page, t);

      await presentationButton(page).click();
      await expect.poll(() => presentationButton(page).getAttribute('aria-pressed')).toBe('true');
      await page.getByText(t('shell.presentation.leaveHint')).waitFor();

      // Editing controls, the step list and the inspector are gone; the story and the player stay.
      await page.getByRole('form', { name: t('controls.heading') }).waitFor({ state: 'hidden' });
      await page.getByRole('region', { name: t('steps.heading'), exact: true }).waitFor({ state: 'hidden' });
      await page
        .getByRole('region', { name: t('inspector.heading'), exact: true })
        .waitFor({ state: 'hidden' });
      await currentStep(page, t).waitFor();
      await replayControls(page, t).waitFor();
      expect(await currentStep(page, t).innerText()).toContain(t('steps.dropped'));
      expect(await position(page, t)).toEqual(at);

      // Type for the back of the room: larger than on the desk, and at least 24 px.
      const presentedSize = await narrationFontSize(page);
      expect(presentedSize).toBeGreaterThan(normalSize);
      expect(presentedSize).toBeGreaterThanOrEqual(24);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);

      // The diagram and the narration fit the projector's screen, from the top of the page.
      await page.evaluate(() => window.scrollTo(0, 0));
      const story = await currentStep(page, t).boundingBox();
      expect(story && story.y + story.height).toBeLessThanOrEqual(PROJECTOR.height);

      // The URL says so, for a link straight into the class's view.
      await expect.poll(() => page.url()).toContain('present=1');

      // Clicker keys (PageDown/PageUp) step, with the focus anywhere.
      await page.keyboard.press('PageDown');
      await expect.poll(() => position(page, t)).toEqual({ ...at, current: at.current + 1 });
      await page.keyboard.press('PageUp');
      await expect.poll(() => position(page, t)).toEqual(at);

      expect(await axeViolations(page)).toEqual([]);

      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'presentation-1280x720.png') });

      await page.keyboard.press('Escape');
      await expect.poll(() => presentationButton(page).getAttribute('aria-pressed')).toBe('false');
      await page.getByRole('form', { name: t('controls.heading') }).waitFor();

      // P toggles it from the keyboard too.
      await page.keyboard.press('p');
      await expect.poll(() => presentationButton(page).getAttribute('aria-pressed')).toBe('true');
      await page.keyboard.press('p');
      await expect.poll(() => presentationButton(page).getAttribute('aria-pressed')).toBe('false');
    },
    TEST_TIMEOUT,
  );

  it(
    'opens straight into presentation mode from a link, in Spanish',
    async () => {
      const es = translator('es');
      const { page } = await browser.open('/?cfw=stateful&step=20&lang=es&present=1', {
        viewport: PROJECTOR,
      });
      await page
        .getByRole('button', { name: es('shell.presentation.button'), exact: true, pressed: true })
        .waitFor();
      await page.getByRole('form', { name: es('controls.heading') }).waitFor({ state: 'hidden' });
      expect(await position(page, es)).toMatchObject({ current: 20 });
      expect(await axeViolations(page)).toEqual([]);
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'presentation-1280x720-es.png') });
    },
    TEST_TIMEOUT,
  );
});
