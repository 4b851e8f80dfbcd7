import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core's violations on the page as it is now, one readable line per failing node, so a failing
 * test says what to fix: `color-contrast: .drop-badge (Elements must meet minimum color contrast…)`.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Audit the settled page: a colour caught halfway through a CSS transition (a button just pressed)
  // is not a contrast the reader ever sees. Transitions here last 150 ms; never wait more than 2 s.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.help}) ${n.failureSummary ?? ''}`.trim()),
  );
}
