import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, PROJECTOR, TEST_TIMEOUT, useBrowser } from './setup/browser';
import { axeViolations } from './setup/axe';
import { currentStep, position, replayControls, select, translator } from './setup/app';

const t = translator('en');

function presentationButton(page: Page) {
  return page.getByRole('button', { name: t('shell.presentation.button'), exact: true });
}

/** The smallest type a projector may show in the diagrams, in CSS pixels as drawn (1280×720). */
const MIN_DIAGRAM_TEXT_PX = 18;

interface DrawnText {
  readonly where: 'diagram' | 'ladder';
  readonly text: string;
  /** The font size as the viewer sees it: computed size × the SVG's scale on screen. */
  readonly px: number;
  readonly box: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
}

/**
 * Every <text> drawn in the network diagram and in the sequence diagram (ladder), with its size on
 * screen: the computed font size times the scale the SVG is drawn at (getScreenCTM), so a viewBox
 * scaled down to the window counts as smaller type. Text that is not rendered (display: none, inside a
 * hidden element) is left out; text scrolled out of the ladder's box is drawn at the same scale and counts.
 */
function drawnTexts(page: Page): Promise<DrawnText[]> {
  return page.evaluate(async () => {
    // Two frames first: a reading taken between two frames of a busy renderer would match the one before it.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return [...document.querySelectorAll<SVGTextElement>('.diagram-svg text, .ladder-svg text')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => (el.textContent ?? '').trim() !== '')
      .map((el) => {
        const ctm = el.getScreenCTM();
        const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
        const r = el.getBoundingClientRect();
        return {
          where: el.closest('.diagram-svg') ? ('diagram' as const) : ('ladder' as const),
          text: el.textContent ?? '',
          px: Math.round(parseFloat(getComputedStyle(el).fontSize) * scale * 10) / 10,
          box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
        };
      });
  });
}

function overlapping(a: DrawnText['box'], b: DrawnText['box'], tolerance = 1): boolean {
  return (
    a.left + tolerance < b.right &&
    b.left + tolerance < a.right &&
    a.top + tolerance < b.bottom &&
    b.top + tolerance < a.bottom
  );
}

/**
 * At 1280×720 while presenting: the diagrams' words at least 18 px as drawn, none of the network
 * diagram's words on top of each other or outside the picture, and the diagram, the narration and the
 * Play button all on the first screen.
 */
async function expectProjectorStory(page: Page, tr: TFunction): Promise<void> {
  // The diagrams arrive after the first paint, and their entering and leaving animations (sockets, notes,
  // the rows moving to the projector's spacing) settle: measure once both are drawn and two readings, longer
  // apart than an animation lasts, agree.
  await page.evaluate(() => window.scrollTo(0, 0));
  let previous = '';
  await expect
    .poll(
      async () => {
        const drawn = await drawnTexts(page);
        const now = JSON.stringify(drawn);
        const settled =
          now === previous &&
          drawn.some((x) => x.where === 'diagram') &&
          drawn.some((x) => x.where === 'ladder');
        previous = now;
        return settled;
      },
      { interval: 300 },
    )
    .toBe(true);
  const texts = await drawnTexts(page);
  expect(texts.filter((x) => x.where === 'diagram').length).toBeGreaterThan(10);
  expect(texts.filter((x) => x.where === 'ladder').length).toBeGreaterThan(10);
  expect(
    texts.filter((x) => x.px < MIN_DIAGRAM_TEXT_PX).map((x) => `${x.where}: ${x.text} (${x.px} px)`),
  ).toEqual([]);

  const diagram = await page.locator('.diagram-svg').boundingBox();
  if (!diagram) throw new Error('no network diagram on screen');
  const inDiagram = texts.filter((x) => x.where === 'diagram');
  const outside = inDiagram.filter(
    (x) =>
      x.box.left < diagram.x - 1 ||
      x.box.top < diagram.y - 1 ||
      x.box.right > diagram.x + diagram.width + 1 ||
      x.box.bottom > diagram.y + diagram.height + 1,
  );
  expect(outside.map((x) => x.text)).toEqual([]);
  const collisions = inDiagram.flatMap((a, i) =>
    inDiagram.slice(i + 1).flatMap((b) => (overlapping(a.box, b.box) ? [`${a.text} × ${b.text}`] : [])),
  );
  expect(collisions).toEqual([]);

  const play = replayControls(page, tr).getByRole('button', { name: tr('player.play'), exact: true });
  for (const [what, box] of [
    ['diagram', diagram],
    ['narration', await currentStep(page, tr).boundingBox()],
    ['Play button', await play.boundingBox()],
  ] as const) {
    expect(box, what).not.toBeNull();
    expect(box && box.y + box.height, what).toBeLessThanOrEqual(PROJECTOR.height);
  }
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
      // Measured at rest: reduced motion, so that no reading is taken mid-move. The animations themselves:
      // reduced-motion.e2e.
      const { page } = await browser.open('/', { viewport: PROJECTOR, reducedMotion: 'reduce' });
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

      // The diagrams' words read from the back of the room, and the diagram, the narration and the player
      // fit the projector's screen, from the top of the page.
      await expectProjectorStory(page, t);

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
        reducedMotion: 'reduce',
        viewport: PROJECTOR,
      });
      await page
        .getByRole('button', { name: es('shell.presentation.button'), exact: true, pressed: true })
        .waitFor();
      await page.getByRole('form', { name: es('controls.heading') }).waitFor({ state: 'hidden' });
      expect(await position(page, es)).toMatchObject({ current: 20 });
      await expectProjectorStory(page, es);
      expect(await axeViolations(page)).toEqual([]);
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'presentation-1280x720-es.png') });
    },
    TEST_TIMEOUT,
  );
});
