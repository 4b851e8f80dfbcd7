import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { currentStep, outcome, position, replayControls, select, translator } from './setup/app';
import { STEP_INTERVAL_MS } from '../../src/ui/player/usePlaybackTimer';

interface Focused {
  readonly tag: string;
  readonly name: string;
  readonly focusVisible: boolean;
  /** The focus ring: a non-zero outline or a box-shadow. */
  readonly ring: boolean;
}

/** What has the focus, its accessible-ish name, and whether a focus ring is drawn around it. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const labelled =
      (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ??
      el.closest('label')?.textContent;
    return {
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim(),
      focusVisible: el.matches(':focus-visible'),
      ring: outline || shadow,
    };
  });
}

/** Presses Tab (or Shift+Tab) until `wanted` has the focus; returns every stop on the way. */
async function tabTo(
  page: Page,
  wanted: (f: Focused) => boolean,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
  limit = 60,
): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (!f) continue;
    stops.push(f);
    if (wanted(f)) return stops;
  }
  throw new Error(`Tab never reached the control; stops: ${stops.map((s) => s.name).join(' | ')}`);
}

describe('a keyboard-only walk', () => {
  const browser = useBrowser();

  it(
    'reaches every control with Tab behind a visible focus ring, changes a select and drives the replay with keys',
    async () => {
      const t = translator('en');
      const session = await browser.newSession();
      const { page } = session;
      // The page's clock runs in real time, until the check below stops it to see a paused replay stay.
      await page.clock.install();
      await session.goto('/');

      // Tab to the client firewall's select; every stop on the way shows where the focus is.
      const stops = await tabTo(page, (f) => f.tag === 'select' && f.name === t('controls.clientFirewall'));
      expect(stops.length).toBeGreaterThan(2);
      for (const stop of stops) {
        expect(stop, `focus on ${stop.tag} “${stop.name}”`).toMatchObject({ focusVisible: true, ring: true });
      }

      // Change it with the keyboard alone: the scenario re-simulates and now fails.
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => select(page, t, 'controls.clientFirewall').inputValue()).toBe('stateful');
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.failed'));

      // On to the replay controls.
      const play = await tabTo(page, (f) => f.tag === 'button' && f.name === t('player.play'));
      expect(play.at(-1)).toMatchObject({ focusVisible: true, ring: true });
      for (const stop of play) {
        expect(stop, `focus on ${stop.tag} “${stop.name}”`).toMatchObject({ focusVisible: true, ring: true });
      }

      const { total } = await position(page, t);
      expect(await position(page, t)).toEqual({ current: 1, total });
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => position(page, t)).toEqual({ current: 3, total });
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => position(page, t)).toEqual({ current: 2, total });
      await page.keyboard.press('End');
      await expect.poll(() => position(page, t)).toEqual({ current: total, total });
      await page.keyboard.press('PageUp');
      await expect.poll(() => position(page, t)).toEqual({ current: total - 1, total });
      await page.keyboard.press('Home');
      await expect.poll(() => position(page, t)).toEqual({ current: 1, total });
      await page.keyboard.press('PageDown');
      await expect.poll(() => position(page, t)).toEqual({ current: 2, total });

      // Space on the focused Play button plays, and again pauses.
      const controls = replayControls(page, t);
      await page.keyboard.press('Space');
      await controls.getByRole('button', { name: t('player.pause'), exact: true }).waitFor();
      await expect.poll(async () => (await position(page, t)).current).toBeGreaterThan(2);
      await page.keyboard.press('Space');
      await controls.getByRole('button', { name: t('player.play'), exact: true }).waitFor();
      const paused = await position(page, t);
      // Stop the page's clock, then run it for several beats at once: any playback timer left would fire
      // now, and move the replay. A paused replay stays where it is.
      // (pauseAt must lie ahead of the page's clock, which keeps running meanwhile, and a busy machine can
      // take seconds between the two calls: a minute ahead. The jump fires a leftover timer too.)
      await page.clock.pauseAt(await page.evaluate(() => Date.now() + 60_000));
      await page.clock.runFor(STEP_INTERVAL_MS * 4);
      expect(await position(page, t)).toEqual(paused);
      await page.clock.resume();

      // Back (Shift+Tab) to the outcome's "go to the step where it went wrong": Enter jumps to the drop.
      const back = await tabTo(page, (f) => f.name === t('outcome.showFailure'), 'Shift+Tab');
      expect(back.at(-1)).toMatchObject({ focusVisible: true, ring: true });
      await page.keyboard.press('Enter');
      await expect.poll(() => currentStep(page, t).innerText()).toContain(t('steps.dropped'));
    },
    TEST_TIMEOUT,
  );
  it(
    'switches views with the arrow keys in the tab list and the replay speed in its radio group',
    async () => {
      const t = translator('en');
      const { page } = await browser.open('/');
      const tabs = page.getByRole('tablist', { name: t('shell.views.label') });

      await tabTo(page, (f) => f.name === t('shell.views.simulator'));
      await page.keyboard.press('ArrowRight');
      await tabs.getByRole('tab', { name: t('shell.views.lesson'), selected: true }).waitFor();
      await page.getByRole('heading', { name: t('lesson.heading') }).waitFor();
      await page.keyboard.press('ArrowRight');
      await tabs.getByRole('tab', { name: t('shell.views.compare'), selected: true }).waitFor();
      await page.getByRole('heading', { name: t('compare.heading') }).waitFor();
      expect(await focused(page)).toMatchObject({
        name: t('shell.views.compare'),
        focusVisible: true,
        ring: true,
      });
      await page.keyboard.press('Home');
      await tabs.getByRole('tab', { name: t('shell.views.simulator'), selected: true }).waitFor();

      const speed = page.getByRole('group', { name: t('shell.player.speed') });
      const normal = t('shell.player.speedValue', { value: 1 });
      const faster = t('shell.player.speedValue', { value: 2 });
      expect(await speed.getByRole('radio', { name: normal }).isChecked()).toBe(true);
      await tabTo(page, (f) => f.tag === 'input' && f.name === normal);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => speed.getByRole('radio', { name: faster }).isChecked()).toBe(true);
    },
    TEST_TIMEOUT,
  );
});
