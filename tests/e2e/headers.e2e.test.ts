import react from '@vitejs/plugin-react';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { devSecurityHeaders, SECURITY_HEADERS } from '../../scripts/support/securityHeaders';
import {
  baseUrl,
  launchChromium,
  NAVIGATION_TIMEOUT,
  SLOW_TEST_TIMEOUT,
  TEST_TIMEOUT,
  useBrowser,
} from './setup/browser';

const ROOT = resolve(import.meta.dirname, '../..');

/** The response's security headers, by the names SECURITY_HEADERS gives them. */
async function securityHeaders(url: string): Promise<Record<string, string | null>> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, response.headers.get(name)]));
}

/** The message Chromium logs when frame-ancestors stops a frame: expected here, so not a problem. */
const REFUSED_TO_FRAME = /Framing .* violates .*frame-ancestors 'none'.* blocked/s;

describe('served with real security headers', () => {
  const browser = useBrowser();

  it('npm run preview sends them with the page, its scripts and a missing path', async () => {
    const page = await fetch(`${baseUrl()}/`);
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    for (const path of ['/', '/?mode=passive&view=quiz', script, '/no/such/page'])
      expect(await securityHeaders(`${baseUrl()}${path}`), path).toEqual(SECURITY_HEADERS);
  });

  it(
    'another site cannot frame the app',
    async () => {
      const session = await browser.newSession();
      const { page } = session;
      // A page of another origin (about:blank) that tries to show the app in a frame.
      await page.setContent(`<iframe title="framed" src="${session.url('/')}"></iframe>`);
      await expect.poll(() => session.problems.some((p) => REFUSED_TO_FRAME.test(p))).toBe(true);
      // The refusal is the point of the test: take it out of the problems that would fail it.
      const others = session.problems.filter((p) => !REFUSED_TO_FRAME.test(p));
      session.problems.splice(0, session.problems.length, ...others);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame).toBeDefined();
      expect(await frame?.locator('#root').count()).toBe(0);
      // The same app opened directly works.
      await session.goto('/');
    },
    TEST_TIMEOUT,
  );
});

describe('npm start (the dev server)', () => {
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, NAVIGATION_TIMEOUT);

  it(
    'sends the headers, and the app and its hot reload run under them',
    async () => {
      server = await createServer({
        root: ROOT,
        configFile: resolve(ROOT, 'vite.config.ts'),
        logLevel: 'warn',
        server: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
      });
      await server.listen();
      const { port } = server.httpServer?.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/`;
      const headers = await securityHeaders(url);
      expect(headers).toEqual({ ...SECURITY_HEADERS, 'Content-Security-Policy': expect.any(String) });
      expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
      expect(server.config.server.headers).toEqual(
        devSecurityHeaders([react.preambleCode.replace('__BASE__', '/')]),
      );

      // Its own browser: useBrowser's pages belong to the preview server, and count this one as another host.
      browser = await launchChromium();
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.exposeFunction('reportViolation', (v: string) => problems.push(v));
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { reportViolation(v: string): void }).reportViolation(
            `CSP violation ${e.violatedDirective}: ${e.blockedURI}`,
          ),
        ),
      );
      const connected = page.waitForEvent('console', {
        predicate: (m) => m.text().includes('[vite] connected'),
        timeout: NAVIGATION_TIMEOUT,
      });
      await page.goto(url, { timeout: NAVIGATION_TIMEOUT });
      // Under the dev server's policy: React Refresh's inline preamble ran (the app renders), and the
      // hot-reload websocket connected.
      await page.getByRole('heading', { level: 1 }).waitFor({ timeout: NAVIGATION_TIMEOUT });
      await connected;
      expect(problems).toEqual([]);
    },
    SLOW_TEST_TIMEOUT,
  );
});
