/**
 * A real capture in the app (issue 13): a teacher drops a capture of a class's FTP sessions on the page,
 * picks one, steps through it, and holds it against the simulation; a large file read in the worker shows
 * its progress and can be cancelled, and is then opened through the file picker.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLargeCapture } from '../../scripts/bench/generateCapture';
import { mergePcaps } from '../import/fixtures/mergePcaps';
import { axeViolations } from './setup/axe';
import { SLOW_TEST_TIMEOUT, useBrowser } from './setup/browser';
import { narration, position, replayControls, translator, waitForPosition } from './setup/app';

const t = translator('en');
const CAPTURES = path.resolve(import.meta.dirname, '../../../shared/captures');
const capture = (name: string) => new Uint8Array(readFileSync(path.join(CAPTURES, name)));

/** Drags a file over the page and drops it, as a user dragging it from the desktop would. */
async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type: 'application/vnd.tcpdump.pcap' }));
      return transfer;
    },
    { name, base64: Buffer.from(bytes).toString('base64') },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  // While a file is over the page, the page says where it goes.
  await page.getByText(t('shell.capture.dropHere'), { exact: true }).waitFor();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

const temporary = mkdtempSync(path.join(tmpdir(), 'capture-e2e-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

describe('a real capture', () => {
  const browser = useBrowser();

  it(
    'is dropped on the simulator, a session chosen, stepped through, and held against the simulation',
    async () => {
      const { page } = await browser.open('/');
      // Two sessions of a class: a passive one a server firewall breaks, then an active one that works.
      const file = mergePcaps([
        capture('active-nofw-success-client.pcap'),
        capture('passive-serverfw-port21-fail-client.pcap'),
      ]);
      await dropFile(page, 'class.pcap', file);

      await page.getByRole('heading', { name: t('capture.heading', { name: 'class.pcap' }) }).waitFor();
      expect(await page.getByText(t('capture.privacy'), { exact: true }).count()).toBeGreaterThan(0);
      const tab = page.getByRole('tab', { name: t('shell.views.capture'), exact: true });
      expect(await tab.getAttribute('aria-selected')).toBe('true');

      // The first session (the earliest) is the passive one a server firewall broke: the findings say
      // something between the hosts dropped the data SYN, each marked inferred.
      const findings = page.getByRole('region', { name: t('capture.findings'), exact: true });
      // (The badge is in capitals on screen: matched whatever its case.)
      const badge = new RegExp(`^${t('capture.inferred')}$`, 'i');
      expect(await findings.locator('li').count()).toBeGreaterThan(0);
      expect(await findings.locator('li').getByText(badge).count()).toBe(
        await findings.locator('li').count(),
      );
      expect(await findings.innerText()).toMatch(/never got an answer|never answered/);

      // The file holds two sessions: the first is on screen, the second is one choice away.
      const choice = page.getByRole('combobox', { name: t('capture.session'), exact: true });
      expect(await choice.locator('option').count()).toBe(2);
      await choice.selectOption('2');
      await page.getByRole('button', { name: t('capture.showSession'), exact: true }).click();
      await expect.poll(() => choice.inputValue()).toBe('2');
      // Read again from the file: the page announces the session it opened.
      const announced = t('capture.openedAnnounce', { name: 'class.pcap', index: 2, count: 2, steps: 0 });
      await page
        .getByText(announced.slice(0, announced.indexOf(',')), { exact: false })
        .first()
        .waitFor({ state: 'attached' });

      // The simulator's own replay: the first step, then the next ones with the player.
      const first = await position(page, t);
      expect(first.current).toBe(1);
      const next = replayControls(page, t).getByRole('button', { name: t('player.forward'), exact: true });
      const seen = [await narration(page, t)];
      for (let step = 2; step <= 4; step++) {
        await next.click();
        await waitForPosition(page, t, step);
        seen.push(await narration(page, t));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen[0]).toMatch(/opens the control connection/);
      expect(await axeViolations(page)).toEqual([]);

      // Reality against the model: the scenario the capture suggests, simulated, side by side.
      await page.getByRole('button', { name: t('capture.simulate'), exact: true }).click();
      const compare = page.getByRole('region', { name: t('capture.compare.heading'), exact: true });
      await compare.waitFor();
      await compare.getByRole('heading', { name: t('capture.compare.captureSide'), exact: true }).waitFor();
      await compare
        .getByRole('heading', { name: t('capture.compare.simulationSide'), exact: true })
        .waitFor();
      expect(
        await compare.getByRole('heading', { name: t('capture.compare.phase.control'), exact: true }).count(),
      ).toBe(1);
      // Both ladders are drawn, phase by phase, each phase starting on the same line on both sides.
      const tops = await compare
        .locator('.phase-cell')
        .evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().top)));
      expect(tops.length).toBeGreaterThanOrEqual(8);
      for (let i = 0; i < tops.length; i += 2) expect(tops[i]).toBe(tops[i + 1]);
      // The active session that worked is what its own scenario's simulation shows, phase by phase.
      expect(await compare.getByRole('status').innerText()).toContain(t('capture.compare.same'));

      // Nothing for axe to find on the replay of a capture (above) or on the comparison.
      expect(await axeViolations(page)).toEqual([]);

      // Back to the simulator: the simulation is there as it was, the capture kept for its tab.
      await page.getByRole('tab', { name: t('shell.views.simulator'), exact: true }).click();
      await expect.poll(() => position(page, t).then((p) => p.current)).toBe(1);
      await tab.click();
      await page.getByRole('heading', { name: t('capture.heading', { name: 'class.pcap' }) }).waitFor();
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'reads a large file in the worker with a progress bar and a cancel button, then through the picker',
    async () => {
      const { page } = await browser.open('/?view=capture');
      const big = path.join(temporary, 'many-sessions.pcap');
      const generated = writeLargeCapture(big, 48 * 1024 * 1024);
      const input = page.locator('input[type="file"]').first();

      // The worker reads 48 MB in under a second, faster than a click can be aimed on a busy machine: the
      // page itself presses Cancel the moment the progress bar and its button appear, while the worker reads.
      await page.evaluate((cancelLabel) => {
        const pressed = new MutationObserver(() => {
          const bar = document.querySelector('[role="progressbar"], progress');
          const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent === cancelLabel);
          if (!bar || !cancel) return;
          pressed.disconnect();
          document.body.dataset.cancelPressedDuring = 'reading';
          cancel.click();
        });
        pressed.observe(document.body, { childList: true, subtree: true });
      }, t('capture.cancel'));
      await input.setInputFiles(big);
      const bar = page.getByRole('progressbar', { name: t('capture.progressLabel'), exact: true });
      await page
        .getByText(t('capture.failed.cancelled', { name: 'many-sessions.pcap' }), { exact: true })
        .first()
        .waitFor();
      expect(await page.evaluate(() => document.body.dataset.cancelPressedDuring)).toBe('reading');
      expect(await bar.count()).toBe(0);
      // The page kept working all along: the start screen is still there, nothing opened.
      await page.getByRole('heading', { name: t('capture.start.heading'), exact: true }).waitFor();

      // Opened again, and left to finish: the read time is what the page reports.
      const started = Date.now();
      await input.setInputFiles(big);
      await page
        .getByRole('heading', { name: t('capture.heading', { name: 'many-sessions.pcap' }) })
        .waitFor({ timeout: 90_000 });
      const wall = Date.now() - started;
      const facts = await page.locator('.capture-facts').innerText();
      const reported = /([\d,]+) ms/.exec(facts)?.[1]?.replace(/,/g, '');
      expect(reported).toBeDefined();
      const choice = page.getByRole('combobox', { name: t('capture.session'), exact: true });
      expect(await choice.locator('option').count()).toBe(Math.min(generated.sessions, 1000));
      const mb = generated.bytes / (1024 * 1024);
      console.info(
        `capture e2e: ${mb.toFixed(1)} MB, ${generated.sessions} sessions read in the worker in ${reported} ms ` +
          `(${((mb * 1000) / Number(reported)).toFixed(0)} MB/s), ${wall} ms from picking to the replay`,
      );
    },
    SLOW_TEST_TIMEOUT,
  );
});
