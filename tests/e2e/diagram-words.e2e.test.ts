import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SLOW_TEST_TIMEOUT, useBrowser } from './setup/browser';
import { openStage, options, SCREENS, type Screen } from './setup/screens';

/**
 * Every word drawn in a host's or a router's box that runs past the box's frame, in the frame's own user
 * units (getBBox, carried through each text's transform into the frame's coordinates).
 */
function wordsPastTheirBox(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<SVGGElement>('.diagram-svg .device-host, .diagram-svg .device-router'),
    ].flatMap((device) => {
      const frame = device.querySelector<SVGRectElement>('.device-frame');
      const toFrame = frame?.getCTM()?.inverse();
      if (!frame || !toFrame) return ['a device without its frame'];
      const left = frame.x.baseVal.value;
      const right = left + frame.width.baseVal.value;
      return [...device.querySelectorAll<SVGTextElement>('text')].flatMap((text) => {
        const ctm = text.getCTM();
        if (!ctm || text.getClientRects().length === 0 || !text.textContent?.trim()) return [];
        const b = text.getBBox();
        const m = toFrame.multiply(ctm);
        const xs = [b.x, b.x + b.width].map((x) => m.a * x + m.c * b.y + m.e);
        const [start, end] = [Math.min(...xs), Math.max(...xs)];
        // 2 units of air inside the frame's border on either side.
        return start >= left + 2 && end <= right - 2
          ? []
          : [
              `${device.getAttribute('data-device')}: “${text.textContent}” ` +
                `${Math.round(Math.max(left + 2 - start, end - right + 4))} units past its box`,
            ];
      });
    }),
  );
}

describe('every host’s and router’s words inside its box', () => {
  const browser = useBrowser();

  it(
    'on every screen, in English and Spanish, plain and with every badge, NAT and socket',
    async () => {
      const found: string[] = [];
      // Plain; NAT on both sides (the longest router names and addresses); every badge, at the step with
      // the most sockets (the data connection's, with the longest addresses).
      const scenarios = [
        '',
        'cnat=1&snat=private&step=20',
        'cfw=stateful&sfw=port21&helper=1&mode=passive&step=24',
        // IPv6: the longest addresses, in brackets before their ports.
        'ip=6&cfw=stateful&step=30',
      ];
      for (const screen of SCREENS)
        for (const scenario of scenarios) {
          // Both languages side by side, each in its own profile: a page mostly waits while it loads.
          const paths = ['en', 'es'].map((lang) => `/?lang=${lang}${scenario ? `&${scenario}` : ''}`);
          const pages = await Promise.all(paths.map((path) => openStage(screen, path, browser.open)));
          for (const [i, { page, context }] of pages.entries()) {
            for (const o of await wordsPastTheirBox(page)) found.push(`${screen.name} ${paths[i]}: ${o}`);
            await context.close();
          }
        }
      expect(found).toEqual([]);
    },
    SLOW_TEST_TIMEOUT * 3,
  );

  it(
    'in Compare on a laptop and a projector, in either language',
    async () => {
      const found: string[] = [];
      for (const screen of [SCREENS[2], SCREENS[5], SCREENS[0]] as Screen[])
        for (const lang of ['en', 'es']) {
          const query = `/?view=compare&cnat=1&snat=private&lang=${lang}${screen.presenting ? '&present=1' : ''}`;
          const { page } = await browser.open(query, options(screen));
          await page.locator('.compare-side .diagram-svg[width]').nth(1).waitFor();
          for (const o of await wordsPastTheirBox(page)) found.push(`${screen.name} ${query}: ${o}`);
        }
      expect(found).toEqual([]);
    },
    SLOW_TEST_TIMEOUT,
  );
});
