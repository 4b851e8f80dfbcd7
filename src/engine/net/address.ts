/** A dotted-quad IPv4 address, validated at the scenario boundary. */
export type Ipv4 = string & { readonly __brand: 'Ipv4' };
/** An IPv6 address in RFC 5952's canonical text (lower case, the longest run of zero groups as `::`). */
export type Ipv6 = string & { readonly __brand: 'Ipv6' };
/** A host's or an interface's address: a session is all IPv4 or all IPv6 (`Scenario.ipVersion`). */
export type IpAddress = Ipv4 | Ipv6;
export type IpVersion = 4 | 6;
export type Port = number;

export interface Endpoint {
  readonly ip: IpAddress;
  readonly port: Port;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(text: string): text is Ipv4 {
  return IPV4.test(text);
}

export function ipv4(text: string): Ipv4 {
  if (!isIpv4(text)) throw new Error(`Not an IPv4 address: ${text}`);
  return text;
}

export function ipv4Octets(ip: Ipv4): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = ip.split('.').map(Number);
  return [a, b, c, d];
}

/**
 * The eight 16-bit groups of IPv6 text (RFC 4291 §2.2: hexadecimal groups, one `::` for a run of zeros),
 * or undefined if it is not one. The dotted IPv4 tail form is not accepted: the scenario has no use for it.
 */
export function ipv6Groups(text: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:]{2,39}$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const parts = s.split(':');
    return parts.every((p) => /^[0-9A-Fa-f]{1,4}$/.test(p)) ? parts.map((p) => parseInt(p, 16)) : undefined;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const zeros = 8 - head.length - tail.length;
  return zeros >= 1 ? [...head, ...Array<number>(zeros).fill(0), ...tail] : undefined;
}

/** RFC 5952 §4: lower case, no leading zeros, the longest run (two groups or more) of zeros as `::`. */
export function formatIpv6(groups: readonly number[]): Ipv6 {
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = (gs: readonly number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best.at < 0) return hex(groups) as Ipv6;
  return `${hex(groups.slice(0, best.at))}::${hex(groups.slice(best.at + best.length))}` as Ipv6;
}

/** Valid IPv6 text in its canonical form: the only form the engine compares, so equal addresses are equal strings. */
export function isIpv6(text: string): text is Ipv6 {
  const groups = ipv6Groups(text);
  return groups !== undefined && formatIpv6(groups) === text;
}

/** Any valid IPv6 text, in its canonical form (`2001:DB8:1:0::10` → `2001:db8:1::10`), or undefined. */
export function canonicalIpv6(text: string): Ipv6 | undefined {
  const groups = ipv6Groups(text);
  return groups ? formatIpv6(groups) : undefined;
}

export function ipVersionOf(ip: string): IpVersion {
  return ip.includes(':') ? 6 : 4;
}

/** `198.51.100.10:21`, or `[2001:db8:2::21]:21` (RFC 3986 §3.2.2: the brackets keep the port apart). */
export function formatEndpoint(ep: Endpoint): string {
  return ipVersionOf(ep.ip) === 6 ? `[${ep.ip}]:${ep.port}` : `${ep.ip}:${ep.port}`;
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.ip === b.ip && a.port === b.port;
}

/** RFC 1918 private ranges: not routed on the public Internet. (No IPv6 address is one.) */
export function isPrivateIpv4(ip: IpAddress): boolean {
  if (!isIpv4(ip)) return false;
  const [a, b] = ipv4Octets(ip);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * 0.0.0.0, "this host" (RFC 1122 §3.2.1.3): what vsftpd writes in a 227 reply on an IPv6 control connection,
 * where it has no IPv4 address to announce (tests/lab, findings issue 14 C1).
 */
export const UNSPECIFIED_IPV4 = '0.0.0.0' as Ipv4;
