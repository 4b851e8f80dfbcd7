/**
 * Opens the built app in real Chromium and takes screenshots: a quick look before the e2e suite exists.
 *
 *   npm run build && npx vite preview --port 4173 --host 127.0.0.1 &
 *   npx tsx scripts/ui-smoke.ts [url] [out-prefix]
 *
 * Fails on console errors, page errors and CSP violations.
 */
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://127.0.0.1:4173/';
const out = process.argv[3] ?? '/tmp/ui-first';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const problems: string[] = [];
try {
  for (const [locale, suffix] of [
    ['en-US', ''],
    ['es-ES', '-es'],
  ] as const) {
    const context = await browser.newContext({
      locale,
      viewport: { width: 1366, height: 900 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${locale} console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${locale} page error: ${e.message}`));
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: `${out}${suffix}.png`, fullPage: true });
    console.log(
      `${locale}: ${await page.title()} · ${await page.locator('.step').count()} steps · ${out}${suffix}.png`,
    );
    if (locale === 'en-US') {
      await page.getByLabel('Client firewall').selectOption('stateful');
      await page.getByRole('button', { name: 'Go to the step where it went wrong' }).click();
      await page.screenshot({ path: `${out}-failed.png`, fullPage: true });
      console.log(`failed scenario: ${out}-failed.png`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
