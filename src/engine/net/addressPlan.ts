import type { Scenario } from '../scenario/scenario';
import {
  ipv4Octets,
  ipv6Groups,
  ipVersionOf,
  isIpv4,
  isPrivateIpv4,
  type IpAddress,
  type Ipv4,
  type Ipv6,
} from './address';

/** Every address of the lab network, resolved: the scenario's explicit ones, the rest from its NAT settings. */
export interface AddressPlan {
  readonly client: IpAddress;
  readonly clientRouter: { readonly lan: IpAddress; readonly wan: IpAddress };
  readonly serverRouter: { readonly wan: IpAddress; readonly lan: IpAddress };
  readonly server: IpAddress;
}

const ip = (text: string): Ipv4 => text as Ipv4;
const ip6 = (text: string): Ipv6 => text as Ipv6;

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

/**
 * The IPv6 addresses, those of the lab's IPv6 runs (tests/lab/findings, issue 14 C): one /48 of the
 * documentation prefix 2001:db8::/32 per network. Every address is global and routed: there is no NAT.
 */
const IPV6_PLAN = {
  client: ip6('2001:db8:1::10'),
  clientRouter: { lan: ip6('2001:db8:1::1'), wan: ip6('2001:db8:ff::1') },
  serverRouter: { wan: ip6('2001:db8:ff::2'), lan: ip6('2001:db8:2::1') },
  server: ip6('2001:db8:2::21'),
} as const;

/** Whether each side's LAN sits behind its router's NAT. */
export function behindNat(s: Pick<Scenario, 'clientNat' | 'serverNat'>): {
  client: boolean;
  server: boolean;
} {
  return { client: s.clientNat, server: s.serverNat !== 'none' };
}

export function addressPlan(s: Scenario): AddressPlan {
  if (s.ipVersion === 6)
    return {
      client: s.client.ip ?? IPV6_PLAN.client,
      clientRouter: {
        lan: s.clientRouter.lanIp ?? IPV6_PLAN.clientRouter.lan,
        wan: s.clientRouter.wanIp ?? IPV6_PLAN.clientRouter.wan,
      },
      serverRouter: {
        wan: s.serverRouter.wanIp ?? IPV6_PLAN.serverRouter.wan,
        lan: s.serverRouter.lanIp ?? IPV6_PLAN.serverRouter.lan,
      },
      server: s.server.ip ?? IPV6_PLAN.server,
    };
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
export function publicAddresses(s: Scenario, plan: AddressPlan): { client: IpAddress; server: IpAddress } {
  const nat = behindNat(s);
  return {
    client: nat.client ? plan.clientRouter.wan : plan.client,
    server: nat.server ? plan.serverRouter.wan : plan.server,
  };
}

/** Why an address cannot be a host's or a router interface's: not a unicast address. */
export function nonUnicastReason(address: IpAddress): string | undefined {
  if (!isIpv4(address)) return nonUnicastReason6(address);
  const [a] = ipv4Octets(address);
  if (address === '255.255.255.255') return 'is the broadcast address';
  if (a === 0) return 'is in 0.0.0.0/8 ("this network"), not a host address';
  if (a === 127) return 'is a loopback address (127.0.0.0/8)';
  if (a >= 224 && a <= 239) return 'is a multicast address (224.0.0.0/4)';
  if (a >= 240) return 'is a reserved address (240.0.0.0/4)';
  return undefined;
}

/** RFC 4291 §2.4: the special IPv6 addresses, none of which a host's interface on a routed LAN can have. */
function nonUnicastReason6(address: Ipv6): string | undefined {
  const g = ipv6Groups(address) ?? [];
  const [first = 0] = g;
  const zerosUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zerosUpTo(8)) return 'is the unspecified address (::), not a host address';
  if (zerosUpTo(7) && g[7] === 1) return 'is the loopback address (::1)';
  if (first >> 8 === 0xff) return 'is a multicast address (ff00::/8)';
  if ((first & 0xffc0) === 0xfe80) return 'is a link-local address (fe80::/10), never routed';
  if (zerosUpTo(5) && g[5] === 0xffff) return 'is an IPv4-mapped address (::ffff:0:0/96), not an IPv6 host';
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
  const interfaces: [keyof typeof FIELDS, IpAddress][] = [
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
    if (ipVersionOf(address) !== s.ipVersion) {
      problems.push({ field: FIELDS[name], message: wrongVersion(address, s.ipVersion) });
      continue;
    }
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
  if (s.ipVersion === 6) return [...problems, ...natProblems6(s)];
  const hidden: [keyof typeof FIELDS, IpAddress, boolean][] = [
    ['client', plan.client, nat.client],
    ['server', plan.server, nat.server],
  ];
  for (const [name, address, behind] of hidden)
    if (behind && isIpv4(address) && !isPrivateIpv4(address) && !nonUnicastReason(address))
      problems.push({
        field: FIELDS[name],
        message: `${address} is a public address, but the ${name} is behind NAT: behind NAT a host has a private (RFC 1918) address and only its router's WAN address is public`,
      });
  if (s.network === 'internet') {
    const reachable: [keyof typeof FIELDS, IpAddress, string][] = [
      ['clientWan', plan.clientRouter.wan, 'the client router’s Internet side'],
      ['serverWan', plan.serverRouter.wan, 'the server router’s Internet side'],
    ];
    if (!nat.client) reachable.push(['client', plan.client, 'the client, which is not behind NAT,']);
    if (!nat.server) reachable.push(['server', plan.server, 'the server, which is not behind NAT,']);
    for (const [name, address, what] of reachable)
      if (isIpv4(address) && isPrivateIpv4(address))
        problems.push({
          field: FIELDS[name],
          message: `${address} is a private (RFC 1918) address, but ${what} must be reachable from the Internet: use a public address, put it behind NAT, or set network to "routed-private"`,
        });
  }
  return problems;
}

function wrongVersion(address: IpAddress, version: Scenario['ipVersion']): string {
  return version === 6
    ? `${address} is an IPv4 address, but ipVersion is 6: use an IPv6 address such as 2001:db8:1::10, or set ipVersion to 4`
    : `${address} is an IPv6 address, but ipVersion is 4: use an IPv4 address such as 198.51.100.10, or set ipVersion to 6`;
}

/**
 * NAT exists to share one IPv4 address; with IPv6 every host has its own global address and the routers
 * only route (tests/lab measured IPv6 without NAT). A scenario asking for both is refused, naming the field.
 */
function natProblems6(s: Scenario): AddressProblem[] {
  const why =
    'with ipVersion 6 every host has its own global address (2001:db8::/32) and the routers do not translate';
  const problems: AddressProblem[] = [];
  if (s.clientNat)
    problems.push({ field: 'clientNat', message: `NAT is IPv4 only here: ${why}; set clientNat to false` });
  if (s.serverNat !== 'none')
    problems.push({ field: 'serverNat', message: `NAT is IPv4 only here: ${why}; set serverNat to "none"` });
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
