import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../../../src/engine';
import { labAddresses, subnet24 } from './addresses';
import { deleteNamespace, ownNamespace, run } from './processes';

/**
 * The lab network of shared/captures/README.md, built from a scenario (with the engine's addresses) in four
 * network namespaces joined only to each other by three veth pairs (never to the machine's own network):
 *
 *   client [lan] ── [lan] client router [wan] ── [wan] server router [lan] ── [lan] server
 *
 * The routers forward and, as the engine's network between them does, never route private (RFC 1918) space
 * they do not own (blackhole routes: packets vanish silently). A LAN without NAT is routed to: public on the
 * Internet, private on a routed private network (the captures' lab).
 * Firewalls, NAT and the FTP helper are iptables rules mirroring src/engine/netfilter/firewall.ts and
 * src/engine/net/network.ts; each ruleset is written to a file in the run's directory.
 */

export type LabHost = 'client' | 'client-router' | 'server-router' | 'server';
export const LAB_HOSTS: readonly LabHost[] = ['client', 'client-router', 'server-router', 'server'];

export interface LabNetwork {
  /** The namespace of each box. */
  readonly namespaces: Readonly<Record<LabHost, string>>;
  /** `ip netns exec <box> …` with a time limit; resolves to stdout. */
  exec(host: LabHost, args: readonly string[], timeoutMs?: number): Promise<string>;
  /** The argv that runs a command inside a box (for long-running processes). */
  argv(host: LabHost, args: readonly string[]): [string, string[]];
  /** Deletes the namespaces, ending whatever still runs inside them. */
  destroy(): void;
}

const SHORT: Readonly<Record<LabHost, string>> = {
  client: 'c',
  'client-router': 'cr',
  'server-router': 'sr',
  server: 's',
};

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export class NamespacesUnavailableError extends Error {
  override readonly name = 'NamespacesUnavailableError';
}

/** Builds the network for `s`; `prefix` makes the namespace names unique (process id and case number). */
export async function createLabNetwork(s: Scenario, prefix: string, dir: string): Promise<LabNetwork> {
  const namespaces = Object.fromEntries(LAB_HOSTS.map((h) => [h, `${prefix}-${SHORT[h]}`])) as Record<
    LabHost,
    string
  >;
  const argv = (host: LabHost, args: readonly string[]): [string, string[]] => [
    'ip',
    ['netns', 'exec', namespaces[host], ...args],
  ];
  const exec = (host: LabHost, args: readonly string[], timeoutMs?: number): Promise<string> => {
    const [command, full] = argv(host, args);
    return run(command, full, timeoutMs);
  };
  const network: LabNetwork = {
    namespaces,
    exec,
    argv,
    destroy() {
      for (const host of LAB_HOSTS) deleteNamespace(namespaces[host]);
    },
  };
  try {
    for (const host of LAB_HOSTS) {
      ownNamespace(namespaces[host]);
      try {
        await run('ip', ['netns', 'add', namespaces[host]]);
      } catch (error) {
        throw new NamespacesUnavailableError(
          `The lab needs to create network namespaces (root, or CAP_SYS_ADMIN and CAP_NET_ADMIN, and a kernel with network namespaces): ${(error as Error).message}`,
        );
      }
    }
    await build(s, network, dir);
  } catch (error) {
    network.destroy();
    throw error;
  }
  return network;
}

async function build(s: Scenario, net: LabNetwork, dir: string): Promise<void> {
  const a = labAddresses(s);
  const ns = net.namespaces;
  // Each pair is created directly inside its two namespaces, so the names never meet the host's own.
  const links: [LabHost, string, LabHost, string][] = [
    ['client', 'lan', 'client-router', 'lan'],
    ['client-router', 'wan', 'server-router', 'wan'],
    ['server-router', 'lan', 'server', 'lan'],
  ];
  for (const [h1, i1, h2, i2] of links) {
    await run('ip', [
      'link',
      'add',
      i1,
      'netns',
      ns[h1],
      'type',
      'veth',
      'peer',
      'name',
      i2,
      'netns',
      ns[h2],
    ]);
  }
  // Between the routers: no private space, except a far LAN without NAT, which is routed (public addresses,
  // or the captures' private ones on a routed private network, where the server sees the client as 192.168.1.10).
  const internet = (farLanWithoutNat: string | undefined): string[] => [
    ...PRIVATE_RANGES.map((range) => `route add blackhole ${range}`),
    ...(farLanWithoutNat ? [`route add ${farLanWithoutNat}`] : []),
  ];
  // veth hands the stack's large segments over whole (GSO): a capture would show one 3000-byte segment where
  // the wire, and the engine, carry MSS-sized ones. One segment per send, as on a real network card.
  const oneSegmentAtATime = (ifaces: string[]): string[] => ifaces.map((i) => `link set ${i} gso_max_segs 1`);
  const plans: Record<LabHost, string[]> = {
    client: [
      'link set lo up',
      `addr add ${a.client}/24 dev lan`,
      'link set lan up',
      ...oneSegmentAtATime(['lan']),
      `route add default via ${a.clientRouter.lan}`,
    ],
    'client-router': [
      'link set lo up',
      `addr add ${a.clientRouter.lan}/24 dev lan`,
      `addr add ${a.clientRouter.wan}/24 dev wan`,
      'link set lan up',
      'link set wan up',
      ...oneSegmentAtATime(['lan', 'wan']),
      `route add default via ${a.serverRouter.wan}`,
      ...internet(s.serverNat === 'none' ? `${subnet24(a.server)} via ${a.serverRouter.wan}` : undefined),
    ],
    'server-router': [
      'link set lo up',
      `addr add ${a.serverRouter.wan}/24 dev wan`,
      `addr add ${a.serverRouter.lan}/24 dev lan`,
      'link set wan up',
      'link set lan up',
      ...oneSegmentAtATime(['wan', 'lan']),
      `route add default via ${a.clientRouter.wan}`,
      ...internet(s.clientNat ? undefined : `${subnet24(a.client)} via ${a.clientRouter.wan}`),
    ],
    server: [
      'link set lo up',
      `addr add ${a.server}/24 dev lan`,
      'link set lan up',
      ...oneSegmentAtATime(['lan']),
      `route add default via ${a.serverRouter.lan}`,
    ],
  };
  for (const host of LAB_HOSTS) {
    const file = join(dir, `${SHORT[host]}.ip-batch`);
    await writeFile(file, `${plans[host].join('\n')}\n`);
    await run('ip', ['-n', ns[host], '-batch', file]);
  }
  for (const router of ['client-router', 'server-router'] as const) {
    await net.exec(router, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
  }
  for (const host of LAB_HOSTS) {
    const rules = ruleset(s, host);
    if (!rules) continue;
    const file = join(dir, `${SHORT[host]}.iptables`);
    await writeFile(file, rules);
    await net.exec(host, ['iptables-restore', file]);
  }
}

/** The boxes where the FTP helper is attached (the scenario asks for it, and the box tracks connections). */
export function helperHosts(s: Scenario): LabHost[] {
  return LAB_HOSTS.filter((host) => ruleset(s, host)?.includes('--helper ftp'));
}

/**
 * The iptables ruleset of one box, or undefined for a box without netfilter rules (then it keeps no
 * conntrack table, like the engine's plain routers). The helper is attached explicitly (the kernel does not
 * assign helpers automatically): in PREROUTING for connections that pass through or arrive, and in OUTPUT
 * on the client host, which opens the control connection itself.
 */
export function ruleset(s: Scenario, host: LabHost): string | undefined {
  const a = labAddresses(s);
  const { min, max } = s.server.passivePorts;
  const raw: string[] = [];
  const nat: string[] = [];
  const filter: string[] = [];
  const helper = (chain: 'PREROUTING' | 'OUTPUT'): void => {
    if (s.helper) raw.push(`-A ${chain} -p tcp --dport 21 -j CT --helper ftp`);
  };
  const inputPolicy = (): void => {
    filter.push(':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT');
    filter.push('-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT');
  };
  switch (host) {
    case 'client':
      if (s.clientFirewall === 'none') return undefined;
      helper('OUTPUT');
      inputPolicy();
      break;
    case 'server':
      if (s.serverFirewall === 'none') return undefined;
      helper('PREROUTING');
      inputPolicy();
      filter.push('-A INPUT -p tcp --dport 21 -m conntrack --ctstate NEW -j ACCEPT');
      if (s.serverFirewall === 'port21+range')
        filter.push(`-A INPUT -p tcp --dport ${min}:${max} -m conntrack --ctstate NEW -j ACCEPT`);
      break;
    case 'client-router':
      if (!s.clientNat) return undefined;
      helper('PREROUTING');
      nat.push('-A POSTROUTING -o wan -j MASQUERADE');
      break;
    case 'server-router':
      if (s.serverNat === 'none') return undefined;
      helper('PREROUTING');
      nat.push(
        `-A PREROUTING -d ${a.serverRouter.wan} -p tcp --dport 21 -j DNAT --to-destination ${a.server}:21`,
      );
      if (s.serverNat === 'public')
        nat.push(
          `-A PREROUTING -d ${a.serverRouter.wan} -p tcp --dport ${min}:${max} -j DNAT --to-destination ${a.server}`,
        );
      // The server's own outbound connections (active mode's data connection) leave as the router.
      nat.push('-A POSTROUTING -o wan -j MASQUERADE');
      break;
  }
  const table = (name: string, lines: string[]): string =>
    lines.length ? `*${name}\n${lines.join('\n')}\nCOMMIT\n` : '';
  return table('raw', raw) + table('nat', nat) + table('filter', filter);
}
