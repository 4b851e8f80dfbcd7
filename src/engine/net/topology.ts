import type { Scenario } from '../scenario/scenario';
import type { IpAddress } from './address';
import { addressPlan, publicAddresses, type AddressPlan } from './addressPlan';

/**
 * Who is reachable at which address. The client LAN, the network between the two routers, the server LAN.
 * A LAN behind a NAT router is not routed from outside (its private addresses exist only behind the
 * router); a LAN without NAT is routed: on the Internet it has public addresses, on a routed private
 * network (the lab of the reference captures) its private ones are routed as they are.
 */
export interface Topology {
  readonly addresses: AddressPlan;
  /** The client's address as the server and the Internet see it. */
  readonly clientPublicIp: IpAddress;
  /** The address the client dials for the control connection. */
  readonly serverPublicIp: IpAddress;
  /** Destinations the network between the routers can deliver to. */
  readonly routable: ReadonlySet<string>;
}

export function topologyOf(s: Scenario): Topology {
  const addresses = addressPlan(s);
  const pub = publicAddresses(s, addresses);
  return {
    addresses,
    clientPublicIp: pub.client,
    serverPublicIp: pub.server,
    routable: new Set([pub.client, pub.server, addresses.clientRouter.wan, addresses.serverRouter.wan]),
  };
}
