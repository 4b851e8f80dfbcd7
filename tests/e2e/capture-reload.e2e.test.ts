/**
 * A real capture survives a reload (issue 13): the file opened last is kept in this browser (IndexedDB) and
 * replayed again, at the session chosen; closing it removes it; a kept copy that cannot be read back gets a
 * clear message and the page works on.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergePcaps } from '../import/fixtures/mergePcaps';
import { SLOW_TEST_TIMEOUT, useBrowser } from './setup/browser';
import { translator } from './setup/app';

const t = translator('en');
const CAPTURES = path.resolve(import.meta.dirname, '../../../shared/captures');
const capture = (name: string) => readFileSync(path.join(CAPTURES, name));

describe('a capture across a reload', () => {
  const browser = useBrowser();

  it(
    'comes back at its session after a reload, and not after it was closed',
    async () => {
      const { page } = await browser.open('/?view=capture');
      const file = mergePcaps([
        new Uint8Array(capture('active-nofw-success-client.pcap')),
        new Uint8Array(capture('passive-serverfw-port21-fail-client.pcap')),
      ]);
      await page
        .locator('input[type="file"]')
        .first()
        .setInputFiles({
          name: 'class.pcap',
          mimeType: 'application/vnd.tcpdump.pcap',
          buffer: Buffer.from(file),
        });
      const heading = page.getByRole('heading', { name: t('capture.heading', { name: 'class.pcap' }) });
      await heading.waitFor();
      // The second session of the two, chosen.
      const choice = page.getByRole('combobox', { name: t('capture.session'), exact: true });
      await choice.selectOption('2');
      await page.getByRole('button', { name: t('capture.showSession'), exact: true }).click();
      await expect.poll(() => choice.inputValue()).toBe('2');
      await page.getByText(t('capture.kept.kept'), { exact: true }).waitFor();
      // What the file holds (the time it took to read aside).
      const facts = async () => (await page.locator('.capture-facts').innerText()).replace(/[\d,]+ ms/, '');
      const before = await facts();

      await page.reload();
      await heading.waitFor();
      await expect.poll(() => choice.inputValue()).toBe('2');
      expect(await facts()).toBe(before);
      await page.getByText(t('capture.kept.kept'), { exact: true }).waitFor();

      // Closed: gone for good.
      await page.getByRole('button', { name: t('capture.forget'), exact: true }).click();
      await page.goto(new URL('/?view=capture', page.url()).href);
      await page.getByRole('heading', { name: t('capture.start.heading'), exact: true }).waitFor();
      // Nothing comes back a moment later either.
      await page.waitForFunction(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('ftp-flow-lab-capture', 1);
          r.onupgradeneeded = () => r.result.createObjectStore('kept');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const kept = await new Promise((resolve) => {
          const r = db.transaction('kept').objectStore('kept').get('last');
          r.onsuccess = () => resolve(r.result);
        });
        db.close();
        return kept === undefined;
      });
      expect(await heading.count()).toBe(0);
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'says so when the kept copy cannot be read back, and opens the start screen',
    async () => {
      // Written before the capture view ever runs in this profile (the quiz never looks for a kept capture).
      const session = await browser.open('/?view=quiz');
      const { page } = session;
      // A record another version of the app (or a damaged profile) left: not what this one writes.
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const r = indexedDB.open('ftp-flow-lab-capture', 1);
            r.onupgradeneeded = () => r.result.createObjectStore('kept');
            r.onerror = () => reject(r.error);
            r.onsuccess = () => {
              const tx = r.result.transaction('kept', 'readwrite');
              tx.objectStore('kept').put({ version: 7, name: 'old.pcap', bytes: 'AAAA' }, 'last');
              tx.oncomplete = () => {
                r.result.close();
                resolve();
              };
            };
          }),
      );
      await session.goto('/?view=capture');
      await page.getByRole('alert').getByText(t('capture.kept.unreadable'), { exact: true }).waitFor();
      await page.getByRole('heading', { name: t('capture.start.heading'), exact: true }).waitFor();
      // Said once: the bad copy is gone, the next visit starts clean.
      await page.reload();
      await page.getByRole('heading', { name: t('capture.start.heading'), exact: true }).waitFor();
      expect(await page.getByText(t('capture.kept.unreadable'), { exact: true }).count()).toBe(0);
    },
    SLOW_TEST_TIMEOUT,
  );
});
