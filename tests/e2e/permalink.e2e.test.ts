import type { TFunction } from 'i18next';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { narration, outcome, position, select, translator } from './setup/app';

const en = translator('en');
const es = translator('es');

/** What a permalink must restore, as a reader sees it. */
async function shown(page: Page, t: TFunction) {
  return {
    lang: await page.evaluate(() => document.documentElement.lang),
    mode: await select(page, t, 'controls.mode').inputValue(),
    clientFirewall: await select(page, t, 'controls.clientFirewall').inputValue(),
    serverFirewall: await select(page, t, 'controls.serverFirewall').inputValue(),
    position: await position(page, t),
    narration: await narration(page, t),
    outcome: await outcome(page, t).innerText(),
  };
}

function tab(page: Page, t: TFunction, labelKey: string) {
  return page.getByRole('tablist', { name: t('shell.views.label') }).getByRole('tab', { name: t(labelKey) });
}

/** The address bar once the app has written the current state into it (the step is written after a pause). */
async function settledHref(page: Page, contains: string): Promise<string> {
  await expect.poll(() => page.url()).toContain(contains);
  return page.url();
}

describe('permalinks', () => {
  const browser = useBrowser();

  it(
    'restores the scenario, the step, the view and the language in another browser profile',
    async () => {
      const a = await browser.open('/');
      await select(a.page, en, 'controls.clientFirewall').selectOption('stateful');
      await select(a.page, en, 'controls.serverFirewall').selectOption('port21');
      await a.page.getByRole('button', { name: en('outcome.showFailure'), exact: true }).click();
      await a.page.getByRole('button', { name: 'Español' }).click();
      await expect.poll(() => a.page.evaluate(() => document.documentElement.lang)).toBe('es');
      const there = await shown(a.page, es);
      expect(there.position.current).toBeGreaterThan(1);
      const link = await settledHref(a.page, `step=${there.position.current}`);

      // A reader whose browser speaks English opens the link: the teacher's Spanish screen, step and all.
      const b = await browser.newSession({ locale: 'en-US' });
      await b.goto(link.slice(link.indexOf('/', 'http://'.length)));
      expect(await shown(b.page, es)).toEqual(there);
      expect(await b.page.getByText(es('shell.notice.invalidLink')).count()).toBe(0);

      // The view travels too.
      await tab(a.page, es, 'shell.views.compare').click();
      await expect.poll(() => a.page.url()).toContain('view=compare');
      const compareLink = a.page.url();
      const comparePanel = a.page.getByRole('tabpanel');
      await comparePanel.getByRole('heading', { name: es('compare.heading') }).waitFor();
      const compareText = await comparePanel.innerText();
      const c = await browser.newSession({ locale: 'en-US' });
      await c.goto(compareLink.slice(compareLink.indexOf('/', 'http://'.length)));
      await expect
        .poll(() => tab(c.page, es, 'shell.views.compare').getAttribute('aria-selected'))
        .toBe('true');
      await expect.poll(() => c.page.getByRole('tabpanel').innerText()).toBe(compareText);
    },
    TEST_TIMEOUT,
  );

  it.each([
    ['unknown values', '?mode=teleport&cfw=maybe&step=3'],
    ['a step past the end', '?cfw=stateful&step=99999'],
    ['garbage', '?%E0%A4%A=&&==&step=-1&lang=xx&present=banana'],
    ['markup', '?mode=%3Cscript%3Ealert(1)%3C%2Fscript%3E&view=%3Cimg%20src%3Dx%3E'],
    ['a cut-off link', '?mode=passive&cfw=statef'],
  ])(
    'a tampered link (%s) opens the default scenario with a notice, and the page keeps working',
    async (_name, query) => {
      const { page } = await browser.open(`/${query}`);
      await page.getByText(en('shell.notice.invalidLink')).waitFor();
      expect(await shown(page, en)).toMatchObject({
        lang: 'en',
        mode: 'active',
        clientFirewall: 'none',
        serverFirewall: 'none',
        position: { current: 1 },
      });
      expect(await page.evaluate(() => document.querySelector('img[src="x"], script:not([src])'))).toBeNull();

      // Still a working simulator: a change re-simulates, and the notice can be dismissed.
      await select(page, en, 'controls.clientFirewall').selectOption('stateful');
      await expect.poll(() => outcome(page, en).innerText()).toContain(en('outcome.failed'));
      await page.getByRole('button', { name: en('shell.notice.dismiss') }).click();
      await expect.poll(() => page.getByText(en('shell.notice.invalidLink')).count()).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'a Spanish link that is damaged gives its notice in Spanish',
    async () => {
      const { page } = await browser.open('/?lang=es&mode=nope');
      await page.getByText(es('shell.notice.invalidLink')).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    },
    TEST_TIMEOUT,
  );
});
