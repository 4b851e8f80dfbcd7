import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { translator } from './setup/app';

const t = translator('en');

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Private and self-contained: a strict Content-Security-Policy that nothing in the app breaks, and no
 * request to any other host (useBrowser fails a test on any such request, and on any console error).
 */
describe('a strict Content-Security-Policy', () => {
  const browser = useBrowser();

  it(
    'is shipped, and no view breaks it',
    async () => {
      const session = await browser.newSession();
      await session.context.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__cspViolations?.push(
            `${e.violatedDirective}: ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
          ),
        );
      });
      await session.goto('/?cfw=stateful');
      const { page } = session;
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).toContain("object-src 'none'");

      const tabs = page.getByRole('tablist', { name: t('shell.views.label') }).getByRole('tab');
      const count = await tabs.count();
      for (let i = count - 1; i >= 0; i--) {
        await tabs.nth(i).click();
        await page.getByRole('tabpanel').getByRole('heading').first().waitFor();
      }
      // No exception: the engine configures zod jitless, so not even its eval probe runs.
      const violations = await page.evaluate(() => window.__cspViolations ?? []);
      expect(violations).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
