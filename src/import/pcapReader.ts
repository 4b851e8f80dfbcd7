/**
 * A reader for classic libpcap files (not pcapng): both byte orders, microsecond and nanosecond
 * timestamps, link types Ethernet (1), raw IPv4 (101, 228), Linux cooked capture SLL (113) and SLL2 (276).
 * It keeps IPv4/TCP packets and skips everything else (ARP, IPv6, UDP, fragments, unparsable packets).
 *
 * Pure: a `Uint8Array` in, plain objects out; no Node or DOM APIs, so it runs in a Web Worker on a file
 * the user uploads. The file's structure is untrusted: any inconsistency in it (bad magic, a record that
 * runs past the end, an absurd length) throws a `PcapError` that says what and where.
 */
import type { Ipv4, TcpSegment } from '../engine';
import {
  ETHERTYPE_IPV4,
  GLOBAL_HEADER_LENGTH,
  IPPROTO_TCP,
  PCAP_MAGIC_MICROSECONDS,
  PCAP_MAGIC_NANOSECONDS,
  PCAP_SNAPLEN,
  PCAPNG_MAGIC,
  RECORD_HEADER_LENGTH,
} from '../pcap/format';

/** One IPv4/TCP packet of the capture, shaped like the engine's `TcpSegment` so the two compare directly. */
export interface CapturedPacket extends TcpSegment {
  /** 1-based number of the record in the file (Wireshark's frame number). */
  readonly frame: number;
  /**
   * Microseconds since the first record of the file (fractional for nanosecond captures; negative if the
   * file's clock went backwards).
   */
  readonly at: number;
  /** TCP option kinds in the order they appear on the wire, NOPs included (e.g. `[2, 4, 8, 1, 3]`). */
  readonly optionKinds: readonly number[];
  /** The capture holds fewer payload bytes than the packet carried (a snapshot length cut it). */
  readonly truncated: boolean;
}

export type PcapLinkType = 'ethernet' | 'raw-ipv4' | 'linux-sll' | 'linux-sll2';

export interface PcapFile {
  readonly byteOrder: 'little-endian' | 'big-endian';
  readonly precision: 'microsecond' | 'nanosecond';
  readonly linkType: PcapLinkType;
  readonly snapLength: number;
  /** Every record in the file, TCP or not. */
  readonly records: number;
  readonly packets: readonly CapturedPacket[];
  /** Records that were not IPv4/TCP, or whose IPv4/TCP headers could not be parsed. */
  readonly skipped: number;
}

export class PcapError extends Error {
  override readonly name = 'PcapError';
}

const LINK_TYPES: Readonly<Record<number, PcapLinkType>> = {
  1: 'ethernet',
  101: 'raw-ipv4',
  113: 'linux-sll',
  228: 'raw-ipv4',
  276: 'linux-sll2',
};

const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];

/** The IPv4/TCP packets of a classic pcap file. Throws a `PcapError` if the file is malformed. */
export function readPcap(bytes: Uint8Array): CapturedPacket[] {
  return [...parsePcap(bytes).packets];
}

/** The whole file: its header fields, its IPv4/TCP packets and how many records were skipped. */
export function parsePcap(bytes: Uint8Array): PcapFile {
  if (!(bytes instanceof Uint8Array))
    throw new PcapError('Not a pcap file: expected the file as bytes (Uint8Array).');
  if (bytes.length < GLOBAL_HEADER_LENGTH) {
    throw new PcapError(
      `Not a pcap file: ${bytes.length} bytes is shorter than the ${GLOBAL_HEADER_LENGTH}-byte pcap file header.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { littleEndian, nano } = readMagic(view);
  const u16 = (at: number): number => view.getUint16(at, littleEndian);
  const u32 = (at: number): number => view.getUint32(at, littleEndian);

  const major = u16(4);
  const minor = u16(6);
  if (major !== 2) {
    throw new PcapError(
      `Unsupported pcap version ${major}.${minor}: only version 2.x (the classic libpcap format) is supported.`,
    );
  }
  const snapLength = u32(16);
  // The link type is the low 16 bits; the upper bits may carry FCS information (pcap spec, LinkType field).
  const linkCode = u32(20) & 0xffff;
  const linkType = LINK_TYPES[linkCode];
  if (!linkType) {
    throw new PcapError(
      `Unsupported link type ${linkCode}: only Ethernet (1), raw IPv4 (101, 228), Linux cooked capture (113) and Linux cooked capture v2 (276) are supported.`,
    );
  }

  const packets: CapturedPacket[] = [];
  let skipped = 0;
  let records = 0;
  let first: { sec: number; frac: number } | undefined;
  const fracPerMicro = nano ? 1000 : 1;
  const fracLimit = nano ? 1_000_000_000 : 1_000_000;

  for (let offset = GLOBAL_HEADER_LENGTH; offset < bytes.length;) {
    const frame = records + 1;
    if (bytes.length - offset < RECORD_HEADER_LENGTH) {
      throw new PcapError(
        `Truncated pcap file: record ${frame} at byte ${offset} has only ${bytes.length - offset} of its ${RECORD_HEADER_LENGTH} header bytes.`,
      );
    }
    const sec = u32(offset);
    const frac = u32(offset + 4);
    const captured = u32(offset + 8);
    if (frac >= fracLimit) {
      throw new PcapError(
        `Malformed pcap record ${frame} at byte ${offset}: timestamp fraction ${frac} is not below ${fracLimit} (${nano ? 'nanosecond' : 'microsecond'} file).`,
      );
    }
    if (captured > PCAP_SNAPLEN) {
      throw new PcapError(
        `Malformed pcap record ${frame} at byte ${offset}: captured length ${captured} exceeds the maximum of ${PCAP_SNAPLEN} bytes.`,
      );
    }
    const start = offset + RECORD_HEADER_LENGTH;
    if (start + captured > bytes.length) {
      throw new PcapError(
        `Truncated pcap file: record ${frame} at byte ${offset} declares ${captured} bytes but only ${bytes.length - start} remain.`,
      );
    }
    records = frame;
    first ??= { sec, frac };
    const at = (sec - first.sec) * 1_000_000 + (frac - first.frac) / fracPerMicro;
    const packet = decodeRecord(bytes.subarray(start, start + captured), linkType, frame, at);
    if (packet) packets.push(packet);
    else skipped++;
    offset = start + captured;
  }

  return {
    byteOrder: littleEndian ? 'little-endian' : 'big-endian',
    precision: nano ? 'nanosecond' : 'microsecond',
    linkType,
    snapLength,
    records,
    packets,
    skipped,
  };
}

function readMagic(view: DataView): { littleEndian: boolean; nano: boolean } {
  for (const littleEndian of [true, false]) {
    const magic = view.getUint32(0, littleEndian);
    if (magic === PCAP_MAGIC_MICROSECONDS) return { littleEndian, nano: false };
    if (magic === PCAP_MAGIC_NANOSECONDS) return { littleEndian, nano: true };
  }
  const magic = view.getUint32(0, false);
  if (magic === PCAPNG_MAGIC) {
    throw new PcapError(
      'This is a pcapng file; only classic pcap is supported. Save it as "Wireshark/tcpdump - pcap" (or `editcap -F pcap`).',
    );
  }
  const start = [0, 1, 2, 3].map((i) => view.getUint8(i).toString(16).padStart(2, '0')).join(' ');
  throw new PcapError(
    `Not a pcap file: it starts with the bytes ${start}, which are not a pcap magic number (d4 c3 b2 a1 or a1 b2 c3 d4; 4d 3c b2 a1 or a1 b2 3c 4d for nanosecond files).`,
  );
}

/** The IPv4 packet inside a link-layer frame, or undefined if the frame carries something else. */
function ipv4Of(frame: Uint8Array, linkType: PcapLinkType): Uint8Array | undefined {
  const be16 = (at: number): number => ((frame[at] ?? 0) << 8) | (frame[at + 1] ?? 0);
  switch (linkType) {
    case 'raw-ipv4':
      return frame;
    case 'ethernet': {
      let at = 12;
      if (frame.length < at + 2) return undefined;
      let type = be16(at);
      // 802.1Q / 802.1ad tags: 4 bytes each before the real EtherType.
      for (let tags = 0; ETHERTYPE_VLAN.includes(type) && tags < 2; tags++) {
        at += 4;
        if (frame.length < at + 2) return undefined;
        type = be16(at);
      }
      return type === ETHERTYPE_IPV4 ? frame.subarray(at + 2) : undefined;
    }
    case 'linux-sll':
      // packet type, ARPHRD type, address length, 8 address bytes, then the protocol (EtherType).
      return frame.length >= 16 && be16(14) === ETHERTYPE_IPV4 ? frame.subarray(16) : undefined;
    case 'linux-sll2':
      // protocol (EtherType) first, then reserved, interface index, ARPHRD, packet type, address.
      return frame.length >= 20 && be16(0) === ETHERTYPE_IPV4 ? frame.subarray(20) : undefined;
  }
}

function decodeRecord(
  frame: Uint8Array,
  linkType: PcapLinkType,
  frameNumber: number,
  at: number,
): CapturedPacket | undefined {
  const ip = ipv4Of(frame, linkType);
  if (!ip || ip.length < 20) return undefined;
  const byte = (at: number): number => ip[at] ?? 0;
  const be16 = (at: number): number => (byte(at) << 8) | byte(at + 1);
  const be32 = (at: number): number =>
    ((byte(at) << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3)) >>> 0;

  if (byte(0) >> 4 !== 4) return undefined;
  const ipHeader = (byte(0) & 0x0f) * 4;
  const totalLength = be16(2);
  if (ipHeader < 20 || totalLength < ipHeader || ip.length < ipHeader) return undefined;
  // A fragment (more-fragments set or a non-zero offset) holds no complete TCP segment.
  if ((be16(6) & 0x3fff) !== 0) return undefined;
  if (byte(9) !== IPPROTO_TCP) return undefined;
  const end = Math.min(totalLength, ip.length);

  const tcp = ipHeader;
  if (end < tcp + 20) return undefined;
  const tcpHeader = (byte(tcp + 12) >> 4) * 4;
  if (tcpHeader < 20 || end < tcp + tcpHeader) return undefined;
  const flagBits = byte(tcp + 13);

  const options = readOptions(ip.subarray(tcp + 20, tcp + tcpHeader));
  const payloadBytes = ip.subarray(tcp + tcpHeader, end);
  // Ethernet pads short frames to 60 bytes, so the IPv4 total length, not the frame, bounds the payload;
  // a total length beyond the captured bytes means the snapshot length cut the packet.
  const truncated = totalLength > ip.length;

  return {
    frame: frameNumber,
    at,
    src: { ip: dotted(ip, 12), port: be16(tcp) },
    dst: { ip: dotted(ip, 16), port: be16(tcp + 2) },
    seq: be32(tcp + 4),
    ack: be32(tcp + 8),
    flags: {
      fin: (flagBits & 0x01) !== 0,
      syn: (flagBits & 0x02) !== 0,
      rst: (flagBits & 0x04) !== 0,
      psh: (flagBits & 0x08) !== 0,
      ack: (flagBits & 0x10) !== 0,
    },
    window: be16(tcp + 14),
    options: options.parsed,
    optionKinds: options.kinds,
    payload: latin1(payloadBytes),
    ip: { id: be16(4), ttl: byte(8) },
    truncated,
  };
}

function dotted(bytes: Uint8Array, at: number): Ipv4 {
  return `${bytes[at] ?? 0}.${bytes[at + 1] ?? 0}.${bytes[at + 2] ?? 0}.${bytes[at + 3] ?? 0}` as Ipv4;
}

/** Bytes as a string of one character per byte (ISO-8859-1); TextDecoder's "latin1" is really windows-1252. */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

interface ParsedOptions {
  parsed: TcpSegment['options'];
  kinds: number[];
}

/** RFC 9293 §3.2 option list: EOL ends it, NOP is one byte, every other kind carries its own length. */
function readOptions(bytes: Uint8Array): ParsedOptions {
  const kinds: number[] = [];
  const parsed: {
    mss?: number;
    sackPermitted?: boolean;
    windowScale?: number;
    timestamp?: { value: number; echo: number };
  } = {};
  const byte = (at: number): number => bytes[at] ?? 0;
  const be32 = (at: number): number =>
    ((byte(at) << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3)) >>> 0;
  for (let at = 0; at < bytes.length;) {
    const kind = byte(at);
    if (kind === 0) break;
    if (kind === 1) {
      kinds.push(kind);
      at += 1;
      continue;
    }
    const length = bytes[at + 1];
    // A malformed option list: stop reading rather than guess (the segment itself is still useful).
    if (length === undefined || length < 2 || at + length > bytes.length) break;
    kinds.push(kind);
    if (kind === 2 && length === 4) parsed.mss = (byte(at + 2) << 8) | byte(at + 3);
    else if (kind === 3 && length === 3) parsed.windowScale = byte(at + 2);
    else if (kind === 4 && length === 2) parsed.sackPermitted = true;
    else if (kind === 8 && length === 10) parsed.timestamp = { value: be32(at + 2), echo: be32(at + 6) };
    at += length;
  }
  return { parsed, kinds };
}
