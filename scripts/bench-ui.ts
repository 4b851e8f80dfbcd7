/**
 * `npm run bench:ui`: how fast the web app is, measured on the production build served on 127.0.0.1 and
 * loaded in Debian's Chromium. Prints the numbers beside the budget; asserts nothing (speed is measured
 * here, never by timed assertions in tests).
 *
 * - first-load JavaScript: the gzip size (from the build) of every JS file Chromium fetched before the app
 *   began its first render (the entry, the app, the first screen's strings): the lesson of a first visit,
 *   in English and in Spanish, and the simulator of a returning visit; and all it fetched until its view
 *   was shown;
 * - the replay as a learner on a slow device sees it, with the CPU slowed down 4× (Chromium's own
 *   throttling, through playwright-core's CDP session), from the moment play is pressed (Space on a 1280×720
 *   laptop, a tap on Play on a 390×844 phone) to the end of the replay at 4× speed: median fps and the
 *   worst frame (requestAnimationFrame timestamps), every long task (PerformanceObserver 'longtask', over
 *   50 ms) and every request the page made meanwhile, per step (a step should fetch nothing);
 * - long tasks during load (unthrottled);
 * - Lighthouse performance and accessibility of a first visit, mobile (Lighthouse's default) and desktop,
 *   median of 3 runs, each from empty storage; and, outside the budget, of a return to the lesson
 *   (`npm run bench:ui -- --no-lighthouse` leaves them out, for a quicker look at the rest);
 * - the capture reader's memory in its Web Worker on a large capture, against twice the file's size
 *   (bench/workerMemory.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse, { desktopConfig, type Config } from 'lighthouse';
import type { SharedFlagsSettings as LighthouseSettings } from 'lighthouse/types/lhr/settings';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FIRST_RENDER_MARK } from '../src/firstRenderMark';
import { VIEW_STORAGE_KEY } from '../src/ui/startView';
import { CHROMIUM_ARGS, launchChromium, requireChromium } from './support/chromium';
import { FIRST_LOAD_BUDGET_KB, gzipSize } from './support/firstLoadBudget';
import { measureCaptureWorker } from './bench/workerMemory';
import { buildAndServe, type ServedBuild } from './support/serveBuild';

const BUDGET = {
  firstLoadKb: FIRST_LOAD_BUDGET_KB,
  fps: 60,
  worstFrameMs: 50,
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
} as const;

const LIGHTHOUSE_RUNS = 3;
/** A small laptop or a classroom projector. */
const VIEWPORT = { width: 1280, height: 720 };

/** Where the replay is measured: a laptop played with Space, a phone held upright played with a tap. */
interface ReplayScreen {
  readonly name: string;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly isMobile: boolean;
}

const REPLAY_SCREENS: readonly ReplayScreen[] = [
  { name: 'laptop', viewport: VIEWPORT, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
];
/** How much slower than this machine the CPU is made for the replay: a slow phone (Lighthouse's mobile factor). */
const CPU_THROTTLE = 4;
/** The longest a replay may take before the measurement gives up: 4× speed plays a step every 375 ms. */
const REPLAY_TIMEOUT_MS = 120_000;

interface JsFile {
  readonly path: string;
  readonly bytes: number;
  readonly gzip: number;
}

function jsFile(outDir: string, urlPath: string): JsFile {
  const content = readFileSync(join(outDir, decodeURIComponent(urlPath.replace(/^\//, ''))));
  return { path: urlPath, bytes: content.length, gzip: gzipSize(content) };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const verdict = (ok: boolean): string => (ok ? 'within budget' : 'OVER BUDGET');

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

interface ReplayMeasures {
  readonly screen: ReplayScreen;
  readonly speed: string;
  readonly frameDeltas: number[];
  readonly stepsPlayed: number;
  readonly replayMs: number;
  readonly longTasksLoad: number[];
  readonly longTasksReplay: { readonly at: number; readonly duration: number }[];
  /** Everything the page asked the network for between play and the end of the replay. */
  readonly requestsDuringReplay: string[];
}

/** How a visit starts: the browser's language and the view stored by an earlier visit (none: a first visit). */
interface Start {
  readonly locale: string;
  readonly storedView?: string;
}

/** The starts the budget holds for: the lesson of a first visit (each language), the simulator of a return. */
const STARTS: Readonly<Record<string, Start>> = {
  'lesson, first visit, English': { locale: 'en-US' },
  'lesson, first visit, Spanish': { locale: 'es-ES' },
  'simulator, returning visit, English': { locale: 'en-US', storedView: 'simulator' },
};

/** The JS files a start fetched: before the first render, and in all once its view was shown and at rest. */
interface StartScripts {
  readonly beforeFirstRender: string[];
  readonly atRest: string[];
}

interface PageMeasures {
  /** Per start (STARTS): the JS files it fetched. */
  readonly firstScreen: Readonly<Record<string, StartScripts>>;
  readonly scriptsAtRest: string[];
  readonly replays: ReplayMeasures[];
}

declare global {
  interface Window {
    __benchLongTasks?: { start: number; duration: number }[];
    __benchFrames?: number[];
  }
}

async function measurePage(served: ServedBuild): Promise<PageMeasures> {
  const browser = await launchChromium();
  try {
    const firstScreen: Record<string, StartScripts> = {};
    for (const [name, start] of Object.entries(STARTS))
      firstScreen[name] = await scriptsOfStart(browser, served, start);
    const scriptsAtRest: string[] = [];
    const replays: ReplayMeasures[] = [];
    for (const screen of REPLAY_SCREENS)
      replays.push(await measureReplay(browser, served, screen, scriptsAtRest));
    return { firstScreen, scriptsAtRest, replays };
  } finally {
    await browser.close();
  }
}

/**
 * One replay from play to its end, on `screen`, with the CPU throttled; the scripts the page fetched are
 * added to `scripts`.
 */
async function measureReplay(
  browser: Browser,
  served: ServedBuild,
  screen: ReplayScreen,
  scripts: string[],
): Promise<ReplayMeasures> {
  const context = await browser.newContext({
    viewport: screen.viewport,
    isMobile: screen.isMobile,
    hasTouch: screen.isMobile,
    locale: 'en-US',
    serviceWorkers: 'block',
  });
  try {
    await context.addInitScript(() => {
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          window.__benchLongTasks?.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      requests.push(request.url());
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    // The simulator (a first visit would open the lesson, which stops to ask questions).
    await page.goto(`${served.url}/?view=simulator`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The diagram, the ladder and the inspector arrive after the first paint; wait for them to settle.
    await page.locator('.diagram-svg[width]').first().waitFor();
    await page.waitForTimeout(1_000);

    const speed = await chooseFastestSpeed(page);
    // A learner's press of Space lands on the page, not on the speed control just clicked.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    const stepBefore = await stepNumber(page);
    const requestsBefore = requests.length;
    // A string, not a function: tsx would wrap a named inner function with a helper the page lacks.
    await page.evaluate(`(() => {
      window.__benchFrames = [];
      const frame = (t) => {
        window.__benchFrames.push(t);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    })()`);
    // Found once, before play: a role query walks the whole page's accessibility (tens of ms at 4×), and
    // polled during the replay it would put long tasks of its own among the ones measured.
    const play = await page.getByRole('button', { name: 'Play', exact: true }).elementHandle();
    const says = (label: string, timeout: number) =>
      page.waitForFunction(([button, text]) => button.textContent?.trim() === text, [play, label] as const, {
        polling: 100,
        timeout,
      });
    const playStart = await page.evaluate(() => performance.now());
    if (screen.isMobile) await play.tap();
    else await page.keyboard.press('Space');
    await says('Pause', 10_000).catch(() => undefined);
    // The replay is over when the player offers Play again (it stops on the last step).
    await says('Play', REPLAY_TIMEOUT_MS);
    const playEnd = await page.evaluate(() => performance.now());
    const stamps = (await page.evaluate(() => window.__benchFrames ?? [])).filter(
      (t) => t >= playStart && t <= playEnd,
    );
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const stepAfter = await stepNumber(page);
    const longTasks = (await page.evaluate(() => window.__benchLongTasks ?? [])).map((t) => ({ ...t }));
    return {
      screen,
      speed,
      frameDeltas: stamps.slice(1).map((t, i) => t - (stamps[i] ?? t)),
      stepsPlayed: stepAfter - stepBefore,
      replayMs: playEnd - playStart,
      longTasksLoad: longTasks.filter((t) => t.start < playStart).map((t) => t.duration),
      longTasksReplay: longTasks
        .filter((t) => t.start >= playStart && t.start <= playEnd)
        .map((t) => ({ at: t.start - playStart, duration: t.duration })),
      requestsDuringReplay: requests.slice(requestsBefore),
    };
  } finally {
    await context.close();
  }
}

/**
 * The JS files a fresh profile fetched before the app began its first render (from the page's own
 * Resource Timing, against the app's User Timing mark), and all it had fetched once its view was shown.
 */
async function scriptsOfStart(browser: Browser, served: ServedBuild, start: Start): Promise<StartScripts> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: start.locale,
    serviceWorkers: 'block',
  });
  try {
    if (start.storedView)
      await context.addInitScript(([key, view]) => localStorage.setItem(key, view), [
        VIEW_STORAGE_KEY,
        start.storedView,
      ] as const);
    const page = await context.newPage();
    await page.goto(`${served.url}/`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The view itself (each is a <main>), not the loading status in its place.
    await page.getByRole('main').first().waitFor();
    await page.waitForLoadState('networkidle');
    return await page.evaluate((mark) => {
      const rendered = performance.getEntriesByName(mark)[0]?.startTime;
      if (rendered === undefined) throw new Error(`the app set no ${mark} mark`);
      // No named functions in here: tsx would wrap them with a helper the page lacks.
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith('.js'));
      return {
        beforeFirstRender: scripts.filter((e) => e.startTime < rendered).map((e) => new URL(e.name).pathname),
        atRest: scripts.map((e) => new URL(e.name).pathname),
      };
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

/** Stores `view` as the one the visitor was last on, in the debugging Chromium's profile. */
async function storeView(url: string, port: number, view: string): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0];
    if (!context) throw new Error('the debugging Chromium has no browser context');
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      VIEW_STORAGE_KEY,
      view,
    ] as const);
    await page.close();
  } finally {
    // Only the connection: the Chromium is Lighthouse's.
    await browser.close();
  }
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

/**
 * What Lighthouse clears before each run: its own defaults (service workers, caches…) and the page's
 * storage too, so that every run is the first visit that run 1 is (by default it keeps localStorage, and
 * runs 2 and 3 were returns to the view run 1 left).
 */
const FIRST_VISIT_STORAGE: LighthouseSettings['clearStorageTypes'] = [
  'file_systems',
  'shader_cache',
  'service_workers',
  'cache_storage',
  'local_storage',
  'indexeddb',
];

/** Where a Lighthouse run starts: a first visit, or a return to a view (stored before the run). */
type LighthouseVisit = { readonly firstVisit: true } | { readonly storedView: string };

async function runLighthouse(
  url: string,
  port: number,
  visit: LighthouseVisit,
  config?: Config,
): Promise<LighthouseScores> {
  if ('storedView' in visit) await storeView(url, port, visit.storedView);
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      ...('firstVisit' in visit ? { clearStorageTypes: FIRST_VISIT_STORAGE } : {}),
    },
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
  visit: LighthouseVisit,
  config?: Config,
): Promise<LighthouseScores & { runs: number[] }> {
  const runs: LighthouseScores[] = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) runs.push(await runLighthouse(url, port, visit, config));
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no Lighthouse run');
  return { ...middle, runs: runs.map((r) => r.performance) };
}

/** The lines that say how a replay went, against the budget. */
function replayReport(replay: ReplayMeasures): string[] {
  const { screen } = replay;
  const deltas = replay.frameDeltas;
  const medianFps = 1000 / median(deltas);
  const worstFrame = Math.max(0, ...deltas);
  const slowFrames = deltas.filter((d) => d > BUDGET.worstFrameMs).length;
  const tasks = replay.longTasksReplay;
  const worstTask = Math.max(0, ...tasks.map((t) => t.duration));
  const requests = replay.requestsDuringReplay;
  const how = screen.isMobile ? 'a tap on Play' : 'Space';
  return [
    `replay on a ${screen.name} (${screen.viewport.width}×${screen.viewport.height}), from ${how} to its end ` +
      `at ${replay.speed}, CPU throttled ${CPU_THROTTLE}× (${replay.stepsPlayed} steps in ` +
      `${(replay.replayMs / 1000).toFixed(1)} s, ${deltas.length} frames):`,
    `  median ${medianFps.toFixed(1)} fps (budget ${BUDGET.fps}): ${verdict(medianFps >= BUDGET.fps - 1)}`,
    `  worst frame ${worstFrame.toFixed(1)} ms, ${slowFrames} frame(s) over ${BUDGET.worstFrameMs} ms ` +
      `(budget: none over ${BUDGET.worstFrameMs} ms): ${verdict(worstFrame <= BUDGET.worstFrameMs)}`,
    `  long tasks: ${tasks.length}, the longest ${worstTask.toFixed(0)} ms, ` +
      `${sum(tasks.map((t) => t.duration)).toFixed(0)} ms in all (budget: none): ` +
      verdict(tasks.length === 0) +
      (tasks.length
        ? `; at ${tasks.map((t) => `${(t.at / 1000).toFixed(2)} s (${t.duration.toFixed(0)} ms)`).join(', ')}`
        : ''),
    `  requests: ${requests.length}, ${(requests.length / Math.max(1, replay.stepsPlayed)).toFixed(2)} per step ` +
      `(budget: none): ${verdict(requests.length === 0)}` +
      (requests.length ? `; ${requests.join(', ')}` : ''),
    `  long tasks during load (not throttled): ${replay.longTasksLoad.length} ` +
      `(${sum(replay.longTasksLoad).toFixed(0)} ms)`,
  ];
}

const served = await buildAndServe();
try {
  const page = await measurePage(served);
  const files = (paths: readonly string[]): JsFile[] =>
    [...new Set(paths)].map((p) => jsFile(served.outDir, p));
  const fetchedAtRest = files(page.scriptsAtRest);

  const lighthouseRuns: Record<string, LighthouseScores & { runs: number[]; budget?: false }> =
    process.argv.includes('--no-lighthouse')
      ? {}
      : await withDebuggingChromium(async (port) => ({
          'mobile, first visit': await medianLighthouse(`${served.url}/`, port, { firstVisit: true }),
          'desktop, first visit': await medianLighthouse(
            `${served.url}/`,
            port,
            { firstVisit: true },
            desktopConfig,
          ),
          // Not the first-load budget: a return without a link opens where the visitor was, which for the
          // lesson may be a chapter, so its first render waits for the lesson's code (offline, the service
          // worker serves it from the device; Lighthouse clears that worker before each run).
          'mobile, a return to the lesson': {
            ...(await medianLighthouse(`${served.url}/`, port, { storedView: 'lesson' })),
            budget: false,
          },
        }));

  const out: string[] = [];
  out.push(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  out.push(`chromium: ${requireChromium()} (headless, software rendering)`);
  out.push('');
  for (const [start, scripts] of Object.entries(page.firstScreen)) {
    const first = files(scripts.beforeFirstRender);
    const total = sum(first.map((f) => f.gzip));
    out.push(`first-load JavaScript, ${start} (every JS file fetched before the first render), gzip:`);
    for (const f of first) out.push(`  ${f.path}  ${kb(f.bytes)} raw, ${kb(f.gzip)} gzip`);
    out.push(
      `  total ${first.length} files, ${kb(total)} gzip (budget ≤ ${BUDGET.firstLoadKb} KB): ` +
        verdict(total <= BUDGET.firstLoadKb * 1024),
    );
    const atRest = files(scripts.atRest);
    out.push(
      `  all JS fetched once its view is shown and at rest: ${atRest.length} file(s), ` +
        `${kb(sum(atRest.map((f) => f.gzip)))} gzip`,
    );
  }
  out.push(
    `all JS the simulator opened from a link (the replays below) fetched: ${fetchedAtRest.length} file(s), ` +
      `${kb(sum(fetchedAtRest.map((f) => f.gzip)))} gzip`,
  );
  out.push('');
  for (const replay of page.replays) out.push(...replayReport(replay), '');
  for (const [name, run] of Object.entries(lighthouseRuns)) {
    const runs = `Lighthouse ${name} (median of ${run.runs.length} runs: performance ${run.runs.join(', ')}): `;
    out.push(
      run.budget === false
        ? `${runs}performance ${run.performance}, accessibility ${run.accessibility} (not in the first-load budget)`
        : `${runs}performance ${run.performance} (budget ≥ ${BUDGET.lighthousePerformance}): ` +
            `${verdict(run.performance >= BUDGET.lighthousePerformance)}; accessibility ${run.accessibility} ` +
            `(budget ${BUDGET.lighthouseAccessibility}): ${verdict(run.accessibility >= BUDGET.lighthouseAccessibility)}`,
    );
    out.push(`  ${run.metrics}`);
  }
  out.push('');
  out.push(...(await measureCaptureWorker(served)));
  console.log(out.join('\n'));
} finally {
  await served.close();
}
