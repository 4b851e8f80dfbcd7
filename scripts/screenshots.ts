import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchChromium } from './support/chromium';
import { buildAndServe } from './support/serveBuild';

/**
 * `npm run screenshots [-- DIR [NAME]]`: the production build on the screens people use (a phone both ways, a small
 * laptop, projectors in presentation mode), each view at its first step and part-way through a failing
 * session, as PNGs in DIR (test-results/screenshots by default) for a person to look at. Nothing is
 * asserted here: the end-to-end tests measure; this shows. NAME keeps only the pictures whose name contains it.
 */

interface Screen {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly presenting?: boolean;
  readonly isMobile?: boolean;
}

const SCREENS: readonly Screen[] = [
  { name: 'phone-390x844', width: 390, height: 844, isMobile: true },
  { name: 'phone-844x390', width: 844, height: 390, isMobile: true },
  { name: 'laptop-1366x768', width: 1366, height: 768 },
  { name: 'projector-1280x720', width: 1280, height: 720, presenting: true },
  { name: 'projector-1920x1080', width: 1920, height: 1080, presenting: true },
];

/** What each picture shows: a query string (the scenario, view and step) and a file name. */
const SHOTS: readonly { readonly name: string; readonly query: string }[] = [
  { name: 'simulator-first', query: 'cfw=stateful' },
  { name: 'simulator-step20', query: 'cfw=stateful&step=20' },
  // Spanish runs longest: the header, the failure's reason, the diagram's boxes.
  { name: 'simulator-es-step20', query: 'cfw=stateful&step=20&lang=es' },
  { name: 'simulator-es-nat-passive', query: 'mode=passive&cnat=1&snat=private&helper=1&step=24&lang=es' },
  { name: 'compare-first', query: 'view=compare&cfw=stateful' },
  { name: 'compare-step20', query: 'view=compare&cfw=stateful&step=20' },
  { name: 'compare-es', query: 'view=compare&cfw=stateful&lang=es' },
  // IPv6: the longest addresses the diagram draws (sockets `[2001:db8:2::21]:20`), EPRT |2| and a drop.
  { name: 'simulator-ipv6-step20', query: 'ip=6&cfw=stateful&step=20' },
  { name: 'simulator-ipv6-epsv', query: 'ip=6&mode=epsv&step=17' },
  // Explicit FTPS: the header's encryption chip, and the helper that cannot read the encrypted PORT.
  { name: 'simulator-es-ftps-blind', query: 'tls=explicit&cnat=1&helper=1&step=31&lang=es' },
  { name: 'lesson', query: 'view=lesson' },
  { name: 'quiz', query: 'view=quiz' },
];

const outDir = resolve(process.argv[2] ?? join(import.meta.dirname, '../test-results/screenshots'));
const only = process.argv[3] ?? '';
await mkdir(outDir, { recursive: true });
const served = await buildAndServe();
const browser = await launchChromium(30_000);
try {
  for (const screen of SCREENS) {
    const context = await browser.newContext({
      viewport: { width: screen.width, height: screen.height },
      isMobile: screen.isMobile ?? false,
      hasTouch: screen.isMobile ?? false,
      locale: 'en-US',
      serviceWorkers: 'block',
      // No packet caught half-way through its animation.
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    for (const shot of SHOTS.filter((s) => s.name.includes(only))) {
      const query = `${shot.query}${screen.presenting ? '&present=1' : ''}`;
      await page.goto(`${served.url}/?${query}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 20_000 });
      // A view that loads with its tab says "Loading…" first; the diagrams draw once measured.
      await page.locator('.view-loading').waitFor({ state: 'detached', timeout: 20_000 });
      if (shot.name.startsWith('simulator') || shot.name.startsWith('compare'))
        await page.locator('.diagram-svg[width]').first().waitFor({ timeout: 20_000 });
      const file = join(outDir, `${screen.name}-${shot.name}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await served.close();
}
