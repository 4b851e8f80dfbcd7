import type { Scenario } from '../../../src/engine';

/** The four boxes' IPv4 addresses, shaped like the engine's coming `addressPlan(scenario)`. */
export interface LabAddresses {
  readonly client: string;
  readonly clientRouter: { readonly lan: string; readonly wan: string };
  readonly serverRouter: { readonly wan: string; readonly lan: string };
  readonly server: string;
}

/**
 * Where each box of the lab sits. The one place the lab takes addresses from: today the scenario's own
 * fields, which default to the reference captures' lab network (client 192.168.1.10, client router
 * 192.168.1.1 | 203.0.113.1, server router 203.0.113.2 | 172.16.0.1, server 172.16.0.21); the engine's
 * address plan replaces this once it is exported. Every link is a /24.
 */
export function labAddresses(s: Scenario): LabAddresses {
  return {
    client: s.client.ip,
    clientRouter: { lan: s.clientRouter.lanIp, wan: s.clientRouter.wanIp },
    serverRouter: { wan: s.serverRouter.wanIp, lan: s.serverRouter.lanIp },
    server: s.server.ip,
  };
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
