import type { ConnId, HostId } from '../events/stepEvent';
import type { AppOp } from '../ftp/dialogue';
import type { Chance } from '../random';
import type { Application, SocketNotice } from '../tcp/endpoint';
import {
  changeCipherSpec,
  clientHello,
  CLOSE_NOTIFY,
  helloRetryRequest,
  opaqueRecord,
  openRecord,
  RECORD_HEADER,
  recordHeaders,
  recordVersion,
  SEAL_OVERHEAD,
  sealRecord,
  serverHello,
  splitRecords,
  type TlsCarries,
  type TlsContent,
  type TlsRecord,
} from './records';

/**
 * One end of a TLS 1.3 session (OpenSSL between an FTP program and its socket), as tests/lab measured
 * curl 7.88 and vsftpd 3.0.3 (findings/issue14-curl-ftps-ipv6.md, B1–B2): the FTP client is always the TLS
 * client; vsftpd's OpenSSL answers the first ClientHello with a HelloRetryRequest; the control connection
 * makes a full handshake (vsftpd asks for a client certificate, ssl_request_cert=YES, and gets an empty one)
 * and the data connections resume that session (require_ssl_reuse=YES). What the program writes before the
 * handshake is over waits, as SSL_write would, and goes out once it is.
 */
export interface TlsSide {
  readonly conn: ConnId;
  readonly host: HostId;
  /** A data connection resumes the control connection's session: a shorter handshake. */
  readonly resumed: boolean;
  /** `idle`: the program has not started TLS yet (vsftpd starts it on a data connection after its 150). */
  readonly phase: 'idle' | 'handshaking' | 'open';
  /** How many of the peer's handshake flights have been read, and records of the next one so far. */
  readonly flightsRead: number;
  readonly flightRecords: number;
  /** Bytes received and not yet read: part of a record, or records that came before the program started TLS. */
  readonly inbox: string;
  /** What the program wrote before the session was open, in order. */
  readonly held: readonly AppOp[];
  /** Records written and read under the application keys: each one's record number. */
  readonly written: number;
  readonly read: number;
  readonly sentCloseNotify: boolean;
  readonly gotCloseNotify: boolean;
  /** vsftpd's close on a data connection: its FIN waits for the client's close_notify (a two-way shutdown). */
  readonly closeOnNotify: boolean;
}

type RecordSpec =
  | { readonly kind: 'client-hello'; readonly length: number; readonly retry: boolean }
  | { readonly kind: 'hello-retry-request' }
  | { readonly kind: 'server-hello' }
  | { readonly kind: 'change-cipher-spec' }
  | { readonly kind: 'encrypted'; readonly carries: TlsCarries; readonly length: number };

const CCS: RecordSpec = { kind: 'change-cipher-spec' };
const HRR: RecordSpec = { kind: 'hello-retry-request' };
const SH: RecordSpec = { kind: 'server-hello' };
const sealed = (carries: TlsCarries, length: number): RecordSpec => ({ kind: 'encrypted', carries, length });

/**
 * The flights of each side in turn (client first), with the record lengths of table B2: a 512-byte padded
 * ClientHello, the HelloRetryRequest and ChangeCipherSpec, the second ClientHello, then the server's
 * ServerHello and its encrypted EncryptedExtensions, CertificateRequest, Certificate (RSA-2048, self-signed),
 * CertificateVerify and Finished in one segment, and the client's empty Certificate and Finished.
 */
const FULL_HANDSHAKE = {
  client: [
    [{ kind: 'client-hello', length: 512, retry: false }],
    [CCS, { kind: 'client-hello', length: 512, retry: true }],
    [sealed('certificate', 25), sealed('finished', 69)],
  ],
  server: [
    [HRR, CCS],
    [
      SH,
      sealed('encrypted-extensions', 23),
      sealed('certificate-request', 62),
      sealed('certificate', 823),
      sealed('certificate-verify', 281),
      sealed('finished', 69),
    ],
  ],
} as const satisfies Record<'client' | 'server', readonly (readonly RecordSpec[])[]>;

/** A data connection resuming the session (curl's, B2): no certificates, a ServerHello with pre_shared_key. */
const RESUMED_HANDSHAKE = {
  client: [
    [{ kind: 'client-hello', length: 563, retry: false }],
    [CCS, { kind: 'client-hello', length: 596, retry: true }],
    [sealed('finished', 69)],
  ],
  server: [
    [HRR, CCS],
    [SH, sealed('encrypted-extensions', 23), sealed('finished', 69)],
  ],
} as const satisfies Record<'client' | 'server', readonly (readonly RecordSpec[])[]>;

/** vsftpd's session tickets after the handshake: two on the control connection, one on a data connection. */
const TICKET_LENGTH = 233;

export function createTlsSide(conn: ConnId, host: HostId): TlsSide {
  return {
    conn,
    host,
    resumed: conn !== 'control',
    phase: 'idle',
    flightsRead: 0,
    flightRecords: 0,
    inbox: '',
    held: [],
    written: 0,
    read: 0,
    sentCloseNotify: false,
    gotCloseNotify: false,
    closeOnNotify: false,
  };
}

/** What the TLS layer hands on: writes to the socket (raw bytes) and what the program reads. */
export interface TlsStep {
  readonly side: TlsSide;
  readonly wire: readonly AppOp[];
  readonly up: readonly SocketNotice[];
  /** µs of OpenSSL's work before the writes leave (0: at once). */
  readonly after: number;
  /** Writes that leave later than the others, each on its own (curl's close() after its close_notify). */
  readonly later?: { readonly after: number; readonly op: AppOp };
}

/** What a side needs around it: the session's chance (its keys and randoms) and the segment size. */
export interface TlsContext {
  readonly chance: Chance;
  /** Payload bytes that fit in one segment. */
  readonly segmentBytes: number;
  /** curl sends close_notify before it closes its control connection; vsftpd and the classic client do not. */
  readonly notifyOnControlClose: boolean;
}

const peerOf = (host: HostId): HostId => (host === 'client' ? 'server' : 'client');
const handshakeOf = (side: TlsSide) => (side.resumed ? RESUMED_HANDSHAKE : FULL_HANDSHAKE);

/** The program starts TLS (SSL_connect or SSL_accept): the client says hello; the server reads what came. */
export function startTls(side: TlsSide, ctx: TlsContext): TlsStep {
  const started: TlsSide = { ...side, phase: 'handshaking' };
  if (side.host === 'client')
    return { side: started, wire: flight(started, 0, ctx), up: [], after: cpu(started, 0, ctx) };
  return readInbox(started, ctx);
}

/** Bytes arrived on the connection. */
export function receiveTls(
  side: TlsSide,
  notice: Extract<SocketNotice, { kind: 'received' }>,
  ctx: TlsContext,
): TlsStep {
  const buffered: TlsSide = { ...side, inbox: side.inbox + notice.payload };
  if (side.phase === 'idle') return { side: buffered, wire: [], up: [], after: 0 };
  return readInbox(buffered, ctx, notice);
}

/** The program writes or closes: held until the handshake is over, then sealed into records. */
export function writeTls(side: TlsSide, op: AppOp, ctx: TlsContext): TlsStep {
  if (side.phase !== 'open' || side.held.length > 0)
    return { side: { ...side, held: [...side.held, op] }, wire: [], up: [], after: 0 };
  return seal(side, op, ctx);
}

function readInbox(
  side: TlsSide,
  ctx: TlsContext,
  notice?: Extract<SocketNotice, { kind: 'received' }>,
): TlsStep {
  const { records, rest } = splitRecords(side.inbox);
  let s: TlsSide = { ...side, inbox: rest };
  const wire: AppOp[] = [];
  const up: SocketNotice[] = [];
  let after = 0;
  const peer = handshakeOf(s)[peerOf(s.host)];
  for (const record of records) {
    if (s.phase === 'handshaking') {
      const count = s.flightRecords + 1;
      if (count < (peer[s.flightsRead]?.length ?? 0)) {
        s = { ...s, flightRecords: count };
        continue;
      }
      const step = afterPeerFlight({ ...s, flightsRead: s.flightsRead + 1, flightRecords: 0 }, ctx);
      s = step.side;
      wire.push(...step.wire);
      after = Math.max(after, step.after);
      continue;
    }
    const opened = openRecord(keyStream(ctx, s.conn, peerOf(s.host), s.read), record.body);
    s = { ...s, read: s.read + 1 };
    if (opened.inner === 23 && notice) up.push({ ...notice, payload: opened.plaintext });
    if (opened.inner === 21) {
      const step = onCloseNotify({ ...s, gotCloseNotify: true }, ctx);
      s = step.side;
      wire.push(...step.wire);
      after = Math.max(after, step.after);
    }
    // Inner type 22 after the handshake: a session ticket, kept for the next connection.
  }
  return { side: s, wire, up, after };
}

/** The peer's flight is complete: the next flight of ours, and the session opens after the client's last. */
function afterPeerFlight(side: TlsSide, ctx: TlsContext): TlsStep {
  const own = handshakeOf(side)[side.host];
  const next = side.host === 'client' ? side.flightsRead : side.flightsRead - 1;
  const wire = next < own.length ? flight(side, next, ctx) : [];
  const clientDone = side.host === 'client' && next === own.length - 1;
  const serverDone = side.host === 'server' && side.flightsRead === handshakeOf(side).client.length;
  const after = next < own.length ? cpu(side, next, ctx) : 0;
  if (!clientDone && !serverDone) return { side, wire, up: [], after };
  const open = opened(side, ctx);
  return { side: open.side, wire: [...wire, ...open.wire], up: [], after };
}

/** The session is open: vsftpd sends its session tickets, then everything the program wrote meanwhile goes. */
function opened(side: TlsSide, ctx: TlsContext): TlsStep {
  let s: TlsSide = { ...side, phase: 'open', held: [] };
  const wire: AppOp[] = [];
  if (side.host === 'server')
    for (let i = 0; i < (side.resumed ? 1 : 2); i++) {
      const ticket = sealOne(s, 'handshake', '\x04'.padEnd(TICKET_LENGTH, '\0'), ctx);
      s = ticket.side;
      wire.push(send(s.conn, ticket.bytes, recordHeaders(ticket.bytes, 'new-session-ticket')));
    }
  for (const op of side.held) {
    const step = seal(s, op, ctx);
    s = step.side;
    wire.push(...step.wire);
  }
  return { side: s, wire, up: [], after: 0 };
}

/**
 * OpenSSL's time to write flight `n`: vsftpd's certificate flight carries an RSA-2048 signature and takes
 * a millisecond or two; every other flight a fraction of one. (The lab's load made these times noise; they
 * keep each flight after the ACK of the one it answers, as on the wire.)
 */
function cpu(side: TlsSide, n: number, ctx: TlsContext): number {
  const signs = side.host === 'server' && !side.resumed && n === 1;
  // A first ClientHello goes out right after connect() (curl's before its TYPE, tests/lab B1).
  const [min, max] = signs ? [1000, 2000] : side.host === 'client' && n === 0 ? [20, 40] : [100, 300];
  return ctx.chance.int(`tls:${side.conn}:${side.host}:cpu:${n}`, min, max);
}

function flight(side: TlsSide, n: number, ctx: TlsContext): AppOp[] {
  const specs = handshakeOf(side)[side.host][n] ?? [];
  const random = ctx.chance.stream(`tls:${side.conn}:${side.host}:flight:${n}`);
  // A flight longer than a segment (the server's certificates over IPv6) is split between records.
  const groups: { bytes: string; records: TlsRecord[] }[] = [];
  for (const spec of specs) {
    const bytes = build(spec, random, side.resumed);
    const record: TlsRecord = {
      content: contentOf(spec),
      version: recordVersion(bytes),
      length: bytes.length - RECORD_HEADER,
      carries: carriesOf(spec),
    };
    const last = groups.at(-1);
    if (last && last.bytes.length + bytes.length <= ctx.segmentBytes) {
      last.bytes += bytes;
      last.records.push(record);
    } else groups.push({ bytes, records: [record] });
  }
  return groups.map((g) => send(side.conn, g.bytes, g.records));
}

function contentOf(spec: RecordSpec): TlsContent {
  if (spec.kind === 'change-cipher-spec') return 'change-cipher-spec';
  return spec.kind === 'encrypted' ? 'application-data' : 'handshake';
}

function carriesOf(spec: RecordSpec): TlsCarries {
  switch (spec.kind) {
    case 'client-hello':
      return 'client-hello';
    case 'hello-retry-request':
      return 'hello-retry-request';
    case 'server-hello':
      return 'server-hello';
    case 'change-cipher-spec':
      return 'change-cipher-spec';
    case 'encrypted':
      return spec.carries;
  }
}

function build(spec: RecordSpec, random: ReturnType<Chance['stream']>, resumed: boolean): string {
  switch (spec.kind) {
    case 'client-hello':
      return clientHello(random, spec.length, spec.retry ? 'secp256r1' : 'x25519', !spec.retry);
    case 'hello-retry-request':
      return helloRetryRequest(random);
    case 'server-hello':
      return serverHello(random, resumed);
    case 'change-cipher-spec':
      return changeCipherSpec();
    case 'encrypted':
      return opaqueRecord(random, spec.length);
  }
}

const send = (conn: ConnId, payload: string, records: readonly TlsRecord[]): AppOp => ({
  kind: 'send',
  conn,
  payload,
  app: { kind: 'tls', records },
});

function keyStream(ctx: TlsContext, conn: ConnId, writer: HostId, n: number) {
  return ctx.chance.stream(`tls:${conn}:${writer}:record:${n}`);
}

function sealOne(
  side: TlsSide,
  inner: 'handshake' | 'alert' | 'application-data',
  plaintext: string,
  ctx: TlsContext,
): { side: TlsSide; bytes: string } {
  const bytes = sealRecord(keyStream(ctx, side.conn, side.host, side.written), inner, plaintext);
  return { side: { ...side, written: side.written + 1 }, bytes };
}

/** One write of the program, once the session is open. */
function seal(side: TlsSide, op: AppOp, ctx: TlsContext): TlsStep {
  switch (op.kind) {
    case 'send': {
      const { side: s, bytes } = sealOne(side, 'application-data', op.payload, ctx);
      const records = recordHeaders(bytes, 'ftp-line');
      const app: Application = op.app.kind === 'tls' ? op.app : { ...op.app, tls: records };
      return { side: s, wire: [{ ...op, payload: bytes, app }], up: [], after: 0 };
    }
    case 'send-bulk': {
      // One record per segment, so that every segment of a transfer is a whole record.
      const chunk = ctx.segmentBytes - RECORD_HEADER - SEAL_OVERHEAD;
      let s = side;
      let bytes = '';
      for (let offset = 0; offset < op.bytes.length; offset += chunk) {
        const one = sealOne(s, 'application-data', op.bytes.slice(offset, offset + chunk), ctx);
        s = one.side;
        bytes += one.bytes;
      }
      return { side: s, wire: [{ ...op, bytes }], up: [], after: 0 };
    }
    case 'close':
      return closeTls(side, op, ctx);
    default:
      return { side, wire: [op], up: [], after: 0 };
  }
}

function closeNotify(side: TlsSide, ctx: TlsContext): { side: TlsSide; op: AppOp } {
  const { side: s, bytes } = sealOne(side, 'alert', CLOSE_NOTIFY, ctx);
  const op = send(side.conn, bytes, recordHeaders(bytes, 'close-notify'));
  return { side: { ...s, sentCloseNotify: true }, op };
}

/**
 * close() on a TLS connection (B1): on a data connection both ends send close_notify, vsftpd waiting for the
 * client's before its FIN; on the control connection vsftpd just closes, and curl sends close_notify first.
 */
function closeTls(side: TlsSide, op: AppOp, ctx: TlsContext): TlsStep {
  const data = side.conn !== 'control';
  const notify =
    !side.sentCloseNotify &&
    (data
      ? !side.gotCloseNotify || side.host === 'client'
      : ctx.notifyOnControlClose && side.host === 'client');
  if (!notify) return { side, wire: [op], up: [], after: 0 };
  const { side: s, op: alert } = closeNotify(side, ctx);
  if (data && side.host === 'server' && !side.gotCloseNotify)
    return { side: { ...s, closeOnNotify: true }, wire: [alert], up: [], after: 0 };
  // curl closes its control socket a while after its close_notify (tests/lab, ftps.lab.test.ts: FIN 0.1 and
  // 1.25 ms after the alert; after 221 vsftpd's kernel resets the connection first, so no FIN follows).
  if (!data)
    return {
      side: s,
      wire: [alert],
      up: [],
      after: 0,
      later: { after: ctx.chance.int(`tls:${side.conn}:${side.host}:close`, 200, 1200), op },
    };
  return { side: s, wire: [alert, op], up: [], after: 0 };
}

/** The peer's close_notify: the client answers with its own; vsftpd's waiting FIN goes. */
function onCloseNotify(side: TlsSide, ctx: TlsContext): TlsStep {
  if (side.closeOnNotify)
    return {
      side: { ...side, closeOnNotify: false },
      wire: [{ kind: 'close', conn: side.conn }],
      up: [],
      after: ctx.chance.int(`tls:${side.conn}:${side.host}:shutdown`, 20, 60),
    };
  if (side.host === 'client' && side.conn !== 'control' && !side.sentCloseNotify) {
    const { side: s, op } = closeNotify(side, ctx);
    return {
      side: s,
      wire: [op],
      up: [],
      after: ctx.chance.int(`tls:${side.conn}:${side.host}:shutdown`, 30, 80),
    };
  }
  return { side, wire: [], up: [], after: 0 };
}
