import { addressPlan, type AddressPlan, type Scenario } from '../../../src/engine';

/** The four boxes' IPv4 addresses. */
export type LabAddresses = AddressPlan;

/**
 * Where each box of the lab sits: exactly where the engine puts it (`addressPlan`), so the real run and
 * the simulation use the same addresses. Every link is a /24.
 */
export function labAddresses(s: Scenario): LabAddresses {
  return addressPlan(s);
}

/** The /24 network an address belongs to, e.g. `192.168.1.0/24`. */
export function subnet24(ip: string): string {
  return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
}

/** The address the client dials for the control connection: the server's, or its router's behind NAT. */
export function serverPublicAddress(s: Scenario): string {
  const a = labAddresses(s);
  return s.serverNat === 'none' ? a.server : a.serverRouter.wan;
}

/** The client's addresses: its own, and its router's WAN address when it is behind NAT. */
export function clientAddresses(s: Scenario): string[] {
  const a = labAddresses(s);
  return s.clientNat ? [a.client, a.clientRouter.wan] : [a.client];
}
