import {
  commandLine,
  decodeExtendedAddress,
  decodeExtendedPassivePort,
  decodeHostPort,
  encodeExtendedAddress,
  encodeHostPort,
  flagLabel,
  formatEndpoint,
  ipVersionOf,
  recordsOnWire,
  replyLine,
  tlsWireSummary,
  type Endpoint,
  type PacketEvent,
  type TcpSegment,
} from '../../engine';
import { frameLayout, type ByteRange, type FrameFieldId } from './frameLayout';

/**
 * The layers of one packet as Wireshark's "packet details" pane lists them, for one point of capture.
 * Values come from the engine's segment and FTP message (in protocol notation); the few header fields
 * the engine does not model (MAC addresses, DF, lengths, checksums) are read from the captured frame.
 */

/** Protocol notation shown as is, or a word to translate (`Set`, `Yes`). */
export type FieldValue =
  { readonly text: string } | { readonly key: string; readonly params?: Record<string, string | number> };

export type FtpFieldId =
  | 'ftp.request'
  | 'ftp.line'
  | 'ftp.response'
  | 'ftp.verb'
  | 'ftp.argument'
  | 'ftp.code'
  | 'ftp.text'
  | 'ftp.family'
  | 'ftp.clientAddress'
  | 'ftp.serverAddress'
  | 'ftp.arithmetic'
  | 'ftp.port'
  | 'data.length'
  | TlsFieldId;

/** One TLS record's fields; the record's number (from 1) is the field's `n`. */
export type TlsFieldId =
  'tls.contentType' | 'tls.version' | 'tls.length' | 'tls.message' | 'tls.encrypted' | 'tls.inside';

export type FieldId = Exclude<FrameFieldId, 'eth' | 'ip' | 'tcp' | 'tcp.options'> | FtpFieldId;

export interface Field {
  readonly id: FieldId;
  /** The TLS record the field belongs to (from 1), when a segment carries several. */
  readonly n?: number;
  readonly value: FieldValue;
  /** The field's bytes in the captured frame, when there is one. */
  readonly range?: ByteRange;
}

export type LayerId = 'eth' | 'ip' | 'ip6' | 'tcp' | 'ftp' | 'ftpData' | 'tls';

/** A field told apart from the same field of another TLS record: `tls.length#2`. */
export type FieldKey = FieldId | `${TlsFieldId}#${number}`;

export function fieldKey(f: Field): FieldKey {
  return f.n === undefined ? f.id : `${f.id as TlsFieldId}#${f.n}`;
}

export interface Layer {
  readonly id: LayerId;
  /** One line in protocol notation, like Wireshark's tree headings. */
  readonly summary: FieldValue;
  readonly range?: ByteRange;
  readonly fields: readonly Field[];
}

const text = (value: string | number): FieldValue => ({ text: String(value) });
const hex = (n: number, digits: number): string => `0x${n.toString(16).padStart(digits, '0')}`;

function u16(frame: Uint8Array, at: number): number {
  return ((frame[at] ?? 0) << 8) | (frame[at + 1] ?? 0);
}

function mac(frame: Uint8Array, at: number): string {
  return Array.from(frame.subarray(at, at + 6), (b) => b.toString(16).padStart(2, '0')).join(':');
}

/** A sub-range of the payload, from an offset within it. */
function within(payload: ByteRange | undefined, offset: number, length: number): ByteRange | undefined {
  if (!payload || offset < 0) return undefined;
  const start = payload.start + offset;
  return { start, end: Math.min(start + length, payload.end) };
}

function field(id: FieldId, value: FieldValue, range: ByteRange | undefined): Field {
  return range ? { id, value, range } : { id, value };
}

type Pick = (id: FrameFieldId) => ByteRange | undefined;

function ipv4Layer(segment: TcpSegment, frame: Uint8Array | undefined, pick: Pick): Layer {
  const ipFields: Field[] = [
    field('ip.src', text(segment.src.ip), pick('ip.src')),
    field('ip.dst', text(segment.dst.ip), pick('ip.dst')),
    field('ip.ttl', text(segment.ip.ttl), pick('ip.ttl')),
    field('ip.id', text(`${hex(segment.ip.id, 4)} (${segment.ip.id})`), pick('ip.id')),
  ];
  const header = pick('ip');
  if (frame && header) {
    const ip = header.start;
    const dontFragment = ((frame[ip + 6] ?? 0) & 0x40) !== 0;
    ipFields.push(
      field(
        'ip.flags',
        { key: dontFragment ? 'inspector.values.set' : 'inspector.values.notSet' },
        pick('ip.flags'),
      ),
      field('ip.length', text(u16(frame, ip + 2)), pick('ip.length')),
      field('ip.protocol', text(`TCP (${frame[ip + 9] ?? 0})`), pick('ip.protocol')),
      field('ip.checksum', text(hex(u16(frame, ip + 10), 4)), pick('ip.checksum')),
    );
  }
  return {
    id: 'ip',
    summary: text(`${segment.src.ip} → ${segment.dst.ip}`),
    ...(header ? { range: header } : {}),
    fields: ipFields,
  };
}

/** IPv6 (RFC 8200): no identification, no checksum, no fragmenting on the way; a flow label instead. */
function ipv6Layer(segment: TcpSegment, frame: Uint8Array | undefined, pick: Pick): Layer {
  const flowLabel = segment.ip.flowLabel ?? 0;
  const fields: Field[] = [
    field('ip.src', text(segment.src.ip), pick('ip.src')),
    field('ip.dst', text(segment.dst.ip), pick('ip.dst')),
    field('ip.hopLimit', text(segment.ip.ttl), pick('ip.hopLimit')),
    field('ip.flowLabel', text(`${hex(flowLabel, 5)} (${flowLabel})`), pick('ip.flowLabel')),
  ];
  const header = pick('ip');
  if (frame && header) {
    const ip = header.start;
    fields.push(
      field('ip.payloadLength', text(u16(frame, ip + 4)), pick('ip.payloadLength')),
      field('ip.nextHeader', text(`TCP (${frame[ip + 6] ?? 0})`), pick('ip.nextHeader')),
    );
  }
  return {
    id: 'ip6',
    summary: text(`${segment.src.ip} → ${segment.dst.ip}`),
    ...(header ? { range: header } : {}),
    fields,
  };
}

/** IEEE's EtherType for IPv6 (RFC 8200 §3 via RFC 2464). */
const ETHERTYPE_IPV6 = 0x86dd;

/**
 * The layers of `segment` (the packet as seen at one point) of a packet event; `frame` is its captured
 * frame when a capture at that point records it.
 */
export function packetLayers(event: PacketEvent, segment: TcpSegment, frame?: Uint8Array): Layer[] {
  const at = frame ? frameLayout(frame) : {};
  const layers: Layer[] = [];
  const pick = (id: FrameFieldId) => at[id];

  if (frame && at.eth) {
    const dst = mac(frame, 0);
    const src = mac(frame, 6);
    layers.push({
      id: 'eth',
      summary: text(`${src} → ${dst}`),
      range: at.eth,
      fields: [
        field('eth.dst', text(dst), pick('eth.dst')),
        field('eth.src', text(src), pick('eth.src')),
        field(
          'eth.type',
          text(`${u16(frame, 12) === ETHERTYPE_IPV6 ? 'IPv6' : 'IPv4'} (${hex(u16(frame, 12), 4)})`),
          pick('eth.type'),
        ),
      ],
    });
  }

  if (ipVersionOf(segment.src.ip) === 6) layers.push(ipv6Layer(segment, frame, pick));
  else layers.push(ipv4Layer(segment, frame, pick));

  const flags = flagLabel(segment.flags);
  const tcpFields: Field[] = [
    field('tcp.srcPort', text(segment.src.port), pick('tcp.srcPort')),
    field('tcp.dstPort', text(segment.dst.port), pick('tcp.dstPort')),
    field(
      'tcp.flags',
      text(frame && at.tcp ? `${hex(u16(frame, at.tcp.start + 12) & 0x0fff, 3)} (${flags})` : flags),
      pick('tcp.flags'),
    ),
    field('tcp.seq', text(segment.seq), pick('tcp.seq')),
    field('tcp.ack', text(segment.ack), pick('tcp.ack')),
    field('tcp.window', text(segment.window), pick('tcp.window')),
  ];
  const { options } = segment;
  if (options.mss !== undefined) tcpFields.push(field('tcp.mss', text(options.mss), pick('tcp.mss')));
  if (options.sackPermitted)
    tcpFields.push(field('tcp.sackPermitted', { key: 'inspector.values.yes' }, pick('tcp.sackPermitted')));
  if (options.timestamp)
    tcpFields.push(
      field(
        'tcp.timestamps',
        text(`TSval ${options.timestamp.value}, TSecr ${options.timestamp.echo}`),
        pick('tcp.timestamps'),
      ),
    );
  if (options.windowScale !== undefined)
    tcpFields.push(
      field(
        'tcp.windowScale',
        // RFC 7323 §2.2: the window field is shifted left by this many bits.
        text(`${options.windowScale} (×${2 ** options.windowScale})`),
        pick('tcp.windowScale'),
      ),
    );
  if (frame && at.tcp) {
    tcpFields.push(
      field('tcp.headerLength', text(at.tcp.end - at.tcp.start), pick('tcp.headerLength')),
      field('tcp.checksum', text(hex(u16(frame, at.tcp.start + 16), 4)), pick('tcp.checksum')),
    );
  }
  tcpFields.push(field('payload', text(segment.payload.length), pick('payload')));
  layers.push({
    id: 'tcp',
    summary: text(
      `${segment.src.port} → ${segment.dst.port} [${flags}] seq=${segment.seq} ack=${segment.ack} len=${segment.payload.length}`,
    ),
    ...(at.tcp ? { range: at.tcp } : {}),
    fields: tcpFields,
  });

  const app = applicationLayer(event, segment, at.payload);
  if (app) layers.push(app);
  return layers;
}

/** `CODE text` / `VERB argument` without the Telnet end of line (RFC 959 §4.1). */
function messageLine(payload: string): string {
  return payload.replace(/\r\n$/, '');
}

function applicationLayer(
  event: PacketEvent,
  segment: TcpSegment,
  payload: ByteRange | undefined,
): Layer | undefined {
  if (segment.payload.length === 0) return undefined;
  if (event.packet.tls) return tlsLayer(event, segment, payload, event.packet.tls);
  const line = messageLine(segment.payload);
  const lineRange = within(payload, 0, line.length);
  const base = { id: 'ftp' as const, summary: text(line), ...(payload ? { range: payload } : {}) };

  if (event.kind === 'ftp/command-sent') {
    const { verb } = event.command;
    // The verb never changes on the way; the argument may (an FTP helper rewrites PORT/EPRT behind NAT).
    const argument = line.startsWith(`${verb} `) ? line.slice(verb.length + 1) : undefined;
    const argumentAt = verb.length + 1;
    const fields: Field[] = [
      field('ftp.request', text(line), lineRange),
      field('ftp.verb', text(verb), within(payload, 0, verb.length)),
    ];
    if (argument !== undefined)
      fields.push(field('ftp.argument', text(argument), within(payload, argumentAt, argument.length)));
    if (argument !== undefined && verb === 'PORT') {
      const address = decodeHostPort(argument);
      if (address)
        fields.push(...hostPortFields('ftp.clientAddress', address, argument, argumentAt, payload));
    }
    if (argument !== undefined && verb === 'EPRT') {
      const address = decodeExtendedAddress(argument);
      if (address) {
        const encoded = encodeExtendedAddress(address);
        const offset = argumentAt + argument.indexOf(encoded);
        fields.push(
          // RFC 2428 §2: |net-prt|net-addr|tcp-port|, net-prt 1 = IPv4.
          field('ftp.family', text('1 (IPv4)'), within(payload, offset + 1, 1)),
          field('ftp.clientAddress', text(formatEndpoint(address)), within(payload, offset, encoded.length)),
        );
      }
    }
    return { ...base, fields };
  }

  if (event.kind === 'ftp/reply-sent') {
    const { code } = event.reply;
    const prefix = `${code} `;
    const replyText = line.startsWith(prefix) ? line.slice(prefix.length) : line;
    const textAt = line.startsWith(prefix) ? prefix.length : 0;
    const fields: Field[] = [
      field('ftp.response', text(line), lineRange),
      field('ftp.code', text(code), within(payload, 0, String(code).length)),
      field('ftp.text', text(replyText), within(payload, textAt, replyText.length)),
    ];
    if (code === 227) {
      // RFC 959 §4.1.2: 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2).
      const address = decodeHostPort(replyText);
      if (address) fields.push(...hostPortFields('ftp.serverAddress', address, replyText, textAt, payload));
    }
    if (code === 229) {
      // RFC 2428 §3: 229 Entering Extended Passive Mode (|||port|).
      const port = decodeExtendedPassivePort(replyText);
      if (port !== undefined) {
        const encoded = `|||${port}|`;
        fields.push(
          field(
            'ftp.port',
            text(port),
            within(payload, textAt + replyText.indexOf(encoded) + 3, String(port).length),
          ),
        );
      }
    }
    return { ...base, fields };
  }

  if (event.packet.conn === 'control') return { ...base, fields: [field('ftp.line', text(line), lineRange)] };
  // Data connection: the listing or the file's bytes.
  return {
    id: 'ftpData',
    summary: { key: 'inspector.values.bytes', params: { n: segment.payload.length } },
    ...(payload ? { range: payload } : {}),
    fields: [field('data.length', text(segment.payload.length), payload)],
  };
}

/** How many of an encrypted body's first bytes stand for the rest. */
const OPAQUE_SHOWN = 8;

/**
 * Explicit FTPS: the records of the segment, each with its header (type, version, length) and what it
 * shows: a clear-text hello by name, an encrypted record as opaque bytes and, apart, what only the two
 * ends know it carries (the FTP line, a handshake message, file data).
 */
function tlsLayer(
  event: PacketEvent,
  segment: TcpSegment,
  payload: ByteRange | undefined,
  records: NonNullable<PacketEvent['packet']['tls']>,
): Layer {
  const fields: Field[] = [];
  const ftpLine =
    event.kind === 'ftp/command-sent'
      ? commandLine(event.command).trim()
      : event.kind === 'ftp/reply-sent'
        ? replyLine(event.reply).trim()
        : undefined;
  recordsOnWire(records).forEach((r, i) => {
    const n = i + 1;
    const at = (offset: number, length: number, id: TlsFieldId, value: FieldValue): void => {
      const range = within(payload, r.offset + offset, length);
      fields.push(range ? { id, n, value, range } : { id, n, value });
    };
    at(0, 1, 'tls.contentType', text(`${r.contentName} (${r.contentType})`));
    at(1, 2, 'tls.version', text(`${r.versionName} (${hex(r.version, 4)})`));
    at(3, 2, 'tls.length', text(r.length));
    if (r.clearMessage) at(5, r.length, 'tls.message', text(r.clearMessage));
    if (!r.sealed) return;
    const body = segment.payload.slice(r.offset + 5, r.offset + 5 + OPAQUE_SHOWN);
    const shown = Array.from(body, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');
    at(5, r.length, 'tls.encrypted', { key: 'inspector.tls.opaque', params: { bytes: `${shown} …` } });
    const inside: FieldValue =
      r.sealed.kind === 'handshake'
        ? { key: 'inspector.tls.inside.handshake', params: { message: r.sealed.message } }
        : r.sealed.kind === 'ftp-line' && ftpLine !== undefined
          ? { key: 'inspector.tls.inside.ftpLine', params: { line: ftpLine } }
          : { key: `inspector.tls.inside.${r.sealed.kind}` };
    at(5, r.length, 'tls.inside', inside);
  });
  const summary = tlsWireSummary(records);
  return {
    id: 'tls',
    summary: {
      key: 'inspector.tls.summary',
      params: {
        records: records.length,
        clear: summary.clear.join(', ') || '—',
        encrypted: summary.encrypted,
      },
    },
    ...(payload ? { range: payload } : {}),
    fields,
  };
}

/** The address of PORT or 227 (h1,h2,h3,h4,p1,p2) and its port worked out as p1*256+p2. */
function hostPortFields(
  id: 'ftp.clientAddress' | 'ftp.serverAddress',
  address: Endpoint,
  message: string,
  messageAt: number,
  payload: ByteRange | undefined,
): Field[] {
  const encoded = encodeHostPort(address);
  const offset = message.indexOf(encoded);
  const p1 = Math.trunc(address.port / 256);
  const p2 = address.port % 256;
  const portText = `${p1},${p2}`;
  const at = offset < 0 ? -1 : messageAt + offset;
  return [
    field(id, text(formatEndpoint(address)), at < 0 ? undefined : within(payload, at, encoded.length)),
    field(
      'ftp.arithmetic',
      text(`p1*256+p2 = ${p1}*256+${p2} = ${address.port}`),
      at < 0 ? undefined : within(payload, at + encoded.length - portText.length, portText.length),
    ),
  ];
}
