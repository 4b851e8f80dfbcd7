import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { outcome, position, select, translator } from './setup/app';

const en = translator('en');
const es = translator('es');

describe('offline after the first visit', () => {
  const browser = useBrowser();

  it(
    'registers the service worker only once the first view is on screen: on a first visit, after the lesson’s chapters',
    async () => {
      const { page, goto } = await browser.newSession({ serviceWorkers: 'allow', firstVisit: true });
      await page.addInitScript(() => {
        const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
        navigator.serviceWorker.register = (...args) => {
          Object.assign(window, { chaptersAtRegister: !!document.querySelector('.chapter-list') });
          return register(...args);
        };
      });
      await goto('/');
      await page.getByRole('list', { name: en('lesson.chapters.label') }).waitFor();
      await expect
        .poll(
          () =>
            page.evaluate(() => (window as unknown as { chaptersAtRegister?: boolean }).chaptersAtRegister),
          {
            timeout: 20_000,
          },
        )
        .toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'reloads, opens a permalink and every view with the network off, all from the service worker',
    async () => {
      const { context, page, goto } = await browser.open('/', { serviceWorkers: 'allow' });
      // The first visit installs the service worker, which precaches the build and takes the page over.
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), {
          timeout: 20_000,
        })
        .toBe('activated');

      await context.setOffline(true);
      const fromNetwork: string[] = [];
      page.on('response', (response) => {
        if (!response.fromServiceWorker()) fromNetwork.push(response.url());
      });

      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await select(page, en, 'controls.clientFirewall').selectOption('stateful');
      await expect.poll(() => outcome(page, en).innerText()).toContain(en('outcome.failed'));

      // A permalink opened offline: the worker answers the navigation with the app, which reads the link.
      await goto('/?mode=passive&cfw=stateful&step=5&lang=es');
      expect(await select(page, es, 'controls.mode').inputValue()).toBe('passive');
      expect(await position(page, es)).toMatchObject({ current: 5 });

      // Every view, including those that load on demand: their code is in the precache too.
      const tabs = page.getByRole('tablist', { name: es('shell.views.label') }).getByRole('tab');
      const count = await tabs.count();
      expect(count).toBeGreaterThan(1);
      for (let i = 0; i < count; i++) {
        await tabs.nth(i).click();
        const panel = page.getByRole('tabpanel');
        await panel.getByRole('heading').first().waitFor();
        expect(await panel.innerText()).not.toContain(es('shell.views.loading'));
      }

      expect(fromNetwork).toEqual([]);
      await context.setOffline(false);
    },
    TEST_TIMEOUT,
  );
});
