import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIRST_LOAD_BUDGET_KB, gzipSize } from '../../scripts/support/firstLoadBudget';
import { FIRST_RENDER_MARK } from '../../src/firstRenderMark';
import narrationEn from '../../src/i18n/locales/en/narration.json';
import narrationEs from '../../src/i18n/locales/es/narration.json';
import { currentStep, position, translator } from './setup/app';
import { DESKTOP, TEST_TIMEOUT, useBrowser } from './setup/browser';

/** The JS files the page fetched before the app began its first render (as `npm run bench:ui` counts them). */
async function scriptsBeforeFirstRender(page: Page): Promise<string[]> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_RENDER_MARK);
  return page.evaluate((mark) => {
    const rendered = performance.getEntriesByName(mark)[0]?.startTime ?? 0;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime < rendered && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => e.name);
  }, FIRST_RENDER_MARK);
}

/** The source files a built chunk was made from (its source map, which the build ships). */
async function sourcesOf(url: string): Promise<string[]> {
  const response = await fetch(`${url}.map`);
  // A chunk without a map (the bundler's runtime) gets the app's page instead: it has no sources.
  if (!response.ok || !response.headers.get('content-type')?.includes('json')) return [];
  const map = (await response.json()) as { sources?: string[] };
  return map.sources ?? [];
}

/** Source files and packages that wait for the screen that needs them, never held before the first render. */
const NOT_BEFORE_FIRST_RENDER: readonly RegExp[] = [
  // Reading untrusted input (links, stored progress, files): loaded when there is some to read.
  /node_modules\/zod\//,
  /src\/engine\/validation\.ts$/,
  /src\/engine\/scenario\/schema\.ts$/,
  // The engine (simulation, lesson, analyses): it loads with the views, each waits for it.
  /src\/engine\/(simulate|index)\.ts$/,
  /src\/engine\/(simulation|tcp|ftp|netfilter|tls|net|lesson|analysis|clock)\//,
  // The views, the simulator's included: each loads with its tab.
  /src\/ui\/SimulatorView\.tsx$/,
  /src\/ui\/(lesson|quiz|compare|controls|timeline|diagram|ladder|inspector)\//,
  /src\/ui\/capture\/CaptureView\.tsx$/,
];

/** One sentence of the narration, in each language: its catalog comes with the views that replay. */
const NARRATION_SAMPLES = [narrationEn.narration.tcp.synControl, narrationEs.narration.tcp.synControl].map(
  // As the bundler writes it in a chunk: a JSON string, braces and all.
  (text) => JSON.stringify(text).slice(1, -1),
);

/** What the start waited for before its first render, checked against the budget and the lists above. */
async function expectLightFirstRender(page: Page): Promise<void> {
  const scripts = await scriptsBeforeFirstRender(page);
  const sources = (await Promise.all(scripts.map(sourcesOf))).flat();
  // What the first render does need is there: the test reads the right files.
  expect(sources.some((s) => s.endsWith('src/startApp.tsx'))).toBe(true);
  expect(sources.some((s) => s.includes('node_modules/react-dom/'))).toBe(true);
  for (const pattern of NOT_BEFORE_FIRST_RENDER)
    expect(
      sources.filter((s) => pattern.test(s)),
      `before the first render: ${pattern}`,
    ).toEqual([]);
  const bodies = await Promise.all(
    scripts.map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer())),
  );
  const texts = bodies.map((body) => new TextDecoder().decode(body));
  for (const sample of NARRATION_SAMPLES) expect(texts.some((text) => text.includes(sample))).toBe(false);
  // Bytes, not time: the same build weighs the same on any machine (`npm run bench:ui` prints the files).
  const gzipKb = bodies.reduce((sum, body) => sum + gzipSize(body), 0) / 1024;
  expect(gzipKb, `${gzipKb.toFixed(1)} KB gzip of JavaScript before the first render`).toBeLessThanOrEqual(
    FIRST_LOAD_BUDGET_KB,
  );
}

describe('the first load', () => {
  const browser = useBrowser();

  it.each([
    ['en-US', 'en'],
    ['es-ES', 'es'],
  ] as const)(
    'of a first visit (%s) stays within the budget, waiting for no validation library, engine, view or narration before its first render',
    async (locale, language) => {
      const session = await browser.newSession({ locale, firstVisit: true });
      // What the page showed when the lesson's introduction first appeared.
      await session.page.addInitScript(() => {
        const seen = new MutationObserver(() => {
          const intro = document.querySelector('.lesson-intro');
          if (!intro) return;
          seen.disconnect();
          Object.assign(window, {
            firstIntro: { text: intro.textContent, chapters: !!document.querySelector('.chapter-list') },
          });
        });
        seen.observe(document, { childList: true, subtree: true });
      });
      await session.goto('/');
      await expectLightFirstRender(session.page);
      // The list's heading and introduction come with the first render (LessonOpening.tsx), before the
      // chapters, which wait for the engine and the lesson's code.
      const t = translator(language);
      const main = session.page.getByRole('main', { name: t('lesson.heading') });
      await main.getByRole('list', { name: t('lesson.chapters.label') }).waitFor();
      expect(
        await session.page.evaluate(() => (window as unknown as { firstIntro: unknown }).firstIntro),
      ).toEqual({
        text: t('lesson.intro'),
        chapters: false,
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'of a return to the simulator stays within the budget too, then shows the simulated session',
    async () => {
      // A returning visitor's profile, last on the simulator (useBrowser's default), with no link.
      const session = await browser.newSession({ viewport: DESKTOP });
      await session.goto('/');
      await expectLightFirstRender(session.page);
      const { page } = session;
      expect(await page.locator('[role="tabpanel"]').getAttribute('data-view')).toBe('simulator');
      // The engine arrived after the first render and simulated the scenario: its steps are there.
      const t = translator('en');
      await currentStep(page, t).waitFor();
      expect((await position(page, t)).total).toBeGreaterThan(10);
      await page.keyboard.press('ArrowRight');
      await expect.poll(async () => (await position(page, t)).current).toBe(2);
    },
    TEST_TIMEOUT,
  );

  it(
    'of a link to the simulator shows it, and stepping keeps the current step in view in the list and the ladder',
    async () => {
      const session = await browser.newSession({ viewport: DESKTOP });
      await session.goto('/?view=simulator');
      const { page } = session;
      await page.locator('.step-list').waitFor();
      await page.locator('.ladder [data-index]').first().waitFor();
      const inside = async (box: string, item: string): Promise<boolean> =>
        page.evaluate(
          ([boxSelector, itemSelector]) => {
            const outer = document.querySelector(boxSelector)?.getBoundingClientRect();
            const inner = document.querySelector(itemSelector)?.getBoundingClientRect();
            return !!outer && !!inner && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
          },
          [box, item] as const,
        );
      const current = '.step-list [aria-current="step"]';
      const row = '.ladder-scroll .ladder-option.is-active';
      // Far down while the list and the ladder are off screen: each shows the current step once in view,
      // and keeps it there at the next step.
      for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
      await page.locator('.step-list').scrollIntoViewIfNeeded();
      await expect.poll(() => inside('.step-list', current)).toBe(true);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => inside('.step-list', current)).toBe(true);
      await page.locator('.ladder-scroll').scrollIntoViewIfNeeded();
      await expect.poll(() => inside('.ladder-scroll', row)).toBe(true);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => inside('.ladder-scroll', row)).toBe(true);
    },
    TEST_TIMEOUT,
  );
});
