/**
 * A simulation written as a classic libpcap file, as `tcpdump -i eth0 -w` on one host would record it:
 * Ethernet II, IPv4 or IPv6 (ethertype 0x86dd), TCP with Linux's option layout, correct IP and TCP
 * checksums. `pcapng.ts` writes the same frames as pcapng.
 */
import {
  isPacketEvent,
  type PacketEvent,
  type Scenario,
  type SegmentView,
  type StepEvent,
  type TcpSegment,
} from '../engine/index';
import {
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  GLOBAL_HEADER_LENGTH,
  IPPROTO_TCP,
  LINKTYPE_ETHERNET,
  PCAP_MAGIC_MICROSECONDS,
  PCAP_SNAPLEN,
  PCAP_VERSION_MAJOR,
  PCAP_VERSION_MINOR,
  RECORD_HEADER_LENGTH,
} from '../pcap/format';

export type CapturePoint = 'client' | 'server';

/** The capture's wall clock at virtual time 0: 2026-11-24T13:34:00Z (when the reference captures were made). */
export const EPOCH_BASE_SECONDS = Date.UTC(2026, 10, 24, 13, 34, 0) / 1000;

const ETHERNET_HEADER_LENGTH = 14;
const IPV4_HEADER_LENGTH = 20;
const IPV6_HEADER_LENGTH = 40;
const IPV4_DONT_FRAGMENT = 0x4000;
const TCP_HEADER_LENGTH = 20;

/** Locally administered, fixed addresses: the capturing host's NIC and its gateway (the router's LAN side). */
export const MAC_ADDRESSES: Readonly<
  Record<CapturePoint, { readonly host: string; readonly gateway: string }>
> = {
  client: { host: '02:00:00:00:01:0a', gateway: '02:00:00:00:01:01' },
  server: { host: '02:00:00:00:02:15', gateway: '02:00:00:00:02:01' },
};

/** One record of the capture: the packet event and the segment as seen on the capturing host's interface. */
export interface CapturedPacket {
  readonly event: PacketEvent;
  readonly view: SegmentView;
}

/**
 * The packets a capture at `capturePoint` records, in the order the interface saw them (by `view.at`;
 * ties keep the event order). Frame n of the pcap file is element n-1.
 */
export function capturedPackets(events: readonly StepEvent[], capturePoint: CapturePoint): CapturedPacket[] {
  const captured: CapturedPacket[] = [];
  for (const event of events) {
    if (!isPacketEvent(event)) continue;
    const view = event.packet.views[capturePoint];
    if (view) captured.push({ event, view });
  }
  // Array.prototype.sort is stable: equal times keep the engine's causal order.
  return captured.sort((a, b) => a.view.at - b.view.at);
}

/** One frame of a capture file: when the interface saw it, its bytes, and which way it went. */
export interface CaptureFrame {
  /** Microseconds of virtual time. */
  readonly at: number;
  readonly bytes: Uint8Array;
  readonly direction: 'outbound' | 'inbound';
}

/** The frames a capture at `capturePoint` records, in the order the interface saw them. */
export function captureFrames(events: readonly StepEvent[], capturePoint: CapturePoint): CaptureFrame[] {
  return capturedPackets(events, capturePoint).map(({ event, view }) => {
    const direction = event.packet.from === capturePoint ? 'outbound' : 'inbound';
    return { at: view.at, bytes: encodeFrame(view.segment, capturePoint, direction), direction };
  });
}

/** The whole capture file. */
export function exportPcap(events: readonly StepEvent[], capturePoint: CapturePoint): Uint8Array {
  const frames = captureFrames(events, capturePoint);
  const size =
    GLOBAL_HEADER_LENGTH +
    frames.reduce((n, f) => n + RECORD_HEADER_LENGTH + Math.min(f.bytes.length, PCAP_SNAPLEN), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, PCAP_MAGIC_MICROSECONDS, true);
  view.setUint16(4, PCAP_VERSION_MAJOR, true);
  view.setUint16(6, PCAP_VERSION_MINOR, true);
  view.setInt32(8, 0, true); // thiszone: timestamps are UTC
  view.setUint32(12, 0, true); // sigfigs
  view.setUint32(16, PCAP_SNAPLEN, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  let offset = GLOBAL_HEADER_LENGTH;
  for (const frame of frames) {
    const micros = Math.max(0, Math.round(frame.at));
    const included = Math.min(frame.bytes.length, PCAP_SNAPLEN);
    view.setUint32(offset, EPOCH_BASE_SECONDS + Math.floor(micros / 1_000_000), true);
    view.setUint32(offset + 4, micros % 1_000_000, true);
    view.setUint32(offset + 8, included, true);
    view.setUint32(offset + 12, frame.bytes.length, true);
    out.set(frame.bytes.subarray(0, included), offset + RECORD_HEADER_LENGTH);
    offset += RECORD_HEADER_LENGTH + included;
  }
  return out;
}

/**
 * Wireshark-friendly file name, e.g. `active-clientfw-stateful-seed1-client.pcap` (or `.pcapng`;
 * `epsv-ipv6-nofw-seed1-client.pcap` over IPv6).
 */
export function pcapFileName(
  scenario: Scenario,
  capturePoint: CapturePoint,
  format: 'pcap' | 'pcapng' = 'pcap',
): string {
  const parts: string[] = [scenario.mode];
  if (scenario.ipVersion === 6) parts.push('ipv6');
  if (scenario.clientFirewall === 'none' && scenario.serverFirewall === 'none') parts.push('nofw');
  if (scenario.clientFirewall !== 'none') parts.push(`clientfw-${scenario.clientFirewall}`);
  if (scenario.serverFirewall !== 'none') parts.push(`serverfw-${scenario.serverFirewall.replace('+', '-')}`);
  if (scenario.clientNat) parts.push('clientnat');
  if (scenario.serverNat !== 'none') parts.push(`servernat-${scenario.serverNat}`);
  if (scenario.helper) parts.push('helper');
  parts.push(`seed${scenario.seed}`, capturePoint);
  return `${parts.join('-')}.${format}`;
}

/** One Ethernet frame: `outbound` frames leave the capturing host for its gateway, `inbound` ones arrive from it. */
export function encodeFrame(
  segment: TcpSegment,
  capturePoint: CapturePoint,
  direction: 'outbound' | 'inbound',
): Uint8Array {
  const v6 = isIpv6Text(segment.src.ip);
  const ip = v6 ? encodeIpv6(segment) : encodeIpv4(segment);
  const etherType = v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
  const frame = new Uint8Array(ETHERNET_HEADER_LENGTH + ip.length);
  const macs = MAC_ADDRESSES[capturePoint];
  const [dst, src] = direction === 'outbound' ? [macs.gateway, macs.host] : [macs.host, macs.gateway];
  frame.set(macBytes(dst), 0);
  frame.set(macBytes(src), 6);
  frame[12] = etherType >> 8;
  frame[13] = etherType & 0xff;
  frame.set(ip, ETHERNET_HEADER_LENGTH);
  return frame;
}

/** The IPv4 packet carrying the segment: 20-byte header (DF set, no options) followed by the TCP segment. */
export function encodeIpv4(segment: TcpSegment): Uint8Array {
  const tcp = encodeTcp(segment);
  const packet = new Uint8Array(IPV4_HEADER_LENGTH + tcp.length);
  const v = new DataView(packet.buffer);
  v.setUint8(0, 0x45); // version 4, IHL 5
  v.setUint8(1, 0); // DSCP 0, ECN 0
  v.setUint16(2, packet.length);
  v.setUint16(4, segment.ip.id & 0xffff);
  v.setUint16(6, IPV4_DONT_FRAGMENT);
  v.setUint8(8, segment.ip.ttl & 0xff);
  v.setUint8(9, IPPROTO_TCP);
  packet.set(ipBytes(segment.src.ip), 12);
  packet.set(ipBytes(segment.dst.ip), 16);
  v.setUint16(10, internetChecksum(packet.subarray(0, IPV4_HEADER_LENGTH)));
  packet.set(tcp, IPV4_HEADER_LENGTH);
  return packet;
}

/** The IPv6 packet carrying the segment: fixed header (RFC 8200 §3), then TCP. */
export function encodeIpv6(segment: TcpSegment): Uint8Array {
  const tcp = encodeTcp(segment);
  const packet = new Uint8Array(IPV6_HEADER_LENGTH + tcp.length);
  const v = new DataView(packet.buffer);
  // version 6, traffic class 0, the flow label (0 for a session read from a capture that had none)
  v.setUint32(0, (0x60000000 | ((segment.ip.flowLabel ?? 0) & 0xfffff)) >>> 0);
  v.setUint16(4, tcp.length);
  v.setUint8(6, IPPROTO_TCP);
  v.setUint8(7, segment.ip.ttl & 0xff); // the hop limit
  packet.set(ipBytes(segment.src.ip), 8);
  packet.set(ipBytes(segment.dst.ip), 24);
  packet.set(tcp, IPV6_HEADER_LENGTH);
  return packet;
}

/** The TCP segment (header, options, payload) with its checksum over the IP pseudo-header. */
export function encodeTcp(segment: TcpSegment): Uint8Array {
  const options = encodeTcpOptions(segment.options);
  const headerLength = TCP_HEADER_LENGTH + options.length;
  const bytes = new Uint8Array(headerLength + segment.payload.length);
  const v = new DataView(bytes.buffer);
  v.setUint16(0, segment.src.port);
  v.setUint16(2, segment.dst.port);
  v.setUint32(4, segment.seq >>> 0);
  v.setUint32(8, segment.ack >>> 0);
  v.setUint8(12, (headerLength / 4) << 4);
  v.setUint8(13, tcpFlagsByte(segment));
  v.setUint16(14, segment.window & 0xffff);
  // bytes 16-17 checksum (below), 18-19 urgent pointer 0
  bytes.set(options, TCP_HEADER_LENGTH);
  for (let i = 0; i < segment.payload.length; i++)
    bytes[headerLength + i] = segment.payload.charCodeAt(i) & 0xff;
  v.setUint16(16, tcpChecksum(segment.src.ip, segment.dst.ip, bytes));
  return bytes;
}

/**
 * Options laid out the way Linux's tcp_options_write() does: MSS; SACK_PERM+Timestamps (or NOP NOP
 * Timestamps, or NOP NOP SACK_PERM); NOP Window scale. A SYN gets 20 bytes, a later segment 12, a bare RST none.
 */
export function encodeTcpOptions(options: TcpSegment['options']): Uint8Array {
  const out: number[] = [];
  if (options.mss !== undefined) out.push(2, 4, (options.mss >> 8) & 0xff, options.mss & 0xff);
  if (options.timestamp) {
    out.push(...(options.sackPermitted ? [4, 2] : [1, 1]), 8, 10);
    out.push(...uint32Bytes(options.timestamp.value), ...uint32Bytes(options.timestamp.echo));
  } else if (options.sackPermitted) {
    out.push(1, 1, 4, 2);
  }
  if (options.windowScale !== undefined) out.push(1, 3, 3, options.windowScale & 0xff);
  return Uint8Array.from(out);
}

function tcpFlagsByte({ flags }: TcpSegment): number {
  return (
    (flags.fin ? 0x01 : 0) |
    (flags.syn ? 0x02 : 0) |
    (flags.rst ? 0x04 : 0) |
    (flags.psh ? 0x08 : 0) |
    (flags.ack ? 0x10 : 0)
  );
}

/** RFC 1071 Internet checksum: one's complement of the one's-complement sum of 16-bit words. */
export function internetChecksum(data: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < data.length; i += 2) sum += ((data[i] ?? 0) << 8) | (data[i + 1] ?? 0);
  if (data.length % 2 === 1) sum += (data[data.length - 1] ?? 0) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * RFC 793 §3.1: the TCP checksum covers a pseudo-header (addresses, protocol, TCP length) and the segment;
 * over IPv6 the pseudo-header holds the 16-byte addresses and a 32-bit length (RFC 8200 §8.1).
 */
export function tcpChecksum(srcIp: string, dstIp: string, tcpSegment: Uint8Array): number {
  const v6 = isIpv6Text(srcIp);
  const pseudo = new Uint8Array(v6 ? 40 : 12);
  pseudo.set(ipBytes(srcIp), 0);
  pseudo.set(ipBytes(dstIp), v6 ? 16 : 4);
  const end = pseudo.length;
  pseudo[end - (v6 ? 1 : 3)] = IPPROTO_TCP;
  if (v6) new DataView(pseudo.buffer).setUint32(32, tcpSegment.length);
  else {
    pseudo[10] = (tcpSegment.length >> 8) & 0xff;
    pseudo[11] = tcpSegment.length & 0xff;
  }
  // The pseudo-header's length is even, so its words can be summed separately and folded in.
  const pseudoSum = ~internetChecksum(pseudo) & 0xffff;
  return internetChecksum(tcpSegment, pseudoSum);
}

function isIpv6Text(ip: string): boolean {
  return ip.includes(':');
}

/** An address's bytes: 4 for dotted IPv4, 16 for IPv6 text in hexadecimal groups (RFC 5952, `::` allowed). */
function ipBytes(ip: string): number[] {
  if (!isIpv6Text(ip)) return ip.split('.').map((octet) => Number(octet) & 0xff);
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16) & 0xffff));
  const [head = '', rest] = ip.split('::');
  const h = groups(head);
  const r = rest === undefined ? [] : groups(rest);
  const all =
    rest === undefined ? h : [...h, ...Array<number>(Math.max(0, 8 - h.length - r.length)).fill(0), ...r];
  return all.slice(0, 8).flatMap((g) => [g >> 8, g & 0xff]);
}

function macBytes(mac: string): number[] {
  return mac.split(':').map((octet) => parseInt(octet, 16));
}

function uint32Bytes(n: number): number[] {
  const u = n >>> 0;
  return [(u >>> 24) & 0xff, (u >>> 16) & 0xff, (u >>> 8) & 0xff, u & 0xff];
}
