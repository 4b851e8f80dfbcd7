import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import {
  outcome,
  position,
  replayControls,
  select,
  stepUntil,
  translator,
  waitForPosition,
} from './setup/app';

/**
 * Explicit FTPS (issue 14): behind NAT with the FTP helper on, active mode works in plain FTP because the
 * helper rewrites PORT; with AUTH TLS the helper cannot read the PORT, vsftpd gets the client's private
 * address and refuses it (500), and the inspector shows the encrypted record. TLS off, the same works.
 */
describe('explicit FTPS blinds the FTP helper', () => {
  const browser = useBrowser();

  it(
    'with TLS the helper cannot read PORT and the session fails; without TLS it succeeds',
    async () => {
      const t = translator('en');
      const { page } = await browser.open('/');

      await page.getByRole('checkbox', { name: t('controls.clientNat'), exact: true }).check();
      await page.getByRole('checkbox', { name: t('controls.helper'), exact: true }).check();
      expect(await select(page, t, 'controls.mode').inputValue()).toBe('active');
      expect(await select(page, t, 'controls.clientProgram').inputValue()).toBe('classic');
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.success'));

      await select(page, t, 'controls.tls').selectOption({ label: t('options.tls.explicit') });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.failed'));

      // The narration says what the helper could not read; the inspector names the line.
      const blind = await stepUntil(page, t, (text) => /control connection is encrypted/.test(text));
      expect(blind.text).toMatch(/would read “PORT 192,168,1,10,\d+,\d+”/);
      expect(blind.seen.join('\n')).toMatch(/AUTH TLS/);
      const inspector = page.getByRole('region', { name: t('inspector.heading'), exact: true });
      await expect.poll(() => inspector.innerText()).toContain(t('inspector.kinds.conntrack/helper-blind'));
      expect(await inspector.innerText()).toMatch(/PORT 192,168,1,10,\d+,\d+/);

      // The PORT itself, in the inspector: one TLS record of application data, opaque on the wire.
      await inspector.getByRole('button', { name: /^Show packet #\d+/ }).click();
      const tls = inspector.getByRole('region', { name: t('inspector.layers.tls'), exact: true });
      await tls.waitFor();
      expect(await tls.innerText()).toContain('application_data (23)');
      expect(await tls.innerText()).toContain('(opaque: encrypted)');
      expect(await inspector.innerText()).toContain(t('inspector.tls.simulated'));

      // vsftpd reads the private address the helper could not rewrite, and refuses it; then to the end.
      const refused = await stepUntil(page, t, (text) => text.includes('“500 Illegal PORT command.”'));
      expect(refused.text).toContain('inside a TLS record');
      const controls = replayControls(page, t);
      await controls.getByRole('button', { name: t('player.last'), exact: true }).click();
      const { total } = await position(page, t);
      await waitForPosition(page, t, total);
      expect(await outcome(page, t).innerText()).toContain(t('outcome.failed'));
      // The ladder labels the encrypted lines as a router sees them.
      expect(await page.getByRole('listbox').first().innerText()).toContain(t('tls.label.encrypted'));

      // TLS off, the same settings: the helper reads and rewrites PORT, and the session succeeds.
      await select(page, t, 'controls.tls').selectOption({ label: t('options.tls.none') });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.success'));
    },
    TEST_TIMEOUT,
  );
});
