import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium as launchSharedChromium } from '../../../scripts/support/chromium';

/** Where a failing test leaves its screenshot, and presentation mode its artifact (gitignored). */
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../test-results');

/** Bounds for each browser action and each test; nothing in these tests waits without a limit. */
export const ACTION_TIMEOUT = 10_000;
export const NAVIGATION_TIMEOUT = 20_000;
export const TEST_TIMEOUT = 60_000;
/** For journeys that walk through many screens, or run axe on several states, on a slow machine. */
export const SLOW_TEST_TIMEOUT = 120_000;

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PROJECTOR = { width: 1280, height: 720 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Chromium for one test file (the launcher shared with `npm run bench:ui`). */
export function launchChromium(): Promise<Browser> {
  return launchSharedChromium(NAVIGATION_TIMEOUT);
}

export interface SessionOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The browser's language (navigator.language), which picks the app's first language. */
  readonly locale?: string;
  readonly reducedMotion?: 'reduce' | 'no-preference';
  readonly isMobile?: boolean;
  /**
   * Service workers are blocked unless a test asks for them: a worker left from an earlier page load
   * must never answer for the build under test.
   */
  readonly serviceWorkers?: 'allow' | 'block';
  /**
   * A first visit ever: the app opens the lesson. Otherwise the profile is a returning visitor's who was
   * last on the simulator (what most journeys start from), unless the page itself stores another view.
   */
  readonly firstVisit?: boolean;
}

/** One fresh browser profile (context) with one page, and everything that went wrong in it. */
export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, uncaught page errors and requests to any host but the app's own. */
  readonly problems: string[];
  /** An absolute URL on the app's server: `session.url('/?lang=es')`. */
  url(path?: string): string;
  /** Opens `path` and waits until the app has rendered its main heading. */
  goto(path?: string): Promise<void>;
}

/** The served production build. */
export function baseUrl(): string {
  return inject('e2eBaseUrl');
}

/**
 * Registers the hooks of one test file: one Chromium for the file; every `open()` makes a fresh profile
 * with its own viewport. After each test every profile is closed, and the test fails if any page logged a
 * console error, threw, or asked another host for anything. A failing test leaves a screenshot of each
 * of its pages under test-results/.
 */
export function useBrowser(): {
  open(path?: string, options?: SessionOptions): Promise<Session>;
  newSession(options?: SessionOptions): Promise<Session>;
} {
  let browser: Browser | undefined;
  let sessions: Session[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, NAVIGATION_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  }, NAVIGATION_TIMEOUT);

  afterEach(async (context) => {
    const closing = sessions;
    sessions = [];
    const failed = (context.task.result?.errors?.length ?? 0) > 0;
    if (failed) await screenshotAll(closing, context.task.name);
    await Promise.all(closing.map((s) => s.context.close()));
    const problems = closing.flatMap((s) => s.problems);
    expect(problems, 'console errors, page errors or requests to other hosts').toEqual([]);
  }, NAVIGATION_TIMEOUT);

  async function newSession(options: SessionOptions = {}): Promise<Session> {
    if (!browser) throw new Error('useBrowser(): the browser is not running (call it at the top of a file)');
    const origin = baseUrl();
    const context = await browser.newContext({
      viewport: options.viewport ?? DESKTOP,
      locale: options.locale ?? 'en-US',
      reducedMotion: options.reducedMotion ?? 'no-preference',
      isMobile: options.isMobile ?? false,
      hasTouch: options.isMobile ?? false,
      serviceWorkers: options.serviceWorkers ?? 'block',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(ACTION_TIMEOUT);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
    const problems: string[] = [];
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))
        problems.push(`request to another host: ${url}`);
    });
    if (!options.firstVisit)
      await context.addInitScript(() => {
        // Every document of the profile runs this, some without storage (about:blank): those are skipped.
        try {
          if (localStorage.getItem('ftp-flow-lab:view') === null)
            localStorage.setItem('ftp-flow-lab:view', 'simulator');
        } catch {
          // No storage in this document.
        }
      });
    const page = await context.newPage();
    watch(page, problems);
    context.on('page', (p) => watch(p, problems));
    const session: Session = {
      context,
      page,
      problems,
      url: (path = '/') => `${origin}${path}`,
      goto: async (path = '/') => {
        await page.goto(`${origin}${path}`);
        // A first paint on a busy machine can take longer than one action.
        await page.getByRole('heading', { level: 1 }).waitFor({ timeout: NAVIGATION_TIMEOUT });
        // A first visit's heading is there before the app (a first screen drawn in the page): wait for
        // the app's own, whose buttons work.
        await page.waitForFunction(appIsLive, undefined, { timeout: NAVIGATION_TIMEOUT });
      },
    };
    sessions.push(session);
    return session;
  }

  return {
    newSession,
    async open(path = '/', options = {}) {
      const session = await newSession(options);
      await session.goto(path);
      return session;
    },
  };
}

/** In the page: the main heading is the app's own render (React's), not a first screen drawn in the page. */
function appIsLive(): boolean {
  const heading = document.querySelector('#root h1');
  return heading !== null && Object.keys(heading).some((key) => key.startsWith('__react'));
}

function watch(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

async function screenshotAll(sessions: readonly Session[], testName: string): Promise<void> {
  const dir = join(ARTIFACTS_DIR, 'e2e-failures');
  await mkdir(dir, { recursive: true });
  const base = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  await Promise.all(
    sessions.flatMap((s, i) =>
      s.context
        .pages()
        .map((p, j) =>
          p.screenshot({ path: join(dir, `${base}-${i}-${j}.png`), fullPage: true }).catch(() => undefined),
        ),
    ),
  );
}
