import { describe, expect, it } from 'vitest';
import { axeViolations } from './setup/axe';
import { SLOW_TEST_TIMEOUT, useBrowser } from './setup/browser';
import { translator } from './setup/app';
import { options, SCREENS } from './setup/screens';

const t = translator('en');

describe('accessibility on every view at every size', () => {
  const browser = useBrowser();

  for (const screen of SCREENS.filter(
    (s) => s.name !== 'a 1280×800 laptop' && s.name !== 'a 1440×900 laptop',
  )) {
    it(
      `axe finds nothing on ${screen.name}${screen.presenting ? ' (presenting)' : ''}`,
      async () => {
        const found: string[] = [];
        for (const view of ['simulator', 'compare', 'quiz']) {
          const query = `/?view=${view}&cfw=stateful&step=20${screen.presenting ? '&present=1' : ''}`;
          const { page } = await browser.open(query.replace('view=simulator&', ''), options(screen));
          await page
            // Presentation mode hides the tabs (from screen readers too): look for them all the same.
            .getByRole('tab', { name: t(`shell.views.${view}`), selected: true, includeHidden: true })
            .waitFor({ state: 'attached' });
          // A view loads with the engine after the first paint: check the view, not its "Loading…".
          await page.locator('.view-loading').waitFor({ state: 'detached' });
          if (view !== 'quiz') await page.locator('.diagram-svg[width]').first().waitFor();
          found.push(...(await axeViolations(page)).map((v) => `${view}: ${v}`));
          if (view === 'simulator' && screen.isMobile) {
            // The folded tools and the settings sheet, open.
            await page.getByRole('button', { name: t('shell.tools.more'), exact: true }).tap();
            found.push(...(await axeViolations(page)).map((v) => `more options: ${v}`));
            await page.keyboard.press('Escape');
            await page.getByRole('button', { name: t('controls.open'), exact: true }).tap();
            await page.getByRole('dialog').waitFor();
            found.push(...(await axeViolations(page)).map((v) => `settings sheet: ${v}`));
          }
        }
        expect(found).toEqual([]);
      },
      // Up to seven axe runs, each a few seconds of CPU on a busy machine.
      SLOW_TEST_TIMEOUT * 2,
    );
  }
});
