import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, TEST_TIMEOUT, useBrowser } from './setup/browser';
import { outcome, position, replayControls, select, translator } from './setup/app';

/** How far the page scrolls sideways: 0 when nothing sticks out to the right. */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    return scroller.scrollWidth - window.innerWidth;
  });
}

/**
 * Visible controls that stick out of the viewport's width. A control inside a sideways-scrolling box
 * (a wide diagram) counts by that box, which must itself fit: the user scrolls the box, not the page.
 */
function controlsOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const fits = (el: Element): boolean => {
      const box = el.getBoundingClientRect();
      return box.left >= -0.5 && box.right <= window.innerWidth + 0.5;
    };
    const scrollBox = (el: Element): Element | null => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return p;
      }
      return null;
    };
    return [...document.querySelectorAll('button, select, input, a[href], summary, [tabindex="0"]')]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('.visually-hidden'))
      .filter((el) => !fits(scrollBox(el) ?? el))
      .map(
        (el) => `${el.tagName.toLowerCase()} “${el.getAttribute('aria-label') ?? el.textContent?.trim()}”`,
      );
  });
}

describe('a phone held upright (390×844)', () => {
  const browser = useBrowser();

  it(
    'never scrolls sideways, and the controls and the replay work by touch',
    async () => {
      const t = translator('en');
      const { page } = await browser.open('/', { viewport: PHONE, isMobile: true });

      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await controlsOffScreen(page)).toEqual([]);

      // The settings are in a sheet: open it, choose, close it (Escape or its button).
      await page.getByRole('button', { name: t('controls.open'), exact: true }).tap();
      const sheet = page.getByRole('dialog', { name: t('controls.heading') });
      await sheet.waitFor();
      expect(await controlsOffScreen(page)).toEqual([]);
      await select(page, t, 'controls.clientFirewall').selectOption({
        label: t('options.clientFirewall.stateful'),
      });
      await sheet.getByRole('button', { name: t('controls.close'), exact: true }).tap();
      await sheet.waitFor({ state: 'hidden' });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.failed'));

      const controls = replayControls(page, t);
      await controls.getByRole('button', { name: t('player.forward'), exact: true }).tap();
      await controls.getByRole('button', { name: t('player.forward'), exact: true }).tap();
      await expect.poll(async () => (await position(page, t)).current).toBe(3);
      await controls.getByRole('button', { name: t('player.last'), exact: true }).tap();
      const { total } = await position(page, t);
      await expect.poll(async () => (await position(page, t)).current).toBe(total);
      await page.getByRole('button', { name: t('outcome.showFailure'), exact: true }).tap();
      await expect.poll(async () => (await position(page, t)).current).toBeLessThan(total);

      // Every step of a long failing session (and its 60 s clock) still fits the width.
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await controlsOffScreen(page)).toEqual([]);

      // Spanish sentences are longer; they must wrap, not push the page wider.
      await page.getByRole('button', { name: 'Español' }).tap();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await controlsOffScreen(page)).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'opens a link to the last view with its tab in sight, and without the simulator’s scenario above the quiz',
    async () => {
      const es = translator('es');
      const { page } = await browser.open('/?view=quiz&lang=es', { viewport: PHONE, isMobile: true });
      const tabs = page.getByRole('tablist', { name: es('shell.views.label') });
      const quiz = tabs.getByRole('tab', { name: es('shell.views.quiz'), selected: true });
      await quiz.waitFor();
      // The Spanish tab names do not all fit: the list scrolls, and the selected tab is in its view.
      const [list, tab] = await Promise.all([tabs.boundingBox(), quiz.boundingBox()]);
      expect(list && tab && tab.x >= list.x - 0.5 && tab.x + tab.width <= list.x + list.width + 0.5).toBe(
        true,
      );
      expect(await page.getByRole('region', { name: es('summary.label') }).count()).toBe(0);

      await tabs.getByRole('tab', { name: es('shell.views.simulator') }).tap();
      await page.getByRole('region', { name: es('summary.label') }).waitFor();
    },
    TEST_TIMEOUT,
  );
});
