/**
 * Where each header field sits in a captured Ethernet/IPv4/TCP (or IPv6/TCP) frame: display geometry for the hex dump,
 * read from the frame's own length fields (IHL, TCP data offset, option lengths), the way a dissector
 * walks a capture. Values are shown from the engine's segment; this only says which bytes to highlight.
 */

/** A half-open byte range [start, end) within the frame. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export type FrameFieldId =
  | 'eth'
  | 'eth.dst'
  | 'eth.src'
  | 'eth.type'
  | 'ip'
  | 'ip.version'
  | 'ip.length'
  | 'ip.id'
  | 'ip.flags'
  | 'ip.ttl'
  | 'ip.protocol'
  | 'ip.checksum'
  | 'ip.src'
  | 'ip.dst'
  | 'ip.flowLabel'
  | 'ip.payloadLength'
  | 'ip.nextHeader'
  | 'ip.hopLimit'
  | 'tcp'
  | 'tcp.srcPort'
  | 'tcp.dstPort'
  | 'tcp.seq'
  | 'tcp.ack'
  | 'tcp.headerLength'
  | 'tcp.flags'
  | 'tcp.window'
  | 'tcp.checksum'
  | 'tcp.urgent'
  | 'tcp.options'
  | 'tcp.mss'
  | 'tcp.sackPermitted'
  | 'tcp.timestamps'
  | 'tcp.windowScale'
  | 'payload';

export type FrameLayout = Partial<Record<FrameFieldId, ByteRange>>;

const ETHERNET_LENGTH = 14;

/** TCP option kinds (RFC 793, RFC 7323, RFC 2018) and the field each one shows as. */
const OPTION_FIELDS: Readonly<Record<number, FrameFieldId>> = {
  2: 'tcp.mss',
  3: 'tcp.windowScale',
  4: 'tcp.sackPermitted',
  8: 'tcp.timestamps',
};

const range = (start: number, length: number): ByteRange => ({ start, end: start + length });

/** The field ranges of one frame. A truncated or non-IPv4/TCP frame gives only what it holds. */
export function frameLayout(frame: Uint8Array): FrameLayout {
  const layout: FrameLayout = {};
  if (frame.length < ETHERNET_LENGTH) return layout;
  layout.eth = range(0, ETHERNET_LENGTH);
  layout['eth.dst'] = range(0, 6);
  layout['eth.src'] = range(6, 6);
  layout['eth.type'] = range(12, 2);

  const ip = ETHERNET_LENGTH;
  if ((frame[ip] ?? 0) >> 4 === 6) return ipv6Layout(frame, layout);
  const ihl = ((frame[ip] ?? 0) & 0x0f) * 4;
  if (frame.length < ip + 20 || ihl < 20) return layout;
  layout.ip = range(ip, ihl);
  layout['ip.version'] = range(ip, 1);
  layout['ip.length'] = range(ip + 2, 2);
  layout['ip.id'] = range(ip + 4, 2);
  layout['ip.flags'] = range(ip + 6, 2);
  layout['ip.ttl'] = range(ip + 8, 1);
  layout['ip.protocol'] = range(ip + 9, 1);
  layout['ip.checksum'] = range(ip + 10, 2);
  layout['ip.src'] = range(ip + 12, 4);
  layout['ip.dst'] = range(ip + 16, 4);

  return tcpLayout(frame, layout, ip + ihl);
}

/** RFC 8200 §3: the fixed 40-byte header; the lab's packets carry no extension header. */
const IPV6_LENGTH = 40;

function ipv6Layout(frame: Uint8Array, layout: FrameLayout): FrameLayout {
  const ip = ETHERNET_LENGTH;
  if (frame.length < ip + IPV6_LENGTH) return layout;
  layout.ip = range(ip, IPV6_LENGTH);
  layout['ip.version'] = range(ip, 1);
  layout['ip.flowLabel'] = range(ip + 1, 3);
  layout['ip.payloadLength'] = range(ip + 4, 2);
  layout['ip.nextHeader'] = range(ip + 6, 1);
  layout['ip.hopLimit'] = range(ip + 7, 1);
  layout['ip.src'] = range(ip + 8, 16);
  layout['ip.dst'] = range(ip + 24, 16);
  return tcpLayout(frame, layout, ip + IPV6_LENGTH);
}

function tcpLayout(frame: Uint8Array, layout: FrameLayout, tcp: number): FrameLayout {
  const dataOffset = ((frame[tcp + 12] ?? 0) >> 4) * 4;
  if (frame.length < tcp + 20 || dataOffset < 20) return layout;
  layout.tcp = range(tcp, dataOffset);
  layout['tcp.srcPort'] = range(tcp, 2);
  layout['tcp.dstPort'] = range(tcp + 2, 2);
  layout['tcp.seq'] = range(tcp + 4, 4);
  layout['tcp.ack'] = range(tcp + 8, 4);
  layout['tcp.headerLength'] = range(tcp + 12, 1);
  // The flags are the low 12 bits of bytes 12-13; byte 13 holds all the ones a lab segment uses.
  layout['tcp.flags'] = range(tcp + 13, 1);
  layout['tcp.window'] = range(tcp + 14, 2);
  layout['tcp.checksum'] = range(tcp + 16, 2);
  layout['tcp.urgent'] = range(tcp + 18, 2);

  const optionsEnd = Math.min(tcp + dataOffset, frame.length);
  if (optionsEnd > tcp + 20) layout['tcp.options'] = { start: tcp + 20, end: optionsEnd };
  for (let at = tcp + 20; at < optionsEnd;) {
    const kind = frame[at] ?? 0;
    if (kind === 0) break; // End of option list
    if (kind === 1) {
      at += 1; // NOP: padding
      continue;
    }
    const length = frame[at + 1] ?? 0;
    if (length < 2 || at + length > optionsEnd) break;
    const field = OPTION_FIELDS[kind];
    if (field) layout[field] = range(at, length);
    at += length;
  }

  if (frame.length > tcp + dataOffset) layout.payload = { start: tcp + dataOffset, end: frame.length };
  return layout;
}
