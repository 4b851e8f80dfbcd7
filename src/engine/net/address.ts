/** A dotted-quad IPv4 address, validated at the scenario boundary. */
export type Ipv4 = string & { readonly __brand: 'Ipv4' };
export type Port = number;

export interface Endpoint {
  readonly ip: Ipv4;
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

export function formatEndpoint(ep: Endpoint): string {
  return `${ep.ip}:${ep.port}`;
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.ip === b.ip && a.port === b.port;
}

/** RFC 1918 private ranges: not routed on the public Internet. */
export function isPrivateIpv4(ip: Ipv4): boolean {
  const [a, b] = ipv4Octets(ip);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
