/**
 * `npm run bench:ui`: how fast the web app is, measured on the production build served on 127.0.0.1 and
 * loaded in Debian's Chromium. Prints the numbers beside the budget; asserts nothing (speed is measured
 * here, never by timed assertions in tests).
 *
 * - first-load JavaScript: the gzip size (from the build) of every JS file Chromium fetched before the app
 *   began its first render (the entry, the app, the first screen's strings), in English and in Spanish;
 * - frame rate while replaying at 4× (or the default speed if there is no speed control): median fps and
 *   the worst frame, from requestAnimationFrame timestamps over ~5 s of playback;
 * - long tasks (PerformanceObserver 'longtask') during load and during playback;
 * - Lighthouse performance and accessibility, mobile (Lighthouse's default) and desktop, median of 3 runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse, { desktopConfig, type Config } from 'lighthouse';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FIRST_RENDER_MARK } from '../src/firstRenderMark';
import { CHROMIUM_ARGS, requireChromium } from '../tests/e2e/setup/chromium';
import { buildAndServe, type ServedBuild } from '../tests/e2e/setup/serve';

const BUDGET = {
  firstLoadKb: 120,
  fps: 60,
  worstFrameMs: 50,
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
} as const;

const PLAYBACK_MS = 5_000;
const LIGHTHOUSE_RUNS = 3;
const VIEWPORT = { width: 1366, height: 768 };

interface JsFile {
  readonly path: string;
  readonly bytes: number;
  readonly gzip: number;
}

function jsFile(outDir: string, urlPath: string): JsFile {
  const content = readFileSync(join(outDir, decodeURIComponent(urlPath.replace(/^\//, ''))));
  return { path: urlPath, bytes: content.length, gzip: gzipSync(content).length };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const verdict = (ok: boolean): string => (ok ? 'within budget' : 'OVER BUDGET');

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

interface PageMeasures {
  /** Per browser language: the JS files fetched before the first render. */
  readonly firstScreen: Readonly<Record<string, string[]>>;
  readonly scriptsAtRest: string[];
  readonly speed: string;
  readonly frameDeltas: number[];
  readonly stepsPlayed: number;
  readonly longTasksLoad: number[];
  readonly longTasksPlayback: number[];
}

declare global {
  interface Window {
    __benchLongTasks?: { start: number; duration: number }[];
  }
}

async function measurePage(served: ServedBuild): Promise<PageMeasures> {
  const browser = await chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const firstScreen = {
      English: await scriptsBeforeFirstRender(browser, served, 'en-US'),
      Spanish: await scriptsBeforeFirstRender(browser, served, 'es-ES'),
    };
    const context = await browser.newContext({
      viewport: VIEWPORT,
      locale: 'en-US',
      serviceWorkers: 'block',
    });
    await context.addInitScript(() => {
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          window.__benchLongTasks?.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    const scriptsAtRest: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scriptsAtRest.push(new URL(request.url()).pathname);
    });
    await page.goto(`${served.url}/`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(1_000); // let the first screen settle before measuring playback

    const speed = await chooseFastestSpeed(page);
    const playbackStart = await page.evaluate(() => performance.now());
    const stepBefore = await stepNumber(page);
    // A string, not a function: tsx would wrap a named inner function with a helper the page lacks.
    const frames = page.evaluate<number[]>(`new Promise((resolve) => {
      const stamps = [];
      const start = performance.now();
      const frame = (t) => {
        stamps.push(t);
        if (t - start < ${PLAYBACK_MS}) requestAnimationFrame(frame);
        else resolve(stamps);
      };
      requestAnimationFrame(frame);
    })`);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const stamps = await frames;
    const stepAfter = await stepNumber(page);
    const longTasks = (await page.evaluate(() => window.__benchLongTasks ?? [])).map((t) => ({ ...t }));
    return {
      firstScreen,
      scriptsAtRest,
      speed,
      frameDeltas: stamps.slice(1).map((t, i) => t - (stamps[i] ?? t)),
      stepsPlayed: stepAfter - stepBefore,
      longTasksLoad: longTasks.filter((t) => t.start < playbackStart).map((t) => t.duration),
      longTasksPlayback: longTasks.filter((t) => t.start >= playbackStart).map((t) => t.duration),
    };
  } finally {
    await browser.close();
  }
}

/**
 * The JS files a fresh visit fetched before the app began its first render, in the given browser
 * language: from the page's own Resource Timing, against the app's User Timing mark.
 */
async function scriptsBeforeFirstRender(
  browser: Browser,
  served: ServedBuild,
  locale: string,
): Promise<string[]> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`${served.url}/`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    return await page.evaluate((mark) => {
      const rendered = performance.getEntriesByName(mark)[0]?.startTime;
      if (rendered === undefined) throw new Error(`the app set no ${mark} mark`);
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < rendered && new URL(e.name).pathname.endsWith('.js'))
        .map((e) => new URL(e.name).pathname);
    }, FIRST_RENDER_MARK);
  } finally {
    await context.close();
  }
}

/** Picks 4× in the speed control when there is one; says which speed the replay runs at. */
async function chooseFastestSpeed(page: Page): Promise<string> {
  const fastest = page.getByRole('radio', { name: /^4\s*×$/ });
  if ((await fastest.count()) === 1) {
    await fastest.check();
    return '4×';
  }
  const select = page.getByRole('combobox', { name: /speed/i });
  if ((await select.count()) === 1) {
    await select.selectOption({ label: '4×' });
    return '4×';
  }
  return 'default speed (no speed control found)';
}

async function stepNumber(page: Page): Promise<number> {
  const text = await page.getByRole('region', { name: 'Current step', exact: true }).innerText();
  return Number(/Step (\d+) of/.exec(text)?.[1] ?? NaN);
}

interface LighthouseScores {
  readonly performance: number;
  readonly accessibility: number;
  readonly metrics: string;
}

/** Starts a Chromium of our own with a debugging port for Lighthouse; stops it (by its pid) after. */
async function withDebuggingChromium<T>(run: (port: number) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'ftp-flow-lab-lighthouse-'));
  const child: ChildProcess = spawn(
    requireChromium(),
    [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let stderr = '';
      const timer = setTimeout(
        () => reject(new Error(`Chromium gave no debugging port:\n${stderr}`)),
        20_000,
      );
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${stderr}`)));
    });
    return await run(port);
  } finally {
    child.kill();
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    rmSync(profile, { recursive: true, force: true });
  }
}

async function runLighthouse(url: string, port: number, config?: Config): Promise<LighthouseScores> {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
    config,
  );
  if (!result) throw new Error('Lighthouse returned no result');
  const { categories, audits } = result.lhr;
  const score = (id: string): number => Math.round((categories[id]?.score ?? NaN) * 100);
  const metric = (id: string): string => audits[id]?.displayValue ?? '?';
  const failing = (weighted: boolean): string[] =>
    (categories.accessibility?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 === weighted)
      .filter((ref) => {
        const s = audits[ref.id]?.score;
        return s !== null && s !== undefined && s < 1;
      })
      .map((ref) => ref.id);
  const scored = failing(true);
  const unscored = failing(false);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    metrics:
      `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, ` +
      `TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}` +
      (scored.length ? `; accessibility audits failing: ${scored.join(', ')}` : '') +
      (unscored.length ? `; unscored accessibility audits failing: ${unscored.join(', ')}` : ''),
  };
}

/**
 * Lighthouse's scores move from run to run (its own docs advise several runs): the run with the median
 * performance score, and every run's score.
 */
async function medianLighthouse(
  url: string,
  port: number,
  config?: Config,
): Promise<LighthouseScores & { runs: number[] }> {
  const runs: LighthouseScores[] = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) runs.push(await runLighthouse(url, port, config));
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no Lighthouse run');
  return { ...middle, runs: runs.map((r) => r.performance) };
}

const served = await buildAndServe();
try {
  const page = await measurePage(served);
  const files = (paths: readonly string[]): JsFile[] =>
    [...new Set(paths)].map((p) => jsFile(served.outDir, p));
  const fetchedAtRest = files(page.scriptsAtRest);

  const deltas = page.frameDeltas;
  const medianFps = 1000 / median(deltas);
  const worstFrame = Math.max(...deltas);
  const slowFrames = deltas.filter((d) => d > BUDGET.worstFrameMs).length;

  const lighthouseRuns = await withDebuggingChromium(async (port) => ({
    mobile: await medianLighthouse(`${served.url}/`, port),
    desktop: await medianLighthouse(`${served.url}/`, port, desktopConfig),
  }));

  const out: string[] = [];
  out.push(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  out.push(`chromium: ${requireChromium()} (headless, software rendering)`);
  out.push('');
  for (const [language, paths] of Object.entries(page.firstScreen)) {
    const first = files(paths);
    const total = sum(first.map((f) => f.gzip));
    out.push(`first-load JavaScript, ${language} (every JS file fetched before the first render), gzip:`);
    for (const f of first) out.push(`  ${f.path}  ${kb(f.bytes)} raw, ${kb(f.gzip)} gzip`);
    out.push(
      `  total ${first.length} files, ${kb(total)} gzip (budget ≤ ${BUDGET.firstLoadKb} KB): ` +
        verdict(total <= BUDGET.firstLoadKb * 1024),
    );
  }
  out.push(
    `  all JS fetched once the first screen is at rest: ${fetchedAtRest.length} file(s), ` +
      `${kb(sum(fetchedAtRest.map((f) => f.gzip)))} gzip`,
  );
  out.push('');
  out.push(
    `replay at ${page.speed} for ${(PLAYBACK_MS / 1000).toFixed(0)} s ` +
      `(${page.stepsPlayed} steps, ${deltas.length} frames, ${VIEWPORT.width}×${VIEWPORT.height}):`,
  );
  out.push(
    `  median ${medianFps.toFixed(1)} fps (budget ${BUDGET.fps}): ${verdict(medianFps >= BUDGET.fps - 1)}`,
  );
  out.push(
    `  worst frame ${worstFrame.toFixed(1)} ms, ${slowFrames} frame(s) over ${BUDGET.worstFrameMs} ms ` +
      `(budget: none over ${BUDGET.worstFrameMs} ms): ${verdict(worstFrame <= BUDGET.worstFrameMs)}`,
  );
  out.push(
    `long tasks: during load ${page.longTasksLoad.length} (${sum(page.longTasksLoad).toFixed(0)} ms), ` +
      `during replay ${page.longTasksPlayback.length} (${sum(page.longTasksPlayback).toFixed(0)} ms)`,
  );
  out.push('');
  for (const [name, run] of Object.entries(lighthouseRuns)) {
    out.push(
      `Lighthouse ${name} (median of ${run.runs.length} runs: performance ${run.runs.join(', ')}): ` +
        `performance ${run.performance} (budget ≥ ${BUDGET.lighthousePerformance}): ` +
        `${verdict(run.performance >= BUDGET.lighthousePerformance)}; accessibility ${run.accessibility} ` +
        `(budget ${BUDGET.lighthouseAccessibility}): ${verdict(run.accessibility >= BUDGET.lighthouseAccessibility)}`,
    );
    out.push(`  ${run.metrics}`);
  }
  console.log(out.join('\n'));
} finally {
  await served.close();
}
