import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { APP_PRELOADS_ID, FIRST_SCREEN_ATTRIBUTE } from '../../src/firstScreen/pageIds';
import { translator } from './setup/app';
import { DESKTOP, PHONE, TEST_TIMEOUT, useBrowser, type SessionOptions } from './setup/browser';

/**
 * The app's code, its entry included, stays on its way (the requests are never answered): what the page
 * shows, and asks for, by its first script alone.
 */
async function holdTheApp(page: Page): Promise<void> {
  await page.route(/\/assets\/(index|startApp)-[^/]*\.js$/, () => undefined);
}

/**
 * In the page: #root's elements, text and attributes, the same however they were made: attributes in name
 * order (React's client sets an input's type last), no comments (Suspense's), React's ids made alike.
 */
function canonicalRoot(): string {
  const write = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element)) return '';
    const attributes = [...node.attributes]
      .map((a) => `${a.name}="${a.value.replace(/_[rR]_[0-9a-zA-Z]+_|«[rR][^»]*»/g, 'ID')}"`)
      .sort()
      .join(' ');
    return `<${node.localName} ${attributes}>${[...node.childNodes].map(write).join('')}</${node.localName}>`;
  };
  const root = document.getElementById('root');
  return root ? [...root.childNodes].map(write).join('') : '';
}

const SCREENS = [
  ['a phone', { viewport: PHONE, isMobile: true }],
  ['a phone on its side', { viewport: { width: PHONE.height, height: PHONE.width }, isMobile: true }],
  ['a laptop', { viewport: DESKTOP }],
] as const satisfies readonly (readonly [string, SessionOptions])[];

describe("a first visit's first screen, drawn in the page", () => {
  const browser = useBrowser();

  describe.each(SCREENS)('on %s', (_name, screen) => {
    it.each([
      ['en-US', 'en'],
      ['es-ES', 'es'],
    ] as const)(
      "shows the lesson's opening in the reader's language (%s) before the app arrives, and the app's first render is the same",
      async (locale, language) => {
        const t = translator(language);
        const waiting = await browser.newSession({ ...screen, locale, firstVisit: true });
        await holdTheApp(waiting.page);
        await waiting.page.goto(waiting.url('/'), { waitUntil: 'commit' });
        const main = waiting.page.getByRole('main', { name: t('lesson.heading') });
        await expect.poll(() => main.getByText(t('lesson.intro')).isVisible()).toBe(true);
        expect(await waiting.page.evaluate(() => document.documentElement.lang)).toBe(language);
        expect(await waiting.page.locator('#root').getAttribute(FIRST_SCREEN_ATTRIBUTE)).not.toBeNull();
        // The app's preloads stayed in their template: nothing competed with the drawn screen's paint.
        expect(await waiting.page.locator('head link[rel="modulepreload"][href*="/startApp-"]').count()).toBe(
          0,
        );
        const drawn = await waiting.page.evaluate(canonicalRoot);

        // The app's first render, as it was committed (before the lesson's own code replaces the opening).
        const live = await browser.newSession({ ...screen, locale, firstVisit: true });
        await live.page.addInitScript(`window.canonicalRoot = ${canonicalRoot.toString()}`);
        await live.page.addInitScript((attribute) => {
          // React's commit puts its elements in #root, once the entry has taken the drawn screen's mark off.
          const record = new MutationObserver((records) => {
            const root = document.getElementById('root');
            if (!root || root.hasAttribute(attribute)) return;
            if (!records.some((r) => r.target === root && r.addedNodes.length > 0)) return;
            record.disconnect();
            const canonical = (window as unknown as { canonicalRoot: () => string }).canonicalRoot;
            Object.assign(window, { firstRender: canonical() });
          });
          record.observe(document, { childList: true, subtree: true, attributes: true });
        }, FIRST_SCREEN_ATTRIBUTE);
        await live.goto('/');
        const rendered = await live.page.evaluate(
          () => (window as unknown as { firstRender?: string }).firstRender ?? '',
        );
        expect(rendered).toContain(t('lesson.intro'));
        expect(rendered).toBe(drawn);
      },
      TEST_TIMEOUT,
    );
  });

  it.each([
    ['a returning visitor', '/', false],
    ['a link, even on a first visit', '/?view=lesson', true],
  ] as const)(
    'is not drawn for %s, whose page starts fetching the app at once',
    async (_name, path, firstVisit) => {
      const session = await browser.newSession({ viewport: DESKTOP, firstVisit });
      await holdTheApp(session.page);
      await session.page.goto(session.url(path), { waitUntil: 'commit' });
      await session.page
        .locator(`head link[rel="modulepreload"][href*="/startApp-"]`)
        .waitFor({ state: 'attached' });
      expect(await session.page.locator('#root').innerHTML()).toBe('');
      // The preloads in the head are the script's copies: the page's own stay in their template.
      expect(await session.page.locator(`#${APP_PRELOADS_ID}`).count()).toBe(1);
    },
    TEST_TIMEOUT,
  );
});
