import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REPLIES } from '../../src/engine/ftp/replies';
import { catalogs } from '../../src/i18n';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { currentStep, deferredPanelsAt, outcome, replayControls, select, translator } from './setup/app';

/**
 * Common English words of the app's sentences and labels. None may show on a Spanish screen (the
 * first test below checks that the Spanish catalogs never use them, so a hit is a real leak).
 */
const ENGLISH_WORDS = [
  'the',
  'and',
  'with',
  'which',
  'step',
  'steps',
  'client',
  'server',
  'connection',
  'sends',
  'opens',
  'replies',
  'firewall',
  'scenario',
  'mode',
  'previous',
  'next',
  'first',
  'last',
  'play',
  'pause',
  'success',
  'failed',
  'language',
  'keys',
  'data',
  'listening',
  'packet',
];

/** Spanish words that must all be gone once the screen is English again. */
const SPANISH_WORDS = [
  'paso',
  'pasos',
  'escenario',
  'cortafuegos',
  'servidor',
  'cliente',
  'conexión',
  'envía',
  'reproducir',
  'resultado',
  'éxito',
  'modo',
  'idioma',
];

/**
 * The server's own words, which every language shows as they travel on the wire: vsftpd's reply texts
 * (`425 Failed to establish connection.`), wherever they appear, quoted or not.
 */
const WIRE_TEXTS = Object.values(REPLIES).map((r) => r.text);
/** vsftpd's 150 for RETR names the file (engine/ftp/replies.ts, retrStartingText). */
const RETR_STARTING = /Opening (BINARY|ASCII) mode data connection for \S+ \(\d+ bytes\)\./g;

/**
 * The words of everything a user can see or hear: the page's text, accessible names and descriptions
 * given as attributes, and the title, without the server's own words (WIRE_TEXTS) and quotations.
 */
async function screenWords(page: Page): Promise<Set<string>> {
  const text = await page.evaluate(() => {
    const attributes = ['aria-label', 'title', 'alt', 'placeholder', 'aria-roledescription'];
    // innerText leaves out what the browser has not laid out: the blocks below the fold that the app
    // renders on approach (content-visibility: auto). Read the whole page as if it were all on screen.
    const everything = document.createElement('style');
    everything.textContent = '* { content-visibility: visible !important; }';
    document.head.append(everything);
    const parts = [document.title, document.body.innerText];
    everything.remove();
    for (const el of document.querySelectorAll('*')) {
      for (const name of attributes) {
        const value = el.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    // SVG text (the ladder) is not in innerText.
    for (const el of document.querySelectorAll('svg text')) parts.push(el.textContent ?? '');
    return parts.join('\n');
  });
  return wordsOf(text);
}

function wordsOf(text: string): Set<string> {
  let rest = text.replace(RETR_STARTING, ' ');
  for (const wire of WIRE_TEXTS) rest = rest.split(wire).join(' ');
  const unquoted = rest.replace(/«[^»]*»|“[^”]*”|"[^"]*"|\{\{[^}]*\}\}/g, ' ');
  // Hyphenated and snake_case names (ftp-data, connect_from_port_20) are one word: names, not English.
  return new Set(unquoted.toLowerCase().match(/[a-záéíóúüñ0-9]+(?:[-_][a-z0-9]+)*/g) ?? []);
}

function catalogText(catalog: object): string {
  return Object.values(catalog)
    .map((v: unknown) => (typeof v === 'object' && v !== null ? catalogText(v) : String(v)))
    .join('\n');
}

describe('switching language', () => {
  const browser = useBrowser();

  it('uses none of the probe words in the Spanish catalogs', () => {
    const spanish = wordsOf(catalogText(catalogs.es));
    expect(ENGLISH_WORDS.filter((w) => spanish.has(w))).toEqual([]);
  });

  it(
    'turns every visible string to Spanish and back, with no mixed-language screen',
    async () => {
      const en = translator('en');
      const es = translator('es');
      const { page } = await browser.open('/');
      // A failing scenario shows the most text: the failure's reasons and the way to the failing step.
      await select(page, en, 'controls.clientFirewall').selectOption('stateful');
      await expect.poll(() => outcome(page, en).innerText()).toContain(en('outcome.failed'));
      await replayControls(page, en)
        .getByRole('button', { name: en('player.forward') })
        .click();
      // The inspector and the step list follow the step at low priority: read the screen once they show
      // step 2 too, or the first reading has step 1's details and the last one step 2's.
      await deferredPanelsAt(page, en, 2);

      const english = await screenWords(page);
      expect(SPANISH_WORDS.filter((w) => english.has(w))).toEqual([]);
      expect(ENGLISH_WORDS.filter((w) => english.has(w)).length).toBeGreaterThan(20);

      await page
        .getByRole('group', { name: en('language.label') })
        .getByRole('button', { name: 'Español' })
        .click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');

      // Region by region: the header, the scenario form, the outcome, the current step, the replay, the steps.
      await page.getByRole('heading', { level: 1, name: es('app.title') }).waitFor();
      // The tagline is in the page (shown where the header's row has room for it).
      await page.getByText(es('app.tagline')).waitFor({ state: 'attached' });
      await page.getByRole('form', { name: es('controls.heading') }).waitFor();
      expect(await select(page, es, 'controls.clientFirewall').inputValue()).toBe('stateful');
      expect(await outcome(page, es).innerText()).toContain(es('outcome.failed'));
      expect(await currentStep(page, es).innerText()).toContain('Paso 2 de');
      await replayControls(page, es)
        .getByRole('button', { name: es('player.play') })
        .waitFor();
      await page.getByRole('region', { name: es('steps.heading'), exact: true }).waitFor();
      await page
        .getByRole('group', { name: es('language.label') })
        .getByRole('button', { name: 'Español', pressed: true })
        .waitFor();
      await deferredPanelsAt(page, es, 2);

      const spanish = await screenWords(page);
      expect(ENGLISH_WORDS.filter((w) => spanish.has(w))).toEqual([]);
      expect(SPANISH_WORDS.filter((w) => spanish.has(w)).length).toBeGreaterThan(8);

      // And back: the same screen in English, with every Spanish word gone.
      await page
        .getByRole('group', { name: es('language.label') })
        .getByRole('button', { name: 'English' })
        .click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('form', { name: en('controls.heading') }).waitFor();
      await deferredPanelsAt(page, en, 2);
      const again = await screenWords(page);
      expect(SPANISH_WORDS.filter((w) => again.has(w))).toEqual([]);
      expect([...english].filter((w) => !again.has(w))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
  it(
    'opens in the browser’s language when the link names none',
    async () => {
      const es = translator('es');
      const { page } = await browser.open('/', { locale: 'es-MX' });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      await page.getByRole('form', { name: es('controls.heading') }).waitFor();
      const words = await screenWords(page);
      expect(ENGLISH_WORDS.filter((w) => words.has(w))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
