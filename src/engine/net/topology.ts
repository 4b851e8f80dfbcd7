import type { Scenario } from '../scenario/scenario';
import type { Ipv4 } from './address';

/**
 * Who is reachable at which address. The lab network of the reference captures: the client LAN, the
 * "Internet" between the two routers, the server LAN. A LAN behind a NAT router is not routed from the
 * Internet (its private addresses exist only behind the router); a LAN without NAT is routed, as in the
 * captures, where the server sees the client as 192.168.1.10.
 */
export interface Topology {
  /** The client's address as the server and the Internet see it. */
  readonly clientPublicIp: Ipv4;
  /** The address the client dials for the control connection. */
  readonly serverPublicIp: Ipv4;
  /** Destinations the Internet can deliver to. */
  readonly routable: ReadonlySet<string>;
}

export function topologyOf(s: Scenario): Topology {
  const clientPublicIp = s.clientNat ? s.clientRouter.wanIp : s.client.ip;
  const serverPublicIp = s.serverNat === 'none' ? s.server.ip : s.serverRouter.wanIp;
  return {
    clientPublicIp,
    serverPublicIp,
    routable: new Set([clientPublicIp, serverPublicIp, s.clientRouter.wanIp, s.serverRouter.wanIp]),
  };
}
