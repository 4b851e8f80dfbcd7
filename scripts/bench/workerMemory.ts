/**
 * The capture reader's memory in the browser (issue 13: "memory under twice the file's size"): a capture of
 * hundreds of MB (BENCH_CAPTURE_MB, 200 by default), picked in the Capture view of the built app, read by the
 * app's own Web Worker. While it reads, every 100 ms: the worker's JavaScript heap (CDP's
 * Runtime.getHeapUsage, sent to the worker's target) and the resident memory of this Chromium's renderer
 * processes (the page and its worker live there; the picked file itself stays in the browser process's
 * blob store). Prints the peaks beside the file's size and the budget.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import type { ServedBuild } from '../support/serveBuild';
import { writeLargeCapture } from './generateCapture';

const MB = 1024 * 1024;
/** The bound: the reader's memory under twice the file's size. */
const BUDGET_TIMES_FILE = 2;
const SAMPLE_MS = 100;
const READ_TIMEOUT_MS = 300_000;

interface HeapUsage {
  readonly usedSize: number;
  readonly totalSize: number;
}

/** Asks the (first) dedicated worker of the page for its heap, through the page's CDP session. */
function workerHeap(cdp: CDPSession): () => Promise<HeapUsage | undefined> {
  let worker: string | undefined;
  let nextId = 1;
  const waiting = new Map<number, (usage: HeapUsage | undefined) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') worker = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const reply = JSON.parse(e.message) as { id?: number; result?: HeapUsage };
    if (reply.id === undefined) return;
    waiting.get(reply.id)?.(reply.result);
    waiting.delete(reply.id);
  });
  return () =>
    new Promise((resolve) => {
      if (!worker) return resolve(undefined);
      const id = nextId++;
      waiting.set(id, resolve);
      const message = JSON.stringify({ id, method: 'Runtime.getHeapUsage' });
      cdp.send('Target.sendMessageToTarget', { sessionId: worker, message }).catch(() => resolve(undefined));
      setTimeout(() => resolve(undefined), 1000);
    });
}

/** The resident memory (bytes) of these processes, from /proc (Linux). */
function residentBytes(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(rss ?? 0) * 1024;
    } catch {
      // The process ended: it holds nothing any more.
    }
  }
  return total;
}

export async function measureCaptureWorker(served: ServedBuild): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ftp-flow-lab-worker-memory-'));
  const browser = await launchChromium();
  try {
    const file = join(dir, 'class-sessions.pcap');
    const generated = writeLargeCapture(file, Number(process.env.BENCH_CAPTURE_MB ?? 200) * MB);
    const size = statSync(file).size;
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${served.url}/?view=capture`);
    const input = page.locator('input[type="file"]').first();
    await input.waitFor({ state: 'attached' });

    const cdp = await context.newCDPSession(page);
    const heap = workerHeap(cdp);
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    const system = await browser.newBrowserCDPSession();
    const { processInfo } = (await system.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);

    const before = residentBytes(renderers);
    let peakResident = before;
    let peakHeap = 0;
    let heapSamples = 0;
    let opened = false;
    const started = performance.now();
    await input.setInputFiles(file);
    const heading = page
      .locator('.capture-head h2')
      .waitFor({ timeout: READ_TIMEOUT_MS })
      .then(() => (opened = true));
    while (!opened) {
      const usage = await heap();
      if (usage) {
        peakHeap = Math.max(peakHeap, usage.usedSize);
        heapSamples++;
      }
      peakResident = Math.max(peakResident, residentBytes(renderers));
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
    await heading;
    const seconds = (performance.now() - started) / 1000;
    const growth = peakResident - before;
    const budget = BUDGET_TIMES_FILE * size;
    const within = (bytes: number): string => (bytes <= budget ? 'within budget' : 'OVER BUDGET');
    const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
    return [
      `capture read in the app's worker: ${mb(size)}, ${generated.sessions} FTP sessions, ` +
        `from picking to the replay ${seconds.toFixed(1)} s (${(size / MB / seconds).toFixed(0)} MB/s):`,
      `  worker heap, peak of ${heapSamples} samples: ${mb(peakHeap)} (${(peakHeap / size).toFixed(2)}× the file; ` +
        `budget ≤ ${BUDGET_TIMES_FILE}×): ${within(peakHeap)}`,
      `  renderer processes' resident memory: ${mb(before)} before, peak ${mb(peakResident)}, growth ` +
        `${mb(growth)} (${(growth / size).toFixed(2)}× the file; budget ≤ ${BUDGET_TIMES_FILE}×): ${within(growth)}`,
    ];
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
