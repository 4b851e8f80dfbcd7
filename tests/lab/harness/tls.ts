import { createDecipheriv, createHmac } from 'node:crypto';
import type { Simulation } from '../../../src/engine';
import { commandLine, replyLine } from '../../../src/engine/ftp/messages';
import type { TlsCarries } from '../../../src/engine/tls/records';
import { capturedPackets } from '../../../src/export/pcap';
import type { CapturedPacket } from '../../../src/import/captureReader';

/**
 * Explicit FTPS in the lab: a capture read twice over. Its **plaintext view** is the capture as it would be
 * without the TLS layer: every segment keeps its place, time, flags and ports, and carries only the
 * application bytes its TLS records held (an FTP line, listing or file bytes); a segment that held only
 * handshake, session tickets or alerts carries nothing and reads as a pure ACK. Sequence numbers are
 * renumbered to match, so the project's FTP analyzer reads the view like any plaintext capture. Its
 * **records** say, segment by segment, what each TLS record carried (`client-hello`, `certificate`,
 * `ftp-line`, …: the engine's names), without the lengths.
 *
 * The real capture is decrypted with the key log the client wrote (curl's SSLKEYLOGFILE, Python's
 * `keylog_filename`): TLS 1.3 only (RFC 8446 §7: traffic keys from the logged secrets, AEAD per record). The
 * engine's capture is read with what the engine knows about each packet it sent (`packet.tls`, and the FTP
 * command or reply it carried).
 */
export interface TlsReading {
  readonly plain: readonly CapturedPacket[];
  /** One line per segment that carried TLS records: `control client: certificate finished`. */
  readonly records: readonly string[];
  /** The TLS version and cipher suite of each connection that negotiated one, e.g. `TLS 1.3 TLS_AES_256_GCM_SHA384`. */
  readonly negotiated: readonly string[];
}

type Direction = string;
const directionOf = (p: CapturedPacket): Direction => `${p.src.ip}:${p.src.port}>${p.dst.ip}:${p.dst.port}`;
const reverse = (p: CapturedPacket): Direction => `${p.dst.ip}:${p.dst.port}>${p.src.ip}:${p.src.port}`;
const connectionOf = (p: CapturedPacket): string => [directionOf(p), reverse(p)].sort().join('|');

/** What a segment carries once TLS is taken away: its application bytes, and its records' contents. */
interface Opened {
  readonly payload: string;
  readonly carries: readonly TlsCarries[];
}

/**
 * Rebuilds the capture with each segment's payload replaced (`opened[i]`, or as it was), sequence and
 * acknowledgement numbers moved to the new byte counts.
 */
function withPayloads(
  packets: readonly CapturedPacket[],
  opened: readonly (Opened | undefined)[],
): CapturedPacket[] {
  // Per direction: each original stream offset where a segment starts, and how far the new stream has got.
  const isn = new Map<Direction, number>();
  const starts = new Map<Direction, Map<number, number>>();
  packets.forEach((p) => {
    if (p.flags.syn) isn.set(directionOf(p), p.seq);
  });
  const offsetOf = (d: Direction, seq: number): number => (seq - (isn.get(d) ?? seq) - 1) >>> 0;
  const segments = new Map<Direction, { offset: number; old: number; now: number }[]>();
  packets.forEach((p, i) => {
    if (p.payload.length === 0) return;
    const d = directionOf(p);
    const list = segments.get(d) ?? [];
    const offset = offsetOf(d, p.seq);
    if (!list.some((s) => s.offset === offset))
      list.push({ offset, old: p.payload.length, now: (opened[i]?.payload ?? p.payload).length });
    segments.set(d, list);
  });
  for (const [d, list] of segments) {
    list.sort((a, b) => a.offset - b.offset);
    const map = new Map<number, number>();
    let now = 0;
    for (const s of list) {
      map.set(s.offset, now);
      now += s.now;
      map.set(s.offset + s.old, now);
    }
    starts.set(d, map);
  }
  /** The new sequence number of an original one: at a segment's start or end (anything else: the nearest below). */
  const moved = (d: Direction, seq: number): number => {
    const base = isn.get(d);
    const map = starts.get(d);
    if (base === undefined || !map) return seq;
    const offset = offsetOf(d, seq);
    if (offset > 0x7fffffff) return seq; // the SYN itself
    let best = 0;
    let bestAt = 0;
    for (const [old, now] of map)
      if (old <= offset && old >= bestAt) {
        best = now + (offset - old);
        bestAt = old;
      }
    return (base + 1 + best) >>> 0;
  };
  return packets.map((p, i) => {
    const o = opened[i];
    return {
      ...p,
      payload: o ? o.payload : p.payload,
      seq: moved(directionOf(p), p.seq),
      ack: p.flags.ack ? moved(reverse(p), p.ack) : p.ack,
    };
  });
}

/** TLS 1.3 handshake message types (RFC 8446 §4) under the engine's names. */
const HANDSHAKE_NAMES: Readonly<Record<number, TlsCarries>> = {
  1: 'client-hello',
  2: 'server-hello',
  4: 'new-session-ticket',
  8: 'encrypted-extensions',
  11: 'certificate',
  13: 'certificate-request',
  15: 'certificate-verify',
  20: 'finished',
};
/** RFC 8446 §4.1.3: the ServerHello random that makes it a HelloRetryRequest. */
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

interface Suite {
  readonly name: string;
  readonly hash: 'sha256' | 'sha384';
  readonly cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  readonly keyLength: number;
}
const SUITES: Readonly<Record<number, Suite>> = {
  0x1301: { name: 'TLS_AES_128_GCM_SHA256', hash: 'sha256', cipher: 'aes-128-gcm', keyLength: 16 },
  0x1302: { name: 'TLS_AES_256_GCM_SHA384', hash: 'sha384', cipher: 'aes-256-gcm', keyLength: 32 },
  0x1303: {
    name: 'TLS_CHACHA20_POLY1305_SHA256',
    hash: 'sha256',
    cipher: 'chacha20-poly1305',
    keyLength: 32,
  },
};

/** RFC 8446 §7.1 HKDF-Expand-Label with an empty context, for outputs no longer than one hash block. */
function expandLabel(hash: Suite['hash'], secret: Buffer, label: string, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'latin1');
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, full.length]),
    full,
    Buffer.from([0]),
  ]);
  return createHmac(hash, secret)
    .update(Buffer.concat([info, Buffer.from([1])]))
    .digest()
    .subarray(0, length);
}

/** One direction's traffic keys (RFC 8446 §7.3) and its record counter. */
class Keys {
  private seq = 0;
  private readonly key: Buffer;
  private readonly iv: Buffer;
  constructor(
    private readonly suite: Suite,
    secret: string,
  ) {
    const s = Buffer.from(secret, 'hex');
    this.key = expandLabel(suite.hash, s, 'key', suite.keyLength);
    this.iv = expandLabel(suite.hash, s, 'iv', 12);
  }
  /** The record's inner plaintext and content type (§5.2), or undefined if these keys do not open it. */
  open(header: Buffer, body: Buffer): { type: number; content: Buffer } | undefined {
    const nonce = Buffer.from(this.iv);
    for (let i = 0; i < 8; i++)
      nonce[11 - i] = (nonce[11 - i] as number) ^ Number((BigInt(this.seq) >> BigInt(8 * i)) & 0xffn);
    try {
      const decipher = createDecipheriv(this.suite.cipher, this.key, nonce, {
        authTagLength: 16,
      } as never) as unknown as {
        setAAD(b: Buffer): void;
        setAuthTag(b: Buffer): void;
        update(b: Buffer): Buffer;
        final(): Buffer;
      };
      decipher.setAAD(header);
      decipher.setAuthTag(body.subarray(body.length - 16));
      const clear = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
      this.seq += 1;
      let end = clear.length;
      while (end > 0 && clear[end - 1] === 0) end--; // padding
      return { type: clear[end - 1] as number, content: clear.subarray(0, end - 1) };
    } catch {
      return undefined;
    }
  }
}

/** The secrets of a key log (NSS format), by client random. */
function parseKeyLog(text: string): Map<string, Map<string, string>> {
  const byRandom = new Map<string, Map<string, string>>();
  for (const line of text.split('\n')) {
    const [label, random, secret] = line.trim().split(/\s+/);
    if (!label || !random || !secret || label.startsWith('#')) continue;
    const entry = byRandom.get(random.toLowerCase()) ?? new Map<string, string>();
    entry.set(label, secret);
    byRandom.set(random.toLowerCase(), entry);
  }
  return byRandom;
}

/** Handshake messages in a handshake record's content (each: type, 24-bit length, body). */
function handshakeMessages(content: Buffer): { type: number; body: Buffer }[] {
  const out: { type: number; body: Buffer }[] = [];
  for (let i = 0; i + 4 <= content.length;) {
    const length =
      ((content[i + 1] as number) << 16) | ((content[i + 2] as number) << 8) | (content[i + 3] as number);
    out.push({ type: content[i] as number, body: content.subarray(i + 4, i + 4 + length) });
    i += 4 + length;
  }
  return out;
}

/** A connection being read: the client random, the suite, and each direction's keys in turn. */
interface TlsConnection {
  clientDirection?: Direction;
  random?: string;
  suite?: Suite;
  version?: string;
  handshake: Map<Direction, Keys>;
  application: Map<Direction, Keys>;
  /** Directions that have switched to their application keys. */
  switched: Set<Direction>;
}

/**
 * The real capture decrypted with the client's key log. Each TCP direction is reassembled (retransmissions
 * counted once); a record belongs to the segment where it ends. A connection whose records cannot be
 * opened (no secrets in the log) is an error: the comparison would otherwise compare nothing.
 */
export function readRealTls(packets: readonly CapturedPacket[], keyLog: string): TlsReading {
  const secrets = parseKeyLog(keyLog);
  const connections = new Map<string, TlsConnection>();
  const streams = new Map<Direction, { next?: number; buffer: Buffer }>();
  const opened: (Opened | undefined)[] = packets.map(() => undefined);
  const seen = new Map<string, Opened>();
  const records: string[] = [];
  const names = connectionNames(packets);

  packets.forEach((p, i) => {
    const d = directionOf(p);
    const stream = streams.get(d) ?? { buffer: Buffer.alloc(0) };
    streams.set(d, stream);
    if (p.flags.syn) {
      stream.next = (p.seq + 1) >>> 0;
      return;
    }
    if (p.payload.length === 0 || stream.next === undefined) return;
    const ahead = (p.seq - stream.next) | 0;
    const key = `${d} ${p.seq} ${p.payload.length}`;
    // A segment sent again: read as the first copy was (plaintext before TLS stays as it is).
    if (ahead < 0 && ahead + p.payload.length <= 0) {
      opened[i] = seen.get(key);
      return;
    }
    const fresh = Buffer.from(p.payload.slice(Math.max(0, -ahead)), 'latin1');
    stream.next = (stream.next + fresh.length) >>> 0;
    const conn = connections.get(connectionOf(p)) ?? {
      handshake: new Map(),
      application: new Map(),
      switched: new Set(),
    };
    connections.set(connectionOf(p), conn);
    // Plaintext FTP (220, AUTH, 234) until the first record of this direction: the view keeps it as it is.
    if (stream.buffer.length === 0 && !startsLikeRecord(fresh)) return;
    stream.buffer = Buffer.concat([stream.buffer, fresh]);
    let application = '';
    const carries: TlsCarries[] = [];
    while (stream.buffer.length >= 5) {
      const length = stream.buffer.readUInt16BE(3);
      if (stream.buffer.length < 5 + length) break;
      const header = stream.buffer.subarray(0, 5);
      const body = stream.buffer.subarray(5, 5 + length);
      stream.buffer = stream.buffer.subarray(5 + length);
      const read = readRecord(conn, d, header, body, secrets, names.get(connectionOf(p)) ?? '?');
      carries.push(...read.carries);
      application += read.application;
    }
    opened[i] = { payload: application, carries };
    seen.set(key, opened[i]);
    if (carries.length)
      records.push(`${names.get(connectionOf(p)) ?? '?'} ${side(conn, d)}: ${carries.join(' ')}`);
  });
  return {
    plain: withPayloads(packets, opened),
    records,
    negotiated: [...connections.values()].flatMap((c) =>
      c.version && c.suite ? [`${c.version} ${c.suite.name}`] : [],
    ),
  };
}

const side = (conn: TlsConnection, d: Direction): string =>
  conn.clientDirection === d ? 'client' : 'server';

function startsLikeRecord(bytes: Buffer): boolean {
  return bytes.length >= 2 && (bytes[0] as number) >= 20 && (bytes[0] as number) <= 23 && bytes[1] === 3;
}

function readRecord(
  conn: TlsConnection,
  d: Direction,
  header: Buffer,
  body: Buffer,
  secrets: Map<string, Map<string, string>>,
  connName: string,
): { carries: TlsCarries[]; application: string } {
  const type = header[0] as number;
  if (type === 20) return { carries: ['change-cipher-spec'], application: '' };
  if (type === 22) {
    const carries: TlsCarries[] = [];
    for (const m of handshakeMessages(body)) {
      if (m.type === 1) {
        conn.clientDirection = d;
        conn.random = m.body.subarray(2, 34).toString('hex');
        carries.push('client-hello');
      } else if (m.type === 2) {
        const random = m.body.subarray(2, 34).toString('hex');
        const session = m.body[34] as number;
        const suite = SUITES[m.body.readUInt16BE(35 + session)];
        if (!suite)
          throw new Error(
            `${connName}: cipher suite 0x${m.body.readUInt16BE(35 + session).toString(16)} is not TLS 1.3's`,
          );
        conn.suite = suite;
        conn.version =
          supportedVersion(m.body.subarray(35 + session + 3)) === 0x0304 ? 'TLS 1.3' : 'TLS ≤ 1.2';
        if (random === HRR_RANDOM) carries.push('hello-retry-request');
        else {
          carries.push('server-hello');
          if (conn.version !== 'TLS 1.3')
            throw new Error(
              `${connName}: the lab decrypts TLS 1.3 only, this connection negotiated ${conn.version}`,
            );
          installKeys(conn, secrets, connName);
        }
      } else carries.push(HANDSHAKE_NAMES[m.type] ?? (`handshake-${m.type}` as TlsCarries));
    }
    return { carries, application: '' };
  }
  if (type === 21) return { carries: ['close-notify'], application: '' };
  // Application data: under the handshake keys until this direction's Finished, then the application keys.
  const keys = conn.switched.has(d) ? conn.application.get(d) : conn.handshake.get(d);
  let inner = keys?.open(header, body);
  if (!inner && !conn.switched.has(d)) {
    conn.switched.add(d);
    inner = conn.application.get(d)?.open(header, body);
  }
  if (!inner)
    throw new Error(`${connName}: a record the key log cannot open (${side(conn, d)}, ${body.length} bytes)`);
  if (inner.type === 22)
    return {
      carries: handshakeMessages(inner.content).map(
        (m) => HANDSHAKE_NAMES[m.type] ?? (`handshake-${m.type}` as TlsCarries),
      ),
      application: '',
    };
  if (inner.type === 21)
    return {
      carries: [inner.content[0] === 1 && inner.content[1] === 0 ? 'close-notify' : ('alert' as TlsCarries)],
      application: '',
    };
  return {
    carries: [connName === 'control' ? 'ftp-line' : 'data'],
    application: inner.content.toString('latin1'),
  };
}

/** The supported_versions extension (43) of a ServerHello's extensions block. */
function supportedVersion(extensions: Buffer): number | undefined {
  const end = 2 + extensions.readUInt16BE(0);
  for (let i = 2; i + 4 <= end;) {
    const type = extensions.readUInt16BE(i);
    const length = extensions.readUInt16BE(i + 2);
    if (type === 43) return extensions.readUInt16BE(i + 4);
    i += 4 + length;
  }
  return undefined;
}

function installKeys(conn: TlsConnection, secrets: Map<string, Map<string, string>>, connName: string): void {
  const entry = conn.random ? secrets.get(conn.random) : undefined;
  const suite = conn.suite;
  if (!entry || !suite || !conn.clientDirection)
    throw new Error(`${connName}: the key log has no secrets for this connection's client random`);
  const [a, b] = conn.clientDirection.split('>') as [string, string];
  const serverDirection = `${b}>${a}`;
  const keys = (label: string): Keys => {
    const secret = entry.get(label);
    if (!secret) throw new Error(`${connName}: the key log lacks ${label}`);
    return new Keys(suite, secret);
  };
  conn.handshake.set(conn.clientDirection, keys('CLIENT_HANDSHAKE_TRAFFIC_SECRET'));
  conn.handshake.set(serverDirection, keys('SERVER_HANDSHAKE_TRAFFIC_SECRET'));
  conn.application.set(conn.clientDirection, keys('CLIENT_TRAFFIC_SECRET_0'));
  conn.application.set(serverDirection, keys('SERVER_TRAFFIC_SECRET_0'));
}

/** `control` for port 21's connection, `data-k` for the others by the order of their first packet. */
function connectionNames(packets: readonly CapturedPacket[]): Map<string, string> {
  const names = new Map<string, string>();
  let k = 0;
  for (const p of packets) {
    const c = connectionOf(p);
    if (names.has(c)) continue;
    names.set(c, p.src.port === 21 || p.dst.port === 21 ? 'control' : `data-${++k}`);
  }
  return names;
}

/**
 * The engine's capture at `host` read the same way, from what the engine knows it sent: a segment's FTP
 * line is the command or reply of its event; a data record holds its length less the AEAD overhead.
 * `packets` is the engine's capture read back from its pcap export, frame n being the n-th captured packet.
 */
export function readEngineTls(
  sim: Simulation,
  host: 'client' | 'server',
  packets: readonly CapturedPacket[],
): TlsReading {
  const events = capturedPackets(sim.events, host);
  if (events.length !== packets.length)
    throw new Error(`the engine's capture has ${packets.length} frames for ${events.length} packets`);
  const names = connectionNames(packets);
  const records: string[] = [];
  const opened = events.map(({ event }, i): Opened | undefined => {
    const tls = event.packet.tls;
    if (!tls?.length) return undefined;
    const p = packets[i] as CapturedPacket;
    const line =
      event.kind === 'ftp/command-sent'
        ? commandLine(event.command)
        : event.kind === 'ftp/reply-sent'
          ? replyLine(event.reply)
          : '';
    let payload = '';
    for (const r of tls) {
      if (r.carries === 'ftp-line') payload += line;
      // 1 byte of inner content type and a 16-byte tag around the bytes (the engine's TLS 1.3 records).
      if (r.carries === 'data') payload += '\0'.repeat(r.length - 17);
    }
    records.push(
      `${names.get(connectionOf(p)) ?? '?'} ${event.packet.from === 'client' ? 'client' : 'server'}: ${tls.map((r) => r.carries).join(' ')}`,
    );
    return { payload, carries: tls.map((r) => r.carries) };
  });
  return { plain: withPayloads(packets, opened), records, negotiated: [] };
}
