import type { Endpoint } from '../net/address';

export interface TcpFlags {
  readonly syn: boolean;
  readonly ack: boolean;
  readonly fin: boolean;
  readonly rst: boolean;
  readonly psh: boolean;
}

/** The options a Linux stack puts on its segments (order fixed by the pcap writer: Linux's order). */
export interface TcpOptions {
  readonly mss?: number;
  readonly sackPermitted?: boolean;
  readonly windowScale?: number;
  readonly timestamp?: { readonly value: number; readonly echo: number };
}

export interface IpHeader {
  /** IPv4's identification (0 in IPv6, which has none). */
  readonly id: number;
  /** IPv4's TTL, IPv6's hop limit: 64 from a Linux host, one less past each router. */
  readonly ttl: number;
  /** IPv6 only: the flow label (RFC 6437), 20 bits. */
  readonly flowLabel?: number;
}

export interface TcpSegment {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly seq: number;
  readonly ack: number;
  readonly flags: TcpFlags;
  /** The raw 16-bit window field (scaled by the peer's window-scale factor after the handshake). */
  readonly window: number;
  readonly options: TcpOptions;
  /** Payload bytes, one character per byte (FTP is ASCII; data is Latin-1). */
  readonly payload: string;
  readonly ip: IpHeader;
}

const NO_FLAGS: TcpFlags = { syn: false, ack: false, fin: false, rst: false, psh: false };

export function flags(set: Partial<TcpFlags>): TcpFlags {
  return { ...NO_FLAGS, ...set };
}

/** How much sequence space a segment uses: its bytes, plus one each for SYN and FIN. */
export function sequenceLength(segment: Pick<TcpSegment, 'flags' | 'payload'>): number {
  return segment.payload.length + (segment.flags.syn ? 1 : 0) + (segment.flags.fin ? 1 : 0);
}

/** Wireshark-style flag label, e.g. `SYN, ACK` or `FIN, ACK`. */
export function flagLabel(f: TcpFlags): string {
  const names: string[] = [];
  if (f.fin) names.push('FIN');
  if (f.syn) names.push('SYN');
  if (f.rst) names.push('RST');
  if (f.psh) names.push('PSH');
  if (f.ack) names.push('ACK');
  return names.join(', ');
}

export function seqAdd(a: number, b: number): number {
  return (a + b) >>> 0;
}
