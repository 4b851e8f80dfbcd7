import type { Scenario } from '../scenario/scenario';
import { ipv4Octets, isPrivateIpv4, type Ipv4 } from './address';

/** Every address of the lab network, resolved: the scenario's explicit ones, the rest from its NAT settings. */
export interface AddressPlan {
  readonly client: Ipv4;
  readonly clientRouter: { readonly lan: Ipv4; readonly wan: Ipv4 };
  readonly serverRouter: { readonly wan: Ipv4; readonly lan: Ipv4 };
  readonly server: Ipv4;
}

const ip = (text: string): Ipv4 => text as Ipv4;

/**
 * The default addresses. A host that is not behind NAT is reachable from the Internet, so it has a public
 * address: RFC 5737's documentation ranges (198.51.100.0/24 on the client's side, 192.0.2.0/24 on the
 * server's, 203.0.113.0/24 between the routers). A host behind NAT has a private RFC 1918 address and only
 * its router's WAN address is public. On a routed private network (`network: 'routed-private'`, the lab of
 * the reference captures) the LANs keep their private addresses and are routed as they are.
 */
const PUBLIC_LAN = {
  client: { host: ip('198.51.100.10'), router: ip('198.51.100.1') },
  server: { host: ip('192.0.2.21'), router: ip('192.0.2.1') },
} as const;
const PRIVATE_LAN = {
  client: { host: ip('192.168.1.10'), router: ip('192.168.1.1') },
  server: { host: ip('172.16.0.21'), router: ip('172.16.0.1') },
} as const;
const WAN = { client: ip('203.0.113.1'), server: ip('203.0.113.2') } as const;

/** Whether each side's LAN sits behind its router's NAT. */
export function behindNat(s: Pick<Scenario, 'clientNat' | 'serverNat'>): {
  client: boolean;
  server: boolean;
} {
  return { client: s.clientNat, server: s.serverNat !== 'none' };
}

export function addressPlan(s: Scenario): AddressPlan {
  const nat = behindNat(s);
  const lan = (side: 'client' | 'server') =>
    nat[side] || s.network === 'routed-private' ? PRIVATE_LAN[side] : PUBLIC_LAN[side];
  return {
    client: s.client.ip ?? lan('client').host,
    clientRouter: {
      lan: s.clientRouter.lanIp ?? lan('client').router,
      wan: s.clientRouter.wanIp ?? WAN.client,
    },
    serverRouter: {
      wan: s.serverRouter.wanIp ?? WAN.server,
      lan: s.serverRouter.lanIp ?? lan('server').router,
    },
    server: s.server.ip ?? lan('server').host,
  };
}

/** The client's address as the server and the Internet see it; the address the client dials. */
export function publicAddresses(s: Scenario, plan: AddressPlan): { client: Ipv4; server: Ipv4 } {
  const nat = behindNat(s);
  return {
    client: nat.client ? plan.clientRouter.wan : plan.client,
    server: nat.server ? plan.serverRouter.wan : plan.server,
  };
}

/** Why an address cannot be a host's or a router interface's: not a unicast address. */
export function nonUnicastReason(address: Ipv4): string | undefined {
  const [a] = ipv4Octets(address);
  if (address === '255.255.255.255') return 'is the broadcast address';
  if (a === 0) return 'is in 0.0.0.0/8 ("this network"), not a host address';
  if (a === 127) return 'is a loopback address (127.0.0.0/8)';
  if (a >= 224 && a <= 239) return 'is a multicast address (224.0.0.0/4)';
  if (a >= 240) return 'is a reserved address (240.0.0.0/4)';
  return undefined;
}

export interface AddressProblem {
  /** Dotted path of the field to change, as the scenario file names it. */
  readonly field: string;
  readonly message: string;
}

const FIELDS = {
  client: 'client.ip',
  clientLan: 'clientRouter.lanIp',
  clientWan: 'clientRouter.wanIp',
  serverWan: 'serverRouter.wanIp',
  serverLan: 'serverRouter.lanIp',
  server: 'server.ip',
} as const;

/**
 * The ways a scenario's addresses cannot work, each naming the field to change: an address that is not
 * unicast, two interfaces with one address, a private address where the Internet must reach it, or a
 * public one hidden behind NAT (the model routes only the NAT router's WAN address to such a LAN).
 */
export function addressProblems(s: Scenario): AddressProblem[] {
  const plan = addressPlan(s);
  const nat = behindNat(s);
  const interfaces: [keyof typeof FIELDS, Ipv4][] = [
    ['client', plan.client],
    ['clientLan', plan.clientRouter.lan],
    ['clientWan', plan.clientRouter.wan],
    ['serverWan', plan.serverRouter.wan],
    ['serverLan', plan.serverRouter.lan],
    ['server', plan.server],
  ];
  const problems: AddressProblem[] = [];
  const seen = new Map<string, keyof typeof FIELDS>();
  for (const [name, address] of interfaces) {
    const reason = nonUnicastReason(address);
    if (reason) problems.push({ field: FIELDS[name], message: `${address} ${reason}` });
    const first = seen.get(address);
    if (first)
      problems.push({
        field: FIELDS[name],
        message: `${address} is already the address of ${FIELDS[first]}: every interface needs its own address`,
      });
    else seen.set(address, name);
  }
  const hidden: [keyof typeof FIELDS, Ipv4, boolean][] = [
    ['client', plan.client, nat.client],
    ['server', plan.server, nat.server],
  ];
  for (const [name, address, behind] of hidden)
    if (behind && !isPrivateIpv4(address) && !nonUnicastReason(address))
      problems.push({
        field: FIELDS[name],
        message: `${address} is a public address, but the ${name} is behind NAT: behind NAT a host has a private (RFC 1918) address and only its router's WAN address is public`,
      });
  if (s.network === 'internet') {
    const reachable: [keyof typeof FIELDS, Ipv4, string][] = [
      ['clientWan', plan.clientRouter.wan, 'the client router’s Internet side'],
      ['serverWan', plan.serverRouter.wan, 'the server router’s Internet side'],
    ];
    if (!nat.client) reachable.push(['client', plan.client, 'the client, which is not behind NAT,']);
    if (!nat.server) reachable.push(['server', plan.server, 'the server, which is not behind NAT,']);
    for (const [name, address, what] of reachable)
      if (isPrivateIpv4(address))
        problems.push({
          field: FIELDS[name],
          message: `${address} is a private (RFC 1918) address, but ${what} must be reachable from the Internet: use a public address, put it behind NAT, or set network to "routed-private"`,
        });
  }
  return problems;
}

/**
 * The scenario without the explicit addresses that cannot work with its other settings: what a NAT
 * setting changed in the controls gives, so that a link's own addresses stay wherever they still work and
 * the rest follow the new NAT settings.
 */
export function withoutUnworkableAddresses(s: Scenario): Scenario {
  const fields = new Set(addressProblems(s).map((p) => p.field));
  if (fields.size === 0) return s;
  const drop = <T extends object>(obj: T, key: keyof T, field: string): T => {
    if (!fields.has(field)) return obj;
    const { [key]: _dropped, ...rest } = obj;
    void _dropped;
    return rest as T;
  };
  return {
    ...s,
    client: drop(s.client, 'ip', FIELDS.client),
    server: drop(s.server, 'ip', FIELDS.server),
    clientRouter: drop(drop(s.clientRouter, 'lanIp', FIELDS.clientLan), 'wanIp', FIELDS.clientWan),
    serverRouter: drop(drop(s.serverRouter, 'wanIp', FIELDS.serverWan), 'lanIp', FIELDS.serverLan),
  };
}
