import type { TFunction } from 'i18next';
import type { Scenario } from '../../engine';

/** A scenario's settings in words, one per item ("Mode: Active (PORT)", "Client firewall: Stateful"…). */
export function scenarioWords(s: Scenario, t: TFunction): string[] {
  const range = { min: s.server.passivePorts.min, max: s.server.passivePorts.max };
  const onOff = (on: boolean): string => (on ? t('options.onOff.on') : t('options.onOff.off'));
  return [
    ...(s.client.program === 'curl'
      ? [t('summary.clientProgram', { value: t('options.clientProgram.curl') })]
      : []),
    // Named only when on, as curl is: plain FTP is what every other setting assumes.
    ...(s.tls === 'explicit' ? [t('summary.tls', { value: t('options.tls.explicit') })] : []),
    t('summary.mode', { value: t(`options.mode.${s.mode}`) }),
    // Named only when it is IPv6: IPv4 is what every other setting assumes.
    ...(s.ipVersion === 6 ? [t('summary.ipVersion', { value: t('options.ipVersion.6') })] : []),
    t('summary.clientFirewall', { value: t(`options.clientFirewall.${s.clientFirewall}`) }),
    t('summary.serverFirewall', { value: t(`options.serverFirewall.${s.serverFirewall}`, range) }),
    t('summary.clientNat', { value: onOff(s.clientNat) }),
    t('summary.serverNat', { value: t(`options.serverNat.${s.serverNat}`) }),
    t('summary.helper', { value: onOff(s.helper) }),
  ];
}

/**
 * The same settings at a glance, for the header's one line: the two firewalls together, the two NATs
 * together ("Firewalls: client stateful, server none"), so the scenario fits a laptop's width in either
 * language; the settings panel has each one in full.
 */
export function scenarioGlance(s: Scenario, t: TFunction): string[] {
  const range = { min: s.server.passivePorts.min, max: s.server.passivePorts.max };
  return [
    t('summary.mode', { value: t(`options.mode.${s.mode}`) }),
    t('summary.firewalls', {
      client: t(`summary.short.clientFirewall.${s.clientFirewall}`),
      server: t(`summary.short.serverFirewall.${s.serverFirewall}`, range),
    }),
    // IPv6 has no NAT: the place of the NAT item says so.
    s.ipVersion === 6
      ? t('summary.ipv6')
      : t('summary.nat', {
          client: t(`summary.short.clientNat.${s.clientNat ? 'on' : 'off'}`),
          server: t(`summary.short.serverNat.${s.serverNat}`),
        }),
    t('summary.helper', { value: s.helper ? t('options.onOff.on') : t('options.onOff.off') }),
    ...(s.tls === 'explicit' ? [t('summary.tls', { value: t('summary.short.tls.explicit') })] : []),
  ];
}
