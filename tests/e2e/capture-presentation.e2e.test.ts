/**
 * A real capture shown to a class (issue 13, presentation mode): on a 1280×720 projector the captured
 * session's diagram, narration and player share the first screen and step with a clicker; "Simulate this
 * scenario" stays at hand, and the capture and its simulation side by side are drawn in type that reads
 * from the back of the room (18 px at least), which grows on a 1920×1080 screen.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './setup/axe';
import { ARTIFACTS_DIR, PROJECTOR, SLOW_TEST_TIMEOUT, useBrowser } from './setup/browser';
import { currentStep, position, replayControls, translator } from './setup/app';

const t = translator('en');
const CAPTURE = resolve(
  import.meta.dirname,
  '../../../shared/captures/passive-serverfw-port21-fail-client.pcap',
);
const MIN_TEXT_PX = 18;

/** The size on screen (computed size × the SVG's scale) of every word drawn inside `selector`. */
function textSizes(page: Page, selector: string): Promise<{ text: string; px: number }[]> {
  return page.locator(selector).evaluateAll((roots) =>
    roots.flatMap((root) =>
      [...root.querySelectorAll<SVGTextElement>('svg text')]
        .filter((el) => el.getClientRects().length > 0 && (el.textContent ?? '').trim() !== '')
        .map((el) => {
          const ctm = el.getScreenCTM();
          const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
          return { text: el.textContent ?? '', px: parseFloat(getComputedStyle(el).fontSize) * scale };
        }),
    ),
  );
}

const smallest = (sizes: readonly { px: number }[]): number => Math.min(...sizes.map((s) => s.px));

async function bottomOf(what: string, locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${what} is not on screen`);
  return box.y + box.height;
}

describe('a real capture in presentation mode', () => {
  const browser = useBrowser();

  it(
    'replays on the first screen of a projector, steps with a clicker, and sits beside its simulation in projector type',
    async () => {
      const { page } = await browser.open('/?view=capture&present=1', { viewport: PROJECTOR });
      await page
        .getByRole('button', { name: t('shell.presentation.button'), exact: true, pressed: true })
        .waitFor();
      await page.locator('input[type="file"]').first().setInputFiles(CAPTURE);
      await page
        .getByRole('heading', {
          name: t('capture.heading', { name: 'passive-serverfw-port21-fail-client.pcap' }),
        })
        .waitFor();

      // The replay's first screen: the diagram, the narration and the player, from the top of the page.
      await page.locator('.diagram-svg[width]').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      const play = replayControls(page, t).getByRole('button', { name: t('player.play'), exact: true });
      for (const [what, locator] of [
        ['diagram', page.locator('.diagram-svg')],
        ['narration', currentStep(page, t)],
        ['Play button', play],
      ] as const)
        expect(await bottomOf(what, locator), what).toBeLessThanOrEqual(PROJECTOR.height);
      await expect
        .poll(async () => smallest(await textSizes(page, '.capture-replay .diagram')))
        .toBeGreaterThanOrEqual(MIN_TEXT_PX);
      // The file's tools are gone; the class's one tool stays.
      expect(await page.getByRole('button', { name: t('capture.forget'), exact: true }).isVisible()).toBe(
        false,
      );
      expect(await page.getByRole('region', { name: t('inspector.heading'), exact: true }).isVisible()).toBe(
        false,
      );

      // A clicker's PageDown steps through the capture.
      const at = await position(page, t);
      await page.keyboard.press('PageDown');
      await expect.poll(() => position(page, t)).toEqual({ ...at, current: at.current + 1 });
      expect(await axeViolations(page)).toEqual([]);
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'capture-presentation-1280x720.png') });

      // Reality against the model, both sides in the projector's type, each phase on one line.
      await page.getByRole('button', { name: t('capture.simulate'), exact: true }).click();
      const compare = page.getByRole('region', { name: t('capture.compare.heading'), exact: true });
      await compare.locator('.phase-cell svg').first().waitFor();
      const atProjector = await textSizes(page, '.capture-compare');
      expect(atProjector.length).toBeGreaterThan(40);
      expect(
        atProjector.filter((s) => s.px < MIN_TEXT_PX).map((s) => `${s.text} (${s.px.toFixed(1)} px)`),
      ).toEqual([]);
      const tops = await compare
        .locator('.phase-cell')
        .evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().top)));
      for (let i = 0; i < tops.length; i += 2) expect(tops[i]).toBe(tops[i + 1]);
      // Nothing runs off the screen's side: both sides fit as they are drawn.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      expect(
        await compare
          .locator('.phase-cell')
          .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length),
      ).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'capture-presentation-compare-1280x720.png') });

      // A larger projector: the same drawing, in larger type.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await expect
        .poll(async () => smallest(await textSizes(page, '.capture-compare')))
        .toBeGreaterThan(smallest(atProjector) * 1.3);

      // Back to the replay, still presenting, at the step it was left at.
      await page.getByRole('button', { name: t('capture.compare.back'), exact: true }).click();
      await expect.poll(() => position(page, t)).toEqual({ ...at, current: at.current + 1 });
    },
    SLOW_TEST_TIMEOUT,
  );
});
