import {
  canonicalIpv6,
  ipv4,
  ipv4Octets,
  ipVersionOf,
  isIpv4,
  type Endpoint,
  type Ipv4,
} from '../net/address';

/**
 * RFC 959 §4.1.2: PORT h1,h2,h3,h4,p1,p2 — the port travels as p1*256+p2. Only an IPv4 address fits: an
 * IPv6 session never writes one (the client sends EPRT, vsftpd's 227 says 0,0,0,0).
 */
export function encodeHostPort(ep: Endpoint): string {
  if (!isIpv4(ep.ip)) throw new Error(`PORT and 227 carry IPv4 addresses only, not ${ep.ip}`);
  return [...ipv4Octets(ep.ip), ep.port >> 8, ep.port & 0xff].join(',');
}

export function decodeHostPort(text: string): (Endpoint & { readonly ip: Ipv4 }) | undefined {
  const m = /(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})/.exec(text);
  if (!m) return undefined;
  const n = m.slice(1).map(Number);
  if (n.some((v) => v > 255)) return undefined;
  const port = (n[4] ?? 0) * 256 + (n[5] ?? 0);
  if (port === 0) return undefined;
  return { ip: ipv4(n.slice(0, 4).join('.')), port };
}

/** RFC 2428 §2: EPRT |1|132.235.1.2|6275| (1 = IPv4) or |2|1080::8:800:200c:417a|5282| (2 = IPv6). */
export function encodeExtendedAddress(ep: Endpoint): string {
  return `|${ipVersionOf(ep.ip) === 6 ? 2 : 1}|${ep.ip}|${ep.port}|`;
}

/** The network protocol number an EPRT argument names (`|2|…` → 2), whatever follows it. */
export function extendedAddressProtocol(text: string): number | undefined {
  const m = /^\|(\d+)\|/.exec(text.trim());
  return m?.[1] ? Number(m[1]) : undefined;
}

export function decodeExtendedAddress(text: string): Endpoint | undefined {
  const m = /^\|([12])\|([^|]+)\|(\d{1,5})\|$/.exec(text.trim());
  if (!m?.[2] || !m[3]) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return undefined;
  const ip = m[1] === '1' ? (isIpv4(m[2]) ? m[2] : undefined) : canonicalIpv6(m[2]);
  return ip ? { ip, port } : undefined;
}

/** RFC 2428 §3: 229 Entering Extended Passive Mode (|||6446|) — the port only; the address is the control peer's. */
export function decodeExtendedPassivePort(text: string): number | undefined {
  const m = /\(\|\|\|(\d{1,5})\|\)/.exec(text);
  const port = m?.[1] ? Number(m[1]) : NaN;
  return port >= 1 && port <= 65535 ? port : undefined;
}
