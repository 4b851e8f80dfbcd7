import { ipv4, ipv4Octets, type Endpoint, type Ipv4 } from '../net/address';

/** RFC 959 §4.1.2: PORT h1,h2,h3,h4,p1,p2 — the port travels as p1*256+p2. */
export function encodeHostPort(ep: Endpoint): string {
  return [...ipv4Octets(ep.ip), ep.port >> 8, ep.port & 0xff].join(',');
}

export function decodeHostPort(text: string): Endpoint | undefined {
  const m = /(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})/.exec(text);
  if (!m) return undefined;
  const n = m.slice(1).map(Number);
  if (n.some((v) => v > 255)) return undefined;
  const port = (n[4] ?? 0) * 256 + (n[5] ?? 0);
  if (port === 0) return undefined;
  return { ip: ipv4(n.slice(0, 4).join('.')), port };
}

/** RFC 2428 §2: EPRT |1|132.235.1.2|6275| (1 = IPv4). */
export function encodeExtendedAddress(ep: Endpoint): string {
  return `|1|${ep.ip}|${ep.port}|`;
}

export function decodeExtendedAddress(text: string): Endpoint | undefined {
  const m = /^\|1\|(\d{1,3}(?:\.\d{1,3}){3})\|(\d{1,5})\|$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const port = Number(m[2]);
  try {
    return port >= 1 && port <= 65535 ? { ip: ipv4(m[1]) as Ipv4, port } : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 2428 §3: 229 Entering Extended Passive Mode (|||6446|) — the port only; the address is the control peer's. */
export function decodeExtendedPassivePort(text: string): number | undefined {
  const m = /\(\|\|\|(\d{1,5})\|\)/.exec(text);
  const port = m?.[1] ? Number(m[1]) : NaN;
  return port >= 1 && port <= 65535 ? port : undefined;
}
