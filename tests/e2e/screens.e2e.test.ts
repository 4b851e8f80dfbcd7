import type { TFunction } from 'i18next';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SLOW_TEST_TIMEOUT, TEST_TIMEOUT, useBrowser } from './setup/browser';
import { openStage, SCREENS, type Screen } from './setup/screens';
import { currentStep, position, replayControls, translator, waitForPosition } from './setup/app';

const t = translator('en');

interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly height: number;
  readonly width: number;
}

/** The boxes of what must be on screen together, and how far the page is scrolled. */
async function stage(page: Page, tr: TFunction) {
  const box = async (selector: string | ReturnType<Page['locator']>): Promise<Box | null> => {
    const locator = typeof selector === 'string' ? page.locator(selector).first() : selector;
    const b = await locator.boundingBox();
    return (
      b && {
        top: b.y,
        left: b.x,
        bottom: b.y + b.height,
        right: b.x + b.width,
        height: b.height,
        width: b.width,
      }
    );
  };
  return {
    // The diagram's visible part: its frame (the picture inside may be wider and scroll sideways).
    diagram: await box('.stage-figure .diagram-frame'),
    picture: await box('.stage-figure .diagram-svg'),
    narration: await box(currentStep(page, tr)),
    next: await box(
      replayControls(page, tr).getByRole('button', { name: tr('player.forward'), exact: true }),
    ),
    scroll: await page.evaluate(() => ({
      x: window.scrollX,
      y: window.scrollY,
      overflow: (document.scrollingElement ?? document.documentElement).scrollWidth - window.innerWidth,
    })),
  };
}

/** Everything that must be visible is inside the viewport, and the page has not scrolled. */
async function expectStageOnScreen(page: Page, screen: Screen, tr: TFunction, when: string): Promise<void> {
  const s = await stage(page, tr);
  const { width, height } = screen.viewport;
  for (const [what, b] of [
    ['diagram', s.diagram],
    ['narration', s.narration],
    ['next-step button', s.next],
  ] as const) {
    expect(b, `${what} ${when}`).not.toBeNull();
    if (!b) continue;
    expect(b.top, `${what}'s top ${when}`).toBeGreaterThanOrEqual(-0.5);
    expect(b.left, `${what}'s left ${when}`).toBeGreaterThanOrEqual(-0.5);
    expect(b.bottom, `${what}'s bottom ${when}`).toBeLessThanOrEqual(height + 0.5);
    expect(b.right, `${what}'s right ${when}`).toBeLessThanOrEqual(width + 0.5);
  }
  // A real picture, not a sliver: at least a third of the screen's height (a fifth on a phone upright).
  expect(s.picture?.height ?? 0, `the diagram's height ${when}`).toBeGreaterThanOrEqual(
    height / (screen.viewport.width < 600 ? 5 : 3) - 1,
  );
  // The packet's label rides at the picture's top: never above the frame, where no scrolling reaches.
  const labelTop = await page.evaluate(
    () => document.querySelector('.stage-figure .packet-label')?.getBoundingClientRect().top ?? null,
  );
  if (labelTop !== null && s.diagram)
    expect(labelTop, `the packet's label's top ${when}`).toBeGreaterThanOrEqual(s.diagram.top - 0.5);
  expect(s.scroll, `the page's scroll ${when}`).toEqual({ x: 0, y: 0, overflow: expect.any(Number) });
  expect(s.scroll.overflow, `sideways overflow ${when}`).toBeLessThanOrEqual(0);
}

describe('the simulator on every screen: diagram, narration and player together, without scrolling', () => {
  const browser = useBrowser();

  for (const screen of SCREENS) {
    it(
      `on ${screen.name} (${screen.viewport.width}×${screen.viewport.height}${screen.presenting ? ', presenting' : ''})`,
      async () => {
        // A failing scenario: its narrations and its outcome are the longest.
        const { page } = await openStage(screen, '/?cfw=stateful', browser.open);
        await expectStageOnScreen(page, screen, t, 'at the first step');
        const next = replayControls(page, t).getByRole('button', { name: t('player.forward'), exact: true });
        const { total } = await position(page, t);
        // The narration keeps the room of the session's longest sentence: the diagram's frame keeps its
        // size (drawn again at another size, it made a slow phone's longest frames).
        const frame = page.locator('.stage-figure .diagram-frame');
        const frameSize = async () => {
          const b = await frame.boundingBox();
          return b && `${Math.round(b.width)}×${Math.round(b.height)}`;
        };
        const firstSize = await frameSize();
        const sizes = new Set<string | null>([firstSize]);
        // Through the whole session on a phone, every step; elsewhere the first dozen.
        const steps = screen.isMobile ? total - 1 : 12;
        for (let i = 1; i <= steps; i++) {
          if (screen.isMobile) await next.tap();
          else await next.click();
          await waitForPosition(page, t, i + 1);
          sizes.add(await frameSize());
          if (i % 4 === 0 || i === steps) await expectStageOnScreen(page, screen, t, `after ${i} steps`);
        }
        expect([...sizes], "the diagram's frame from step to step").toEqual([firstSize]);
      },
      SLOW_TEST_TIMEOUT,
    );
  }

  it(
    'keeps the whole player on a phone on its side at every step; a long narration scrolls in its own box, by keyboard too',
    async () => {
      const found: string[] = [];
      for (const viewport of [
        { width: 844, height: 390 },
        { width: 667, height: 375 },
      ])
        for (const lang of ['en', 'es'] as const) {
          const tr = translator(lang);
          const { page } = await openStage(
            { name: 'a phone on its side', viewport, isMobile: true },
            `/?cfw=stateful&lang=${lang}`,
            browser.open,
          );
          const { total } = await position(page, tr);
          for (let step = 1; step <= total; step++) {
            if (step > 1) {
              await page.keyboard.press('ArrowRight');
              await waitForPosition(page, tr, step);
            }
            // Whether the box overflows is learnt in a ResizeObserver's callback, after the next layout
            // (useFocusableWhenScrolling); a reader's Tab comes frames later. Wait for that report, polled
            // on a timer (a page whose frames stall fails the checks below instead of hanging the test).
            await page
              .waitForFunction(
                () => {
                  const box = document.querySelector<HTMLElement>('.stage-dock .current');
                  return !box || box.scrollHeight <= box.clientHeight || box.tabIndex === 0;
                },
                undefined,
                { polling: 50, timeout: 5_000 },
              )
              .catch(() => undefined);
            const m = await page.evaluate(() => {
              const player = document.querySelector('.stage-dock .player')?.getBoundingClientRect();
              const box = document.querySelector<HTMLElement>('.stage-dock .current');
              return {
                playerInside:
                  !!player &&
                  player.top >= 0 &&
                  player.bottom <= window.innerHeight + 0.5 &&
                  player.height > 0,
                narration: box?.getBoundingClientRect().height ?? 0,
                scrolls: !!box && box.scrollHeight > box.clientHeight,
                focusable: box?.tabIndex === 0,
                scrollY: window.scrollY,
              };
            });
            const where = `${lang} ${viewport.width}×${viewport.height} step ${step}`;
            if (!m.playerInside) found.push(`${where}: the player leaves the screen`);
            if (m.narration < 60) found.push(`${where}: the narration is ${m.narration} px tall`);
            if (m.scrolls && !m.focusable)
              found.push(`${where}: the narration scrolls but cannot be focused`);
            if (m.scrollY !== 0) found.push(`${where}: the page scrolled`);
          }
        }
      expect(found).toEqual([]);
    },
    SLOW_TEST_TIMEOUT * 2,
  );

  it(
    'brings the narration into view whatever moves the step: a key, the ladder, the failing step’s link',
    async () => {
      const laptop = SCREENS[2] as Screen;
      const { page } = await openStage(laptop, '/?cfw=stateful', browser.open);
      // Down to the ladder and the inspector: the narration and the player stay at the top of the screen.
      await page.getByRole('listbox').first().scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
      const inView = async () => {
        const b = await currentStep(page, t).boundingBox();
        const next = await replayControls(page, t)
          .getByRole('button', { name: t('player.forward'), exact: true })
          .boundingBox();
        return !!b && !!next && b.y >= -0.5 && next.y + next.height <= laptop.viewport.height + 0.5;
      };
      await expect.poll(inView).toBe(true);
      await page.keyboard.press('ArrowRight');
      await waitForPosition(page, t, 2);
      await expect.poll(inView).toBe(true);
      // A step chosen in the ladder.
      await page.getByRole('listbox').first().getByRole('option').nth(9).click();
      await waitForPosition(page, t, 10);
      await expect.poll(inView).toBe(true);
      // Back at the top: the link to the failing step moves the step, and its narration is in sight.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('button', { name: t('outcome.showFailure'), exact: true }).click();
      await expect.poll(async () => (await position(page, t)).current).toBeGreaterThan(10);
      await expect.poll(inView).toBe(true);
      expect(await currentStep(page, t).innerText()).toContain(t('steps.dropped'));
    },
    TEST_TIMEOUT,
  );

  it(
    'keeps the settings in a panel beside the replay on a laptop, and in a sheet on a phone',
    async () => {
      const laptop = await browser.open('/', { viewport: { width: 1366, height: 768 } });
      const form = laptop.page.getByRole('form', { name: t('controls.heading') });
      const [formBox, diagramBox] = await Promise.all([
        form.boundingBox(),
        laptop.page.locator('.stage-figure').boundingBox(),
      ]);
      // Beside it, not above it: the diagram starts where the settings start.
      expect(formBox && diagramBox && formBox.x + formBox.width <= diagramBox.x).toBe(true);
      expect(formBox && diagramBox && Math.abs(formBox.y - diagramBox.y) < 80).toBe(true);

      const phone = await browser.open('/', { viewport: { width: 390, height: 844 }, isMobile: true });
      expect(await phone.page.getByRole('form', { name: t('controls.heading') }).count()).toBe(0);
      const button = phone.page.getByRole('button', { name: t('controls.open'), exact: true });
      await button.tap();
      const sheet = phone.page.getByRole('dialog', { name: t('controls.heading') });
      await sheet.getByRole('combobox', { name: t('controls.mode'), exact: true }).selectOption('passive');
      await phone.page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'hidden' });
      // The focus is back on the button that opened it, and the change was simulated.
      expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
      await phone.page.getByText(t('summary.mode', { value: t('options.mode.passive') })).waitFor();
    },
    TEST_TIMEOUT,
  );
});

describe('the header and the failure banner on a laptop, in either language', () => {
  const browser = useBrowser();

  it(
    'keeps the header to one compact row and the scenario to one line, and shows the failure’s reason whole',
    async () => {
      const found: string[] = [];
      for (const lang of ['en', 'es'] as const)
        for (const screen of [
          { name: 'a 1280×720 laptop', viewport: { width: 1280, height: 720 } },
          SCREENS[2] as Screen,
          { name: 'a 1280×720 projector', viewport: { width: 1280, height: 720 }, presenting: true },
        ]) {
          const tr = translator(lang);
          // Active mode behind the client's firewall: the banner names the server's 425.
          const { page } = await openStage(screen, `/?cfw=stateful&lang=${lang}`, browser.open);
          const where = `${lang} ${screen.viewport.width}×${screen.viewport.height}${screen.presenting ? ' presenting' : ''}`;
          const m = await page.evaluate(() => {
            const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
            const chips = [...document.querySelectorAll('.app-header .summary-items li')].map(
              (li) => li.getBoundingClientRect().top,
            );
            const reasons = document.querySelector<HTMLElement>('.outcome-reasons');
            return {
              header: box('.app-header')?.height ?? 0,
              chipRows: new Set(chips.map(Math.round)).size,
              tabs: box('.app-header [role=tablist]'),
              language: box('.language-switch'),
              reasons: reasons && {
                text: reasons.innerText,
                cut:
                  reasons.scrollWidth > reasons.clientWidth + 1 ||
                  reasons.scrollHeight > reasons.clientHeight + 1,
                visible: reasons.getClientRects().length > 0 && reasons.getBoundingClientRect().width > 100,
              },
            };
          });
          // One row for the name, the tabs and the tools, one line for the scenario: about 85 px.
          if (m.header > 100) found.push(`${where}: the header is ${Math.round(m.header)} px tall`);
          if (m.chipRows !== 1) found.push(`${where}: the scenario takes ${m.chipRows} lines`);
          if (!screen.presenting && m.tabs && m.language && Math.abs(m.tabs.top - m.language.top) > 12)
            found.push(`${where}: the tools are not on the tabs' row`);
          if (!screen.presenting) {
            if (!m.reasons?.visible) found.push(`${where}: the failure's reason is not shown`);
            else if (m.reasons.cut) found.push(`${where}: the failure's reason is cut short`);
            else if (!m.reasons.text.includes('425'))
              found.push(`${where}: the failure's reason does not name the 425`);
          }
          await expectStageOnScreen(page, screen, tr, `${where} at the first step`);
        }
      expect(found).toEqual([]);
    },
    SLOW_TEST_TIMEOUT,
  );
});

/** The computed font size, in CSS pixels, of the first element matching `selector`. */
function fontSize(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** The smallest font size of the network diagram's words as drawn (computed size × the SVG's scale). */
function smallestDiagramText(page: Page, scope = '.stage-figure'): Promise<number> {
  return page.evaluate((scope) => {
    const sizes = [...document.querySelectorAll<SVGTextElement>(`${scope} .diagram-svg text`)]
      .filter((el) => el.getClientRects().length > 0 && (el.textContent ?? '').trim() !== '')
      .map((el) => {
        const ctm = el.getScreenCTM();
        return parseFloat(getComputedStyle(el).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
      });
    return Math.min(...sizes);
  }, scope);
}

describe('presentation mode: type that grows with the screen', () => {
  const browser = useBrowser();

  it(
    'is larger at 1920×1080 than at 1280×720, and the scenario in words is 18 px or more',
    async () => {
      const sizes: Record<string, { narration: number; summary: number; diagram: number }> = {};
      for (const screen of SCREENS.filter((s) => s.presenting)) {
        const { page } = await openStage(screen, '/?cfw=stateful&step=20', browser.open);
        sizes[screen.name] = {
          narration: await fontSize(page, '.current-text'),
          summary: await fontSize(page, '.summary-items li'),
          diagram: await smallestDiagramText(page),
        };
      }
      const small = sizes['a 1280×720 projector'];
      const big = sizes['a 1920×1080 projector'];
      expect(small && big).toBeTruthy();
      if (!small || !big) return;
      expect(small.summary).toBeGreaterThanOrEqual(18);
      expect(small.narration).toBeGreaterThanOrEqual(24);
      expect(small.diagram).toBeGreaterThanOrEqual(17.9);
      expect(big.narration).toBeGreaterThan(small.narration * 1.3);
      expect(big.summary).toBeGreaterThan(small.summary * 1.3);
      expect(big.diagram).toBeGreaterThan(small.diagram * 1.3);
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'shows both sides of Compare, each diagram with its narration, on a 1280×720 projector',
    async () => {
      const { page } = await browser.open('/?view=compare&cfw=stateful&present=1', {
        viewport: { width: 1280, height: 720 },
      });
      const sides = page.locator('.compare-side');
      await expect.poll(() => sides.count()).toBe(2);
      await page.locator('.compare-side .diagram-svg[width]').nth(1).waitFor();
      const check = async (when: string) => {
        for (const selector of ['.compare-side .diagram-frame', '.compare-narration']) {
          const boxes = await page.locator(selector).evaluateAll((els) =>
            els.map((el) => {
              const b = el.getBoundingClientRect();
              return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, height: b.height };
            }),
          );
          expect(boxes, `${selector} ${when}`).toHaveLength(2);
          for (const b of boxes) {
            expect(b.top, `${selector} ${when}`).toBeGreaterThanOrEqual(0);
            expect(b.bottom, `${selector} ${when}`).toBeLessThanOrEqual(720.5);
            expect(b.left, `${selector} ${when}`).toBeGreaterThanOrEqual(0);
            expect(b.right, `${selector} ${when}`).toBeLessThanOrEqual(1280.5);
          }
          if (selector.includes('diagram')) for (const b of boxes) expect(b.height).toBeGreaterThan(250);
        }
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        // A projector's type on both sides.
        for (const side of ['.compare-active', '.compare-passive'])
          expect(await smallestDiagramText(page, side), `${side} ${when}`).toBeGreaterThanOrEqual(17.9);
      };
      await check('at the first step');
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.locator('.compare-position').innerText()).toContain('Step 21 of');
      await check('after 20 steps');
      const narrations = await page.locator('.compare-narration').allInnerTexts();
      expect(narrations.every((n) => n.length > 20)).toBe(true);
    },
    TEST_TIMEOUT,
  );
});

describe('the settings panel on a laptop', () => {
  const browser = useBrowser();

  it(
    'shows every choice of the client’s behaviour and data port whole in its list box, in either language',
    async () => {
      const found: string[] = [];
      for (const lang of ['en', 'es'] as const)
        for (const viewport of [
          { width: 1366, height: 768 },
          { width: 1280, height: 720 },
        ]) {
          const { page } = await browser.open(`/?lang=${lang}`, { viewport });
          const form = page.getByRole('form', { name: translator(lang)('controls.heading') });
          await form.waitFor();
          const tr = translator(lang);
          const names = [tr('controls.clientPause'), tr('controls.dataPort')];
          const cut = await form.evaluate((el, names) => {
            const context = document.createElement('canvas').getContext('2d');
            if (!context) return ['no canvas to measure with'];
            const chosen = [...el.querySelectorAll<HTMLSelectElement>('.field select')].filter((select) =>
              names.includes(select.labels[0]?.textContent?.trim() ?? ''),
            );
            if (chosen.length !== names.length) return [`found ${chosen.length} of ${names.join(', ')}`];
            return chosen.flatMap((select) => {
              const style = getComputedStyle(select);
              context.font = style.font;
              // The list box's room for words: its width less its padding and the arrow (about 1.5 em).
              const room =
                select.clientWidth -
                parseFloat(style.paddingLeft) -
                parseFloat(style.paddingRight) -
                1.5 * parseFloat(style.fontSize);
              return [...select.options]
                .filter((o) => context.measureText(o.text).width > room)
                .map(
                  (o) =>
                    `“${o.text}” (${Math.round(context.measureText(o.text).width)} px in ${Math.round(room)})`,
                );
            });
          }, names);
          for (const c of cut) found.push(`${lang} ${viewport.width}×${viewport.height}: ${c}`);
        }
      expect(found).toEqual([]);
    },
    SLOW_TEST_TIMEOUT,
  );
});

describe('Compare on a phone held upright', () => {
  const browser = useBrowser();

  it(
    'keeps the one step control in sight while the learner reads down both sides and the table, never sideways',
    async () => {
      const found: string[] = [];
      for (const lang of ['en', 'es'] as const) {
        const tr = translator(lang);
        const { page } = await browser.open(`/?view=compare&cfw=stateful&lang=${lang}`, {
          viewport: { width: 390, height: 844 },
          isMobile: true,
        });
        await page.locator('.compare-side .diagram-svg[width]').nth(1).waitFor();
        const player = page.getByRole('group', { name: tr('compare.player'), exact: true });
        const next = player.getByRole('button', { name: tr('player.forward'), exact: true });
        const inSight = async (what: string) => {
          const b = await next.boundingBox();
          if (!b || b.y < -0.5 || b.y + b.height > 844.5)
            found.push(`${lang}: the next-step button is off screen ${what}`);
          const sideways = await page.evaluate(
            () => (document.scrollingElement ?? document.documentElement).scrollWidth - window.innerWidth,
          );
          if (sideways > 0) found.push(`${lang}: the page scrolls ${sideways} px sideways ${what}`);
        };
        await inSight('at the top');
        // Down to the passive side's narration: the control is still there, and steps both sides.
        await page.locator('.compare-passive .compare-narration').scrollIntoViewIfNeeded();
        await inSight('beside the passive side');
        const before = await page.locator('.compare-narration').allInnerTexts();
        for (let i = 0; i < 3; i++) await next.tap();
        await expect
          .poll(() => page.locator('.compare-position').innerText())
          .toMatch(/^(Step|Paso) 4 (of|de) /);
        const after = await page.locator('.compare-narration').allInnerTexts();
        if (after.some((text, i) => text === before[i])) found.push(`${lang}: a side did not step`);
        await page.locator('.compare-table').scrollIntoViewIfNeeded();
        await inSight('beside the table');
      }
      expect(found).toEqual([]);
    },
    SLOW_TEST_TIMEOUT,
  );
});

describe('the view tabs: every name whole, on every screen, in either language', () => {
  const browser = useBrowser();

  /** Each tab's box against the tab list's visible box and the viewport; whether the tools share its row. */
  function tabsOnScreen(page: Page) {
    return page.evaluate(() => {
      const list = document.querySelector('[role=tablist]')?.getBoundingClientRect();
      const language = document.querySelector('.language-switch')?.getBoundingClientRect();
      const within = (b: DOMRect, c: { left: number; right: number }) =>
        b.left >= c.left - 0.5 && b.right <= c.right + 0.5;
      const viewport = { left: 0, right: window.innerWidth };
      return {
        tabs: [...document.querySelectorAll('[role=tab]')].map((tab) => {
          const b = tab.getBoundingClientRect();
          return {
            name: tab.textContent ?? '',
            selected: tab.getAttribute('aria-selected') === 'true',
            whole: !!list && within(b, list) && within(b, viewport) && b.width > 0,
          };
        }),
        // The tools may wrap under each other, never off the screen.
        toolsOnScreen: !!language && within(language, viewport) && language.bottom <= window.innerHeight,
      };
    });
  }

  it(
    'shows every tab whole on a laptop and a phone on its side, and the tools on screen beside them',
    async () => {
      const screens = [
        { width: 1366, height: 768 },
        { width: 1280, height: 800 },
        { width: 1180, height: 800 },
        { width: 1024, height: 768 },
        { width: 844, height: 390, isMobile: true },
      ];
      const found: string[] = [];
      for (const lang of ['en', 'es'])
        for (const viewport of screens) {
          // A system that reduces motion adds a note to "reduce motion": the widest the tools get.
          const { page } = await browser.open(`/?view=compare&lang=${lang}`, {
            viewport,
            isMobile: viewport.isMobile ?? false,
            reducedMotion: 'reduce',
          });
          await page.getByRole('tab', { selected: true }).waitFor();
          const { tabs, toolsOnScreen } = await tabsOnScreen(page);
          const where = `${lang} ${viewport.width}×${viewport.height}`;
          expect(tabs.length, where).toBeGreaterThanOrEqual(4);
          for (const tab of tabs) if (!tab.whole) found.push(`${where}: “${tab.name}” clipped`);
          if (!toolsOnScreen) found.push(`${where}: the tools are off the screen`);
        }
      expect(found).toEqual([]);
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'keeps the selected tab whole on a phone held upright, whichever view is chosen',
    async () => {
      const found: string[] = [];
      for (const lang of ['en', 'es'])
        for (const view of ['simulator', 'lesson', 'compare', 'quiz']) {
          const { page } = await browser.open(`/?view=${view}&lang=${lang}`, {
            viewport: { width: 390, height: 844 },
            isMobile: true,
          });
          await page.getByRole('tab', { selected: true }).waitFor();
          await expect
            .poll(async () => (await tabsOnScreen(page)).tabs.find((tab) => tab.selected)?.whole, {
              message: `${lang} ${view}`,
            })
            .toBe(true);
          if ((await page.evaluate(() => window.scrollX)) !== 0)
            found.push(`${lang} ${view}: the page scrolled`);
        }
      expect(found).toEqual([]);
    },
    SLOW_TEST_TIMEOUT,
  );
});

describe('navigation keeps the learner’s place', () => {
  const browser = useBrowser();

  it(
    'makes each view a history entry: Back returns to the view before, Forward again',
    async () => {
      const { page } = await browser.open('/?cfw=stateful&step=5');
      const tabs = page.getByRole('tablist', { name: t('shell.views.label') });
      await tabs.getByRole('tab', { name: t('shell.views.compare') }).click();
      await tabs.getByRole('tab', { name: t('shell.views.quiz') }).click();
      await tabs.getByRole('tab', { name: t('shell.views.quiz'), selected: true }).waitFor();
      await page.goBack();
      await tabs.getByRole('tab', { name: t('shell.views.compare'), selected: true }).waitFor();
      await page.goBack();
      await tabs.getByRole('tab', { name: t('shell.views.simulator'), selected: true }).waitFor();
      expect((await position(page, t)).current).toBe(5);
      await page.goForward();
      await tabs.getByRole('tab', { name: t('shell.views.compare'), selected: true }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'opens a teacher’s quiz link in the teacher’s language, whatever the student’s browser says',
    async () => {
      const es = translator('es');
      const teacher = await browser.open('/?view=quiz&lang=es');
      const start = teacher.page.getByRole('main');
      await start.getByRole('textbox', { name: es('quiz.start.seed') }).fill('31');
      await start.getByRole('button', { name: es('quiz.link.make') }).click();
      const link = await start.getByRole('textbox', { name: es('quiz.link.label') }).inputValue();
      expect(link).toMatch(/[?&]lang=es(&|$)/);
      const student = await browser.newSession({ locale: 'en-US' });
      await student.goto(link.slice(link.indexOf('/', 'http://'.length)));
      expect(await student.page.evaluate(() => document.documentElement.lang)).toBe('es');
      await student.page.getByRole('heading', { name: es('quiz.heading') }).waitFor();
    },
    TEST_TIMEOUT,
  );
});
