import type { Scenario } from '../../engine';

export type CapturePoint = 'client' | 'server';

/** Lower-case letters, digits and single dashes only: safe on every file system. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The scenario in a file name, e.g. `ftp-active-clientfw` or `ftp-passive-serverfw-port21-clientnat-helper`:
 * the mode, then only the settings that differ from the classic example.
 */
export function scenarioSlug(scenario: Scenario): string {
  const parts = ['ftp', scenario.mode];
  if (scenario.clientFirewall !== 'none') parts.push('clientfw');
  if (scenario.serverFirewall !== 'none') parts.push(`serverfw-${scenario.serverFirewall}`);
  if (scenario.clientNat) parts.push('clientnat');
  if (scenario.serverNat !== 'none') parts.push(`servernat-${scenario.serverNat}`);
  if (scenario.helper) parts.push('helper');
  if (scenario.client.dataPort !== 'textbook') parts.push(scenario.client.dataPort);
  return slug(parts.join('-'));
}

/** `ftp-active-clientfw-client.pcap`: where it was captured, since addresses differ on each side of NAT. */
export function pcapFileName(scenario: Scenario, capturePoint: CapturePoint): string {
  return `${scenarioSlug(scenario)}-${capturePoint}.pcap`;
}

export function ladderFileName(scenario: Scenario, format: 'svg' | 'png'): string {
  return `${scenarioSlug(scenario)}-ladder.${format}`;
}
