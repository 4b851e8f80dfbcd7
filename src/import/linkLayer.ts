/**
 * One captured frame to its TCP segment: the link layer (Ethernet with 802.1Q/QinQ tags, Linux cooked
 * capture SLL and SLL2, raw IP, BSD and OpenBSD loopback), IPv4 or IPv6 (with its extension headers), TCP.
 * Anything else (ARP, UDP, fragments, unparsable headers) gives undefined. Nothing is copied: the decoded
 * segment points into the frame, which the reader may reuse once the callback returns.
 */
import type { Endpoint, IpAddress } from '../engine';
import {
  DLT_RAW_BSD,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ETHERTYPE_VLAN,
  IPPROTO_TCP,
  IPV6_EXTENSION,
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  LOOPBACK_AF_INET,
  LOOPBACK_AF_INET6,
} from '../pcap/format';

export type LinkKind =
  'ethernet' | 'linux-sll' | 'linux-sll2' | 'raw-ip' | 'raw-ipv4' | 'raw-ipv6' | 'null' | 'loop';

/** The link layers this reader understands, by LINKTYPE number (the low 16 bits; the rest is FCS info). */
export function linkKindOf(linkType: number): LinkKind | undefined {
  switch (linkType & 0xffff) {
    case LINKTYPE_NULL:
      return 'null';
    case LINKTYPE_ETHERNET:
      return 'ethernet';
    case LINKTYPE_RAW:
    case DLT_RAW_BSD[0]:
    case DLT_RAW_BSD[1]:
      return 'raw-ip';
    case LINKTYPE_LOOP:
      return 'loop';
    case LINKTYPE_LINUX_SLL:
      return 'linux-sll';
    case LINKTYPE_IPV4:
      return 'raw-ipv4';
    case LINKTYPE_IPV6:
      return 'raw-ipv6';
    case LINKTYPE_LINUX_SLL2:
      return 'linux-sll2';
    default:
      return undefined;
  }
}

/** TCP flag bits as they sit in the header's 14th byte. */
export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

/** A TCP segment as captured: header fields decoded, payload and options still views into the frame. */
export interface DecodedTcp {
  readonly ipVersion: 4 | 6;
  /** IPv4 dotted quad or RFC 5952 IPv6 text (typed as the engine's address: see `address`). */
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly seq: number;
  readonly ack: number;
  /** The flag byte (TCP_SYN, TCP_ACK…). */
  readonly flags: number;
  readonly window: number;
  /** IPv4 identification (0 for IPv6). */
  readonly ipId: number;
  /** IPv4 TTL or IPv6 hop limit. */
  readonly ttl: number;
  readonly options: Uint8Array;
  readonly payload: Uint8Array;
  /** The packet carried more payload than the capture kept (snapshot length). */
  readonly truncated: boolean;
  /** The IP packet as captured and where its TCP header starts: enough to verify the checksum. */
  readonly ip: Uint8Array;
  readonly tcpStart: number;
  /** TCP header plus payload length per the IP header (the checksum covers this many bytes). */
  readonly tcpLength: number;
}

/**
 * The engine's endpoints carry an IPv4 brand; an IPv6 capture's addresses travel in the same field as
 * text. Only capture code makes them (here), and nothing there parses them back as IPv4.
 */
function address(text: string): IpAddress {
  return text as IpAddress;
}

function be16(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function be32(b: Uint8Array, at: number): number {
  return (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
}

/** The IP packet inside a frame (or undefined), by the frame's link layer. */
export function ipOf(frame: Uint8Array, link: LinkKind): Uint8Array | undefined {
  switch (link) {
    case 'raw-ip':
    case 'raw-ipv4':
    case 'raw-ipv6':
      return frame;
    case 'ethernet': {
      let at = 12;
      if (frame.length < at + 2) return undefined;
      let type = be16(frame, at);
      // 802.1Q / 802.1ad (QinQ) tags: 4 bytes each before the real EtherType; a few at most.
      for (let tags = 0; (ETHERTYPE_VLAN as readonly number[]).includes(type); tags++) {
        if (tags === 4) return undefined;
        at += 4;
        if (frame.length < at + 2) return undefined;
        type = be16(frame, at);
      }
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? frame.subarray(at + 2) : undefined;
    }
    case 'linux-sll': {
      // packet type, ARPHRD type, address length, 8 address bytes, then the protocol (EtherType).
      if (frame.length < 16) return undefined;
      const type = be16(frame, 14);
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? frame.subarray(16) : undefined;
    }
    case 'linux-sll2': {
      // protocol (EtherType) first, then reserved, interface index, ARPHRD, packet type, address.
      if (frame.length < 20) return undefined;
      const type = be16(frame, 0);
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? frame.subarray(20) : undefined;
    }
    case 'null': {
      // The address family in the byte order of the host that captured: accept either.
      if (frame.length < 4) return undefined;
      const le =
        ((frame[0] ?? 0) | ((frame[1] ?? 0) << 8) | ((frame[2] ?? 0) << 16) | ((frame[3] ?? 0) << 24)) >>> 0;
      const family = le > 0xffff ? be32(frame, 0) : le;
      return isLoopbackIp(family) ? frame.subarray(4) : undefined;
    }
    case 'loop':
      // OpenBSD's loopback: the same family field, always in network byte order.
      return frame.length >= 4 && isLoopbackIp(be32(frame, 0)) ? frame.subarray(4) : undefined;
  }
}

function isLoopbackIp(family: number): boolean {
  return family === LOOPBACK_AF_INET || (LOOPBACK_AF_INET6 as readonly number[]).includes(family);
}

/** The TCP segment in a frame, or undefined when the frame holds something else. */
export function decodeFrame(frame: Uint8Array, link: LinkKind): DecodedTcp | undefined {
  const ip = ipOf(frame, link);
  if (!ip || ip.length < 1) return undefined;
  const version = (ip[0] ?? 0) >> 4;
  if (version === 4 && link !== 'raw-ipv6') return decodeIpv4(ip);
  if (version === 6 && link !== 'raw-ipv4') return decodeIpv6(ip);
  return undefined;
}

function decodeIpv4(ip: Uint8Array): DecodedTcp | undefined {
  if (ip.length < 20) return undefined;
  const headerLength = ((ip[0] ?? 0) & 0x0f) * 4;
  const totalLength = be16(ip, 2);
  if (headerLength < 20 || totalLength < headerLength || ip.length < headerLength) return undefined;
  // A fragment (more-fragments set or a non-zero offset) holds no complete TCP segment.
  if ((be16(ip, 6) & 0x3fff) !== 0) return undefined;
  if (ip[9] !== IPPROTO_TCP) return undefined;
  const src = `${ip[12]}.${ip[13]}.${ip[14]}.${ip[15]}`;
  const dst = `${ip[16]}.${ip[17]}.${ip[18]}.${ip[19]}`;
  return decodeTcp(ip, headerLength, totalLength, 4, src, dst, be16(ip, 4), ip[8] ?? 0);
}

function decodeIpv6(ip: Uint8Array): DecodedTcp | undefined {
  if (ip.length < 40) return undefined;
  const payloadLength = be16(ip, 4);
  // A jumbogram (payload length 0 with a hop-by-hop option) is not what FTP travels in.
  if (payloadLength === 0) return undefined;
  let next = ip[6] ?? 0;
  let at = 40;
  // Walk the extension headers to TCP (RFC 8200 §4), a bounded number of them.
  for (let hops = 0; next !== IPPROTO_TCP; hops++) {
    if (hops === 8 || ip.length < at + 8) return undefined;
    if (next === IPV6_EXTENSION.fragment) {
      // Any fragment but an atomic one (offset 0, no more fragments) is only part of a segment.
      if ((be16(ip, at + 2) & 0xfff9) !== 0) return undefined;
      next = ip[at] ?? 0;
      at += 8;
    } else if (next === IPV6_EXTENSION.auth) {
      next = ip[at] ?? 0;
      at += ((ip[at + 1] ?? 0) + 2) * 4;
    } else if (
      next === IPV6_EXTENSION.hopByHop ||
      next === IPV6_EXTENSION.routing ||
      next === IPV6_EXTENSION.destination
    ) {
      next = ip[at] ?? 0;
      at += ((ip[at + 1] ?? 0) + 1) * 8;
    } else {
      return undefined;
    }
  }
  const totalLength = 40 + payloadLength;
  if (at > totalLength) return undefined;
  return decodeTcp(ip, at, totalLength, 6, ipv6Text(ip, 8), ipv6Text(ip, 24), 0, ip[7] ?? 0);
}

function decodeTcp(
  ip: Uint8Array,
  tcp: number,
  totalLength: number,
  ipVersion: 4 | 6,
  src: string,
  dst: string,
  ipId: number,
  ttl: number,
): DecodedTcp | undefined {
  const end = Math.min(totalLength, ip.length);
  if (end < tcp + 20) return undefined;
  const headerLength = ((ip[tcp + 12] ?? 0) >> 4) * 4;
  if (headerLength < 20 || end < tcp + headerLength) return undefined;
  return {
    ipVersion,
    src: { ip: address(src), port: be16(ip, tcp) },
    dst: { ip: address(dst), port: be16(ip, tcp + 2) },
    seq: be32(ip, tcp + 4),
    ack: be32(ip, tcp + 8),
    flags: (ip[tcp + 13] ?? 0) & 0x3f,
    window: be16(ip, tcp + 14),
    ipId,
    ttl,
    options: ip.subarray(tcp + 20, tcp + headerLength),
    // Ethernet pads short frames to 60 bytes, so the IP length, not the frame, bounds the payload.
    payload: ip.subarray(tcp + headerLength, end),
    // An IP length beyond the captured bytes means the snapshot length cut the packet.
    truncated: totalLength > ip.length,
    ip,
    tcpStart: tcp,
    tcpLength: totalLength - tcp,
  };
}

/** RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups as `::`. */
export function ipv6Text(b: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(be16(b, at + i * 2));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** Whether the segment's checksum (RFC 9293 §3.1, over the IPv4 or IPv6 pseudo-header) is right. */
export function tcpChecksumValid(d: DecodedTcp): boolean | undefined {
  const { ip, tcpStart, tcpLength } = d;
  // A cut packet cannot be checked.
  if (d.truncated || ip.length < tcpStart + tcpLength) return undefined;
  let sum = 0;
  if (d.ipVersion === 4) {
    for (let i = 12; i < 20; i += 2) sum += be16(ip, i);
  } else {
    for (let i = 8; i < 40; i += 2) sum += be16(ip, i);
  }
  sum += IPPROTO_TCP + tcpLength;
  const end = tcpStart + tcpLength;
  for (let i = tcpStart; i + 1 < end; i += 2) sum += ((ip[i] ?? 0) << 8) | (ip[i + 1] ?? 0);
  if (tcpLength % 2 === 1) sum += (ip[end - 1] ?? 0) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum === 0xffff;
}
