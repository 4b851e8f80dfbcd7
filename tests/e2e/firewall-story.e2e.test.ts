import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { narration, outcome, position, select, stepUntil, translator } from './setup/app';

/**
 * The heart of the lab: a stateful firewall in front of the client breaks active mode (the server's SYN
 * for the data connection is dropped, retried, and the server gives up with 425), and passive mode works.
 */
describe('the firewall story', () => {
  const browser = useBrowser();

  it(
    'drops the server’s data SYN at the client’s firewall, ends in 425, and passive mode fixes it',
    async () => {
      const t = translator('en');
      const { page } = await browser.open('/');

      // The classic example, ready to play: active mode, no firewall, and it works.
      await expect.poll(() => select(page, t, 'controls.mode').inputValue()).toBe('active');
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.success'));

      await select(page, t, 'controls.clientFirewall').selectOption({
        label: t('options.clientFirewall.stateful'),
      });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.failed'));
      expect(await position(page, t)).toMatchObject({ current: 1 });

      // Step to the server's SYN for the data connection: it is marked dropped.
      const syn = await stepUntil(page, t, (text) => text.includes(t('steps.dropped')));
      expect(syn.text).toMatch(/The server opens the data connection from its port 20/);
      expect(syn.text).toContain('dropped');
      // The inspector gives the packet's fate and the rule that dropped it.
      const inspector = page.getByRole('region', { name: t('inspector.heading'), exact: true });
      expect(await inspector.innerText()).toMatch(/Dropped at .*-P INPUT DROP/);

      // The next step says who dropped it and why.
      const verdict = await stepUntil(page, t, (text) => text !== syn.text, 1);
      expect(verdict.text).toMatch(/The firewall on the client.* drops the packet/);
      expect(verdict.text).toContain('new incoming connection');

      // Retries on the virtual clock, then vsftpd gives up and the client reads 425.
      const reply = await stepUntil(page, t, (text) => text.includes('“425'));
      expect(reply.text).toContain('425 Failed to establish connection.');
      const way = reply.seen.join('\n');
      expect(way).toMatch(/sends the SYN again \(retransmission 1\)/);
      expect(way).toMatch(/The server gives up/);
      expect(reply.text).toMatch(/\b60\.\d+ s\b/);

      // Passive mode on the same settings: the client opens the data connection, and it works.
      await select(page, t, 'controls.mode').selectOption({ label: t('options.mode.passive') });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.success'));
      expect(await position(page, t)).toMatchObject({ current: 1 });
      const data = await stepUntil(page, t, (text) => /opens the data connection: a SYN/.test(text));
      expect(data.text).toMatch(/The client opens the data connection: a SYN/);
      expect(data.text).not.toContain(t('steps.dropped'));
    },
    TEST_TIMEOUT,
  );

  it(
    'tells the same story in Spanish',
    async () => {
      const t = translator('es');
      // The link's language wins over the browser's (English here).
      const { page } = await browser.open('/?lang=es', { locale: 'en-US' });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');

      await select(page, t, 'controls.clientFirewall').selectOption({
        label: t('options.clientFirewall.stateful'),
      });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.failed'));

      const syn = await stepUntil(page, t, (text) => text.includes(t('steps.dropped')));
      expect(syn.text).toMatch(/El servidor abre la conexión de datos desde su puerto 20/);
      expect(syn.text).toContain('descartado');
      const verdict = await stepUntil(page, t, (text) => text !== syn.text, 1);
      expect(verdict.text).toMatch(/cortafuegos/i);
      expect(verdict.text).toContain('descarta el paquete');

      const reply = await stepUntil(page, t, (text) => text.includes('«425'));
      expect(reply.text).toContain('El servidor responde «425 Failed to establish connection.»');
      expect(reply.seen.join('\n')).toMatch(/vuelve a enviar el SYN \(retransmisión 1\)/);

      await select(page, t, 'controls.mode').selectOption({ label: t('options.mode.passive') });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.success'));
      expect(await narration(page, t)).toContain('Paso 1 de');
    },
    TEST_TIMEOUT,
  );
});
