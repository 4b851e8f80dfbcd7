import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core's violations on the page as it is now, one readable line per failing node, so a failing
 * test says what to fix: `color-contrast: .drop-badge (Elements must meet minimum color contrast…)`.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.help}) ${n.failureSummary ?? ''}`.trim()),
  );
}
