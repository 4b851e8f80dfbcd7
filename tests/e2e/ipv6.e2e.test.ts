import { describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, useBrowser } from './setup/browser';
import { outcome, select, stepUntil, translator } from './setup/app';

/**
 * IPv6 (issue 14): no NAT, so EPRT carries the client's real address, and still a stateful client firewall
 * drops vsftpd's SYN from port 20 (425); EPSV, where the client connects, works.
 */
describe('the firewall story over IPv6', () => {
  const browser = useBrowser();

  it(
    'active mode sends EPRT |2| and ends in 425 behind the client’s firewall; EPSV works',
    async () => {
      const t = translator('en');
      const { page } = await browser.open('/');

      await select(page, t, 'controls.ipVersion').selectOption({ label: t('options.ipVersion.6') });
      // NAT does not exist here: its controls are off and say why.
      await expect.poll(() => select(page, t, 'controls.serverNat').isDisabled()).toBe(true);
      await select(page, t, 'controls.clientFirewall').selectOption({
        label: t('options.clientFirewall.stateful'),
      });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.failed'));

      // The client writes EPRT |2| with its own global address, where the session asked for PORT.
      const eprt = await stepUntil(page, t, (text) => text.includes('EPRT |2|'));
      expect(eprt.text).toMatch(/EPRT \|2\|2001:db8:1::10\|\d+\|/);
      expect(eprt.text).toContain('PORT');
      // The diagram shows the hosts' IPv6 addresses.
      const diagram = page.locator('section.diagram').first();
      expect(await diagram.textContent()).toContain('2001:db8:1::10');

      // vsftpd's SYN from port 20 is dropped at the client's firewall, retried, and the client reads 425.
      const reply = await stepUntil(page, t, (text) => text.includes('“425'));
      expect(reply.text).toContain('425 Failed to establish connection.');
      const way = reply.seen.join('\n');
      expect(way).toMatch(/from its port 20 \(\[2001:db8:2::21\]:20\)/);
      expect(way).toMatch(/drops the packet/);

      // EPSV on the same settings: the client connects to the control connection's address, and it works.
      await select(page, t, 'controls.mode').selectOption({ label: t('options.mode.epsv') });
      await expect.poll(() => outcome(page, t).innerText()).toContain(t('outcome.success'));
      const data = await stepUntil(page, t, (text) => /opens the data connection: a SYN/.test(text));
      expect(data.text).toMatch(/to \[2001:db8:2::21\]:400\d\d/);
    },
    TEST_TIMEOUT,
  );
});
