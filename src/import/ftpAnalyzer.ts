/**
 * The FTP sessions inside a stream of TCP segments, in one pass and bounded memory.
 *
 * Every TCP connection is looked at once: a connection to port 21, or one that opens with the server's
 * `220` greeting followed by an FTP command (an FTP server on any port), is a control connection and
 * starts a session; its two directions are reassembled (`TcpStream`) and read as commands and replies.
 * A connection that goes where a session's PORT/EPRT/227/229 announced (or, behind NAT, to an announced
 * port from one of the session's hosts, or from port 20 of its server to its client) is one of that
 * session's data connections, tied to the announcement. Everything else is forgotten after a glance.
 *
 * The packets themselves are kept only for one chosen session (`retainSession`): its control packets and
 * the first and last packets of each data connection, the middle summarized. The rest of the file costs
 * a few counters per connection.
 */
import type { Endpoint } from '../engine';
import { capturedPacket, type CapturedPacket } from './captureReader';
import type { FrameRecord } from './captureParser';
import {
  LineSplitter,
  looksLikeCommand,
  OPENING_COMMANDS,
  parseCommand,
  ReplyAssembler,
  type FtpLine,
  type LineTag,
} from './ftpLines';
import { CAPTURE_LIMITS } from './limits';
import { tcpChecksumValid, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type DecodedTcp } from './linkLayer';
import { TcpStream } from './tcpStream';

export interface PacketMark {
  readonly frame: number;
  readonly at: number;
}

export interface DataConnection {
  /** k of `data-k`: the session's data connections numbered from 1 in the order they began. */
  readonly index: number;
  /** The endpoint that sent the SYN (the first sender when the capture missed the SYN). */
  readonly initiator: Endpoint;
  readonly responder: Endpoint;
  /** Which end of the control connection opened it (active mode: the server; passive: the client). */
  readonly openedBy: 'client' | 'server' | 'unknown';
  /** Index in the session's dialogue of the PORT/EPRT/227/229 that announced where it goes. */
  readonly announcedBy?: number;
  /** It went to the announced port but another address: something rewrote one of them (NAT). */
  readonly addressMismatch: boolean;
  readonly syns: readonly PacketMark[];
  readonly synAcks: readonly PacketMark[];
  /** The initiator acknowledged a SYN-ACK: the three-way handshake completed. */
  readonly established: boolean;
  readonly establishedAt?: number;
  readonly reset: boolean;
  readonly resets: readonly (PacketMark & { readonly from: 'initiator' | 'responder' })[];
  /**
   * The first bytes each way, in order, retransmissions removed (Latin-1 strings, up to 64 KiB); only for
   * the session whose packets are kept (`retainSession`), empty for the others.
   */
  readonly data: { readonly fromInitiator: string; readonly fromResponder: string };
  /** Every payload byte each way, counted. */
  readonly bytes: { readonly fromInitiator: number; readonly fromResponder: number };
  readonly fins: readonly (PacketMark & { readonly from: 'initiator' | 'responder' })[];
  readonly firstAt: number;
  readonly lastAt: number;
  /** Bytes the capture missed (gaps in the sequence space). */
  readonly missingBytes: number;
}

/** What the packets of one side show about where the capture was taken. */
export interface SideEvidence {
  /** TTL (hop limit) values seen on the side's packets, with counts. */
  readonly ttls: Readonly<Record<number, number>>;
  /** Control packets whose TCP checksum was checked, and how many were wrong (checksum offload). */
  readonly checksums: { readonly checked: number; readonly wrong: number };
}

export interface HandshakeTiming {
  /** Microseconds from the client's SYN to the server's SYN-ACK, and from that to the client's ACK. */
  readonly synToSynAck: number;
  readonly synAckToAck: number;
}

export interface CapturePointEvidence {
  readonly client: SideEvidence;
  readonly server: SideEvidence;
  readonly handshakes: readonly HandshakeTiming[];
}

/** The gap in a data connection's replay: packets in the middle that are summarized, not kept. */
export interface ReplayGap {
  /** The last kept packet before the gap. */
  readonly afterFrame: number;
  readonly packets: number;
  readonly bytes: number;
}

/** One session's packets, kept for its replay. */
export interface SessionReplay {
  /** Every kept packet of the session (control and data), in capture order. */
  readonly packets: readonly CapturedPacket[];
  /** Control packets beyond the limit, not kept. */
  readonly controlOmitted: number;
  /** Per data connection (by index), the middle that is summarized. */
  readonly gaps: Readonly<Record<number, ReplayGap>>;
  /** Data connections beyond the limit, not kept. */
  readonly dataOmitted: number;
}

export interface FtpSession {
  /** 1-based, in the order the sessions were recognized. */
  readonly index: number;
  /** The control connection's ends as this capture point saw them. */
  readonly client: Endpoint;
  readonly server: Endpoint;
  /** The control connection's first packet. */
  readonly firstFrame: number;
  readonly firstAt: number;
  /** The session's last packet (control or data). */
  readonly lastAt: number;
  readonly ipVersion: 4 | 6;
  readonly dialogue: readonly FtpLine[];
  /** Lines beyond `maxDialogueLines`, not kept. */
  readonly dialogueOmitted: number;
  readonly dataConnections: readonly DataConnection[];
  /** Who closed the control connection first, and how. */
  readonly controlClose?: PacketMark & { readonly by: 'client' | 'server'; readonly how: 'fin' | 'rst' };
  /** The capture saw the control connection's SYN (else it began before the capture). */
  readonly sawControlSyn: boolean;
  readonly controlMissingBytes: number;
  readonly evidence: CapturePointEvidence;
  readonly replay?: SessionReplay;
}

export interface FtpAnalysis {
  readonly sessions: readonly FtpSession[];
  /** Control connections beyond `maxSessions`, not analysed. */
  readonly sessionsOmitted: number;
  readonly tcpPackets: number;
}

export interface AnalyzerOptions {
  /** The session (1-based) whose packets are kept for its replay. */
  readonly retainSession?: number;
}

type Dir = 0 | 1;
type RecordRef = Pick<FrameRecord, 'frame' | 'at' | 'interfaceId'>;

interface Held {
  readonly d: DecodedTcp;
  readonly record: RecordRef;
  readonly packet: CapturedPacket;
}

interface Conn {
  /** Endpoint of direction 0's sender; `b` sends direction 1. */
  readonly a: Endpoint;
  readonly b: Endpoint;
  role: 'undecided' | 'control' | 'data' | 'other';
  /** Undecided: the first packets, until the first lines show whether this is FTP. */
  held?: Held[];
  control?: ControlState;
  data?: DataState;
  /** The initiator's SYN sequence number, when the capture saw it (a new SYN means a new connection). */
  synSeq?: number;
  lastAt: number;
}

interface ControlState {
  readonly session: SessionState;
  /** The direction the client sends in. */
  readonly clientDir: Dir;
  readonly streams: [TcpStream<LineTag>, TcpStream<LineTag>];
  readonly splitters: [LineSplitter, LineSplitter];
  readonly replies: ReplyAssembler;
  readonly handshake: { syn?: number; synAck?: number };
}

interface DataState {
  readonly session: SessionState;
  readonly index: number;
  readonly initiatorDir: Dir;
  readonly initiator: Endpoint;
  readonly responder: Endpoint;
  readonly announcedBy?: number;
  readonly addressMismatch: boolean;
  readonly streams: [TcpStream<null>, TcpStream<null>];
  readonly kept: [string[], string[]];
  readonly keptBytes: [number, number];
  readonly syns: PacketMark[];
  readonly synAcks: PacketMark[];
  lastSynAckSeq?: number;
  establishedAt?: number;
  readonly resets: (PacketMark & { from: 'initiator' | 'responder' })[];
  readonly fins: (PacketMark & { from: 'initiator' | 'responder' })[];
  readonly firstAt: number;
  lastAt: number;
  readonly replay?: DataReplay;
}

interface DataReplay {
  readonly head: CapturedPacket[];
  readonly middle: CapturedPacket[];
  readonly tail: CapturedPacket[];
  omittedPackets: number;
  omittedBytes: number;
}

interface Announcement {
  readonly session: SessionState;
  readonly line: number;
}

interface SessionState {
  readonly index: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly firstFrame: number;
  readonly firstAt: number;
  lastAt: number;
  readonly ipVersion: 4 | 6;
  readonly dialogue: FtpLine[];
  dialogueOmitted: number;
  readonly data: DataState[];
  controlClose?: PacketMark & { by: 'client' | 'server'; how: 'fin' | 'rst' };
  sawControlSyn: boolean;
  readonly sides: { client: MutableSide; server: MutableSide };
  readonly handshakes: HandshakeTiming[];
  readonly control: ControlState[];
  readonly retained?: { packets: CapturedPacket[]; controlOmitted: number; dataOmitted: number };
}

interface MutableSide {
  ttls: { [ttl: number]: number };
  checksums: { checked: number; wrong: number };
}

/** Control packets whose checksum is checked per side: enough to see offload, bounded in cost. */
const CHECKSUM_SAMPLE = 64;
/** Bytes of an undecided connection looked at before deciding it is not FTP. */
const UNDECIDED_BYTES = 2048;
const UNDECIDED_PACKETS = 16;

function endpointKey(e: Endpoint): string {
  return `${e.ip}#${e.port}`;
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.ip === b.ip && a.port === b.port;
}

export class FtpAnalyzer {
  private readonly conns = new Map<string, Conn>();
  private readonly sessions: SessionState[] = [];
  private sessionsOmitted = 0;
  private readonly announced = new Map<string, Announcement>();
  private readonly announcedPorts = new Map<number, Announcement>();
  private tcpPackets = 0;
  private lastTag: LineTag = { at: 0, frame: 0 };

  constructor(private readonly options: AnalyzerOptions = {}) {}

  /** One segment from the reader (a view, valid during the call). */
  segment(d: DecodedTcp, record: RecordRef): void {
    this.handle(d, record, undefined);
  }

  /** One packet already decoded (a test fixture, an engine capture). */
  packet(p: CapturedPacket): void {
    this.handle(decodedOf(p), { frame: p.frame, at: p.at, interfaceId: p.interfaceId ?? 0 }, p);
  }

  private handle(d: DecodedTcp, record: RecordRef, given: CapturedPacket | undefined): void {
    this.tcpPackets++;
    this.lastTag = { at: record.at, frame: record.frame };
    const forward = endpointKey(d.src) < endpointKey(d.dst);
    const key = forward
      ? `${endpointKey(d.src)}>${endpointKey(d.dst)}`
      : `${endpointKey(d.dst)}>${endpointKey(d.src)}`;
    let conn = this.conns.get(key);
    const syn = (d.flags & TCP_SYN) !== 0 && (d.flags & TCP_ACK) === 0;
    // The same four-tuple again with a new SYN: a new connection (a reused port).
    if (conn && syn && conn.synSeq !== undefined && conn.synSeq !== d.seq && sameEndpoint(d.src, conn.a)) {
      this.conns.delete(key);
      conn = undefined;
    }
    if (!conn) {
      conn = this.open(d, record);
      this.conns.set(key, conn);
      if (this.conns.size > CAPTURE_LIMITS.maxConnections) this.evict();
    }
    conn.lastAt = record.at;
    const dir: Dir = sameEndpoint(d.src, conn.a) ? 0 : 1;
    switch (conn.role) {
      case 'other':
        return;
      case 'undecided':
        return this.undecided(conn, d, record, given);
      case 'control':
        return this.controlSegment(conn, d, record, dir, given);
      case 'data':
        return this.dataSegment(conn, d, record, dir, given);
    }
  }

  /** A connection seen for the first time: what it is, as far as its first packet tells. */
  private open(d: DecodedTcp, record: RecordRef): Conn {
    const synAck = (d.flags & TCP_SYN) !== 0 && (d.flags & TCP_ACK) !== 0;
    // Direction 0 is the initiator's when the first packet shows it (SYN, or a SYN-ACK answering it).
    const [a, b] = synAck ? [d.dst, d.src] : [d.src, d.dst];
    const conn: Conn = { a, b, role: 'other', lastAt: record.at };
    if ((d.flags & TCP_SYN) !== 0 && !synAck) conn.synSeq = d.seq;
    const sawSyn = (d.flags & TCP_SYN) !== 0;

    const data = this.matchData(a, b) ?? (sawSyn ? undefined : this.matchData(b, a));
    if (data) {
      this.startData(
        conn,
        data.initiator === a ? 0 : 1,
        data.announcement,
        data.mismatch,
        data.session,
        record,
      );
      return conn;
    }
    if (a.port === 21 || b.port === 21) {
      const clientDir: Dir = b.port === 21 ? 0 : 1;
      this.startControl(conn, clientDir, record, d.ipVersion);
      return conn;
    }
    conn.role = 'undecided';
    conn.held = [];
    return conn;
  }

  /** Before its first lines, a connection on another port might still be FTP: look at what it says. */
  private undecided(conn: Conn, d: DecodedTcp, record: RecordRef, given: CapturedPacket | undefined): void {
    const held = conn.held ?? [];
    held.push({
      d: { ...d, payload: d.payload.slice(), options: d.options.slice(), ip: new Uint8Array(0) },
      record,
      packet: given ?? capturedPacket(d, record),
    });
    conn.held = held;
    const text: [string, string] = ['', ''];
    let firstSpeaker: Dir | undefined;
    for (const h of held) {
      if (h.d.payload.length === 0) continue;
      const hd: Dir = sameEndpoint(h.d.src, conn.a) ? 0 : 1;
      firstSpeaker ??= hd;
      if (text[hd].length < UNDECIDED_BYTES)
        text[hd] += String.fromCharCode(...h.d.payload.subarray(0, UNDECIDED_BYTES));
    }
    const decide = (role: 'control' | 'other', clientDir?: Dir): void => {
      conn.held = undefined;
      if (role === 'other' || clientDir === undefined) {
        conn.role = 'other';
        return;
      }
      this.startControl(conn, clientDir, held[0]?.record ?? record, d.ipVersion);
      for (const h of held)
        this.controlSegment(conn, h.d, h.record, sameEndpoint(h.d.src, conn.a) ? 0 : 1, h.packet);
    };
    if (firstSpeaker !== undefined) {
      // FTP's server speaks first, with 220 (RFC 959 §5.4: the greeting).
      const greeting = text[firstSpeaker];
      if (!/^220[ -]/.test(greeting) && greeting.length >= 4) return decide('other');
      const clientDir: Dir = firstSpeaker === 0 ? 1 : 0;
      const said = text[clientDir];
      const newline = said.indexOf('\n');
      if (newline >= 0) {
        const line = said.slice(0, newline).replace(/\r$/, '');
        const verb = line.split(' ')[0]?.toUpperCase() ?? '';
        return decide(looksLikeCommand(line) && OPENING_COMMANDS.has(verb) ? 'control' : 'other', clientDir);
      }
    }
    const bytes = text[0].length + text[1].length;
    if (held.length >= UNDECIDED_PACKETS || bytes >= UNDECIDED_BYTES) decide('other');
  }

  private startControl(conn: Conn, clientDir: Dir, record: RecordRef, ipVersion: 4 | 6): void {
    if (this.sessions.length >= CAPTURE_LIMITS.maxSessions) {
      this.sessionsOmitted++;
      conn.role = 'other';
      return;
    }
    const client = clientDir === 0 ? conn.a : conn.b;
    const server = clientDir === 0 ? conn.b : conn.a;
    const index = this.sessions.length + 1;
    const session: SessionState = {
      index,
      client,
      server,
      firstFrame: record.frame,
      firstAt: record.at,
      lastAt: record.at,
      ipVersion,
      dialogue: [],
      dialogueOmitted: 0,
      data: [],
      sawControlSyn: false,
      sides: {
        client: { ttls: {}, checksums: { checked: 0, wrong: 0 } },
        server: { ttls: {}, checksums: { checked: 0, wrong: 0 } },
      },
      handshakes: [],
      control: [],
      ...(this.options.retainSession === index
        ? { retained: { packets: [], controlOmitted: 0, dataOmitted: 0 } }
        : {}),
    };
    this.sessions.push(session);
    const line =
      (dir: Dir) => (bytes: Uint8Array | undefined, _length: number, tag: LineTag, gap: boolean) => {
        if (bytes) for (const l of state.splitters[dir].push(bytes, gap)) this.line(state, dir, l, tag);
      };
    const state: ControlState = {
      session,
      clientDir,
      streams: [new TcpStream(line(0), true), new TcpStream(line(1), true)],
      splitters: [new LineSplitter(), new LineSplitter()],
      replies: new ReplyAssembler(() => session.server.ip),
      handshake: {},
    };
    session.control.push(state);
    conn.role = 'control';
    conn.control = state;
  }

  private line(state: ControlState, dir: Dir, text: string, tag: LineTag): void {
    const session = state.session;
    const fromClient = dir === state.clientDir;
    const line = fromClient ? parseCommand(text, tag) : state.replies.push(text, tag);
    if (!line) return;
    if (session.dialogue.length >= CAPTURE_LIMITS.maxDialogueLines) {
      session.dialogueOmitted++;
      return;
    }
    session.dialogue.push(line);
    if (line.address) {
      const announcement = { session, line: session.dialogue.length - 1 };
      this.announced.set(endpointKey(line.address), announcement);
      this.announcedPorts.set(line.address.port, announcement);
    }
  }

  private controlSegment(
    conn: Conn,
    d: DecodedTcp,
    record: RecordRef,
    dir: Dir,
    given: CapturedPacket | undefined,
  ): void {
    const state = conn.control;
    if (!state) return;
    const session = state.session;
    session.lastAt = Math.max(session.lastAt, record.at);
    const fromClient = dir === state.clientDir;
    const side = fromClient ? session.sides.client : session.sides.server;
    side.ttls[d.ttl] = (side.ttls[d.ttl] ?? 0) + 1;
    if (side.checksums.checked < CHECKSUM_SAMPLE && d.ip.length > 0) {
      const valid = tcpChecksumValid(d);
      if (valid !== undefined) {
        side.checksums.checked++;
        if (!valid) side.checksums.wrong++;
      }
    }
    const syn = (d.flags & TCP_SYN) !== 0;
    const ack = (d.flags & TCP_ACK) !== 0;
    const h = state.handshake;
    if (syn) {
      state.streams[dir].syn(d.seq);
      if (!ack && fromClient) {
        session.sawControlSyn = true;
        h.syn ??= record.at;
      }
      if (ack && !fromClient && h.syn !== undefined) h.synAck ??= record.at;
    } else if (
      ack &&
      fromClient &&
      h.synAck !== undefined &&
      h.syn !== undefined &&
      session.handshakes.length === 0
    ) {
      session.handshakes.push({ synToSynAck: h.synAck - h.syn, synAckToAck: record.at - h.synAck });
    }
    const tag = { at: record.at, frame: record.frame };
    if ((d.flags & TCP_FIN) !== 0) state.streams[dir].fin(d.seq, d.payload.length);
    state.streams[dir].segment(d.seq, d.payload, tag);
    if (ack) state.streams[dir === 0 ? 1 : 0].acknowledged(d.ack, tag);
    if ((d.flags & (TCP_FIN | TCP_RST)) !== 0 && !session.controlClose) {
      session.controlClose = {
        frame: record.frame,
        at: record.at,
        by: fromClient ? 'client' : 'server',
        how: (d.flags & TCP_RST) !== 0 ? 'rst' : 'fin',
      };
    }
    const kept = session.retained;
    if (kept) {
      if (kept.packets.length < CAPTURE_LIMITS.maxControlPackets)
        kept.packets.push(given ?? capturedPacket(d, record));
      else kept.controlOmitted++;
    }
  }

  /** The session a new connection from `initiator` to `responder` carries data for, if any. */
  private matchData(
    initiator: Endpoint,
    responder: Endpoint,
  ): { session: SessionState; initiator: Endpoint; announcement?: number; mismatch: boolean } | undefined {
    const exact = this.announced.get(endpointKey(responder));
    if (exact) return { session: exact.session, initiator, announcement: exact.line, mismatch: false };
    const byPort = this.announcedPorts.get(responder.port);
    if (byPort) {
      const s = byPort.session;
      const hosts = [s.client.ip, s.server.ip];
      if (hosts.includes(initiator.ip) || hosts.includes(responder.ip))
        return { session: s, initiator, announcement: byPort.line, mismatch: true };
    }
    // Active mode from port 20 (RFC 959 §3.2's default), to the session's client.
    if (initiator.port === 20) {
      for (let i = this.sessions.length - 1; i >= 0; i--) {
        const s = this.sessions[i];
        if (s && s.server.ip === initiator.ip && s.client.ip === responder.ip)
          return { session: s, initiator, mismatch: false };
      }
    }
    return undefined;
  }

  private startData(
    conn: Conn,
    initiatorDir: Dir,
    announcedBy: number | undefined,
    addressMismatch: boolean,
    session: SessionState,
    record: RecordRef,
  ): void {
    conn.role = 'data';
    const retain = session.retained !== undefined;
    if (retain && session.data.length >= CAPTURE_LIMITS.maxDataConnections && session.retained)
      session.retained.dataOmitted++;
    // Only the chosen session keeps what its data connections carried; the others just count it.
    const stream = (dir: Dir) =>
      new TcpStream<null>((bytes) => {
        const s = conn.data;
        if (!bytes || !s || s.keptBytes[dir] >= CAPTURE_LIMITS.maxDataBytesKept) return;
        const part = bytes.subarray(0, CAPTURE_LIMITS.maxDataBytesKept - s.keptBytes[dir]);
        s.kept[dir].push(latin1Of(part));
        s.keptBytes[dir] += part.length;
      }, retain);
    const state: DataState = {
      session,
      index: session.data.length + 1,
      initiatorDir,
      initiator: initiatorDir === 0 ? conn.a : conn.b,
      responder: initiatorDir === 0 ? conn.b : conn.a,
      ...(announcedBy !== undefined ? { announcedBy } : {}),
      addressMismatch,
      streams: [stream(0), stream(1)],
      kept: [[], []],
      keptBytes: [0, 0],
      syns: [],
      synAcks: [],
      resets: [],
      fins: [],
      firstAt: record.at,
      lastAt: record.at,
      ...(retain && session.data.length < CAPTURE_LIMITS.maxDataConnections
        ? { replay: { head: [], middle: [], tail: [], omittedPackets: 0, omittedBytes: 0 } }
        : {}),
    };
    session.data.push(state);
    conn.data = state;
  }

  private dataSegment(
    conn: Conn,
    d: DecodedTcp,
    record: RecordRef,
    dir: Dir,
    given: CapturedPacket | undefined,
  ): void {
    const s = conn.data;
    if (!s) return;
    s.lastAt = record.at;
    s.session.lastAt = Math.max(s.session.lastAt, record.at);
    const fromInitiator = dir === s.initiatorDir;
    const from = fromInitiator ? 'initiator' : 'responder';
    const syn = (d.flags & TCP_SYN) !== 0;
    const ack = (d.flags & TCP_ACK) !== 0;
    const mark = { frame: record.frame, at: record.at };
    if (syn && !ack && fromInitiator) {
      s.syns.push(mark);
      s.streams[dir].syn(d.seq);
    } else if (syn && ack && !fromInitiator) {
      s.synAcks.push(mark);
      s.lastSynAckSeq = d.seq;
      s.streams[dir].syn(d.seq);
    } else if (ack && fromInitiator && s.establishedAt === undefined && s.lastSynAckSeq !== undefined) {
      if (d.ack === (s.lastSynAckSeq + 1) >>> 0) s.establishedAt = record.at;
    }
    if ((d.flags & TCP_RST) !== 0) s.resets.push({ ...mark, from });
    if ((d.flags & TCP_FIN) !== 0) s.fins.push({ ...mark, from });
    if ((d.flags & TCP_FIN) !== 0) s.streams[dir].fin(d.seq, d.payload.length);
    s.streams[dir].segment(d.seq, d.payload, null);
    if (ack) s.streams[dir === 0 ? 1 : 0].acknowledged(d.ack, null);

    const r = s.replay;
    if (!r) return;
    const special = (d.flags & (TCP_SYN | TCP_FIN | TCP_RST)) !== 0;
    if (r.head.length < CAPTURE_LIMITS.dataPacketsHead) {
      r.head.push(given ?? capturedPacket(d, record));
      return;
    }
    const packet = given ?? capturedPacket(d, record);
    if (special && r.middle.length < 64) {
      r.middle.push(packet);
      return;
    }
    r.tail.push(packet);
    if (r.tail.length > CAPTURE_LIMITS.dataPacketsTail) {
      const out = r.tail.shift();
      if (out) {
        r.omittedPackets++;
        r.omittedBytes += out.payload.length;
      }
    }
  }

  /** Over the connection limit: forget the connections idle longest that are not part of a session. */
  private evict(): void {
    for (const [key, conn] of this.conns) {
      if (this.conns.size <= CAPTURE_LIMITS.maxConnections * 0.9) return;
      if (conn.role === 'other' || conn.role === 'undecided') this.conns.delete(key);
    }
    // Only sessions left: the oldest of those go too (their sessions keep what they read).
    for (const key of this.conns.keys()) {
      if (this.conns.size <= CAPTURE_LIMITS.maxConnections * 0.9) return;
      this.conns.delete(key);
    }
  }

  /** The end of the capture: what waits in the streams is read, and the sessions are summed up. */
  finish(): FtpAnalysis {
    for (const conn of this.conns.values()) {
      if (conn.control) for (const s of conn.control.streams) s.flush(this.lastTag);
      if (conn.data) for (const s of conn.data.streams) s.flush(null);
    }
    return {
      sessions: this.sessions.map((s) => sessionOf(s)),
      sessionsOmitted: this.sessionsOmitted,
      tcpPackets: this.tcpPackets,
    };
  }
}

function sessionOf(s: SessionState): FtpSession {
  const role = (ip: string): 'client' | 'server' | 'unknown' =>
    ip === s.client.ip ? 'client' : ip === s.server.ip ? 'server' : 'unknown';
  const dataConnections = s.data.map((d): DataConnection => {
    const openedBy = role(d.initiator.ip);
    const fromInitiator = d.kept[d.initiatorDir].join('');
    const fromResponder = d.kept[d.initiatorDir === 0 ? 1 : 0].join('');
    return {
      index: d.index,
      initiator: d.initiator,
      responder: d.responder,
      // Behind NAT the initiator's address may be neither: then the announcement says who it was.
      openedBy:
        openedBy !== 'unknown'
          ? openedBy
          : d.announcedBy !== undefined
            ? s.dialogue[d.announcedBy]?.kind === 'command'
              ? 'server'
              : 'client'
            : 'unknown',
      ...(d.announcedBy !== undefined ? { announcedBy: d.announcedBy } : {}),
      addressMismatch: d.addressMismatch,
      syns: d.syns,
      synAcks: d.synAcks,
      established: d.establishedAt !== undefined,
      ...(d.establishedAt !== undefined ? { establishedAt: d.establishedAt } : {}),
      reset: d.resets.length > 0,
      resets: d.resets,
      data: { fromInitiator, fromResponder },
      bytes: {
        fromInitiator: d.streams[d.initiatorDir].delivered,
        fromResponder: d.streams[d.initiatorDir === 0 ? 1 : 0].delivered,
      },
      fins: d.fins,
      firstAt: d.firstAt,
      lastAt: d.lastAt,
      missingBytes: d.streams[0].missing + d.streams[1].missing,
    };
  });
  const control = s.control[0];
  const missing = control ? control.streams[0].missing + control.streams[1].missing : 0;
  return {
    index: s.index,
    client: s.client,
    server: s.server,
    firstFrame: s.firstFrame,
    firstAt: s.firstAt,
    lastAt: s.lastAt,
    ipVersion: s.ipVersion,
    dialogue: s.dialogue,
    dialogueOmitted: s.dialogueOmitted,
    dataConnections,
    ...(s.controlClose ? { controlClose: s.controlClose } : {}),
    sawControlSyn: s.sawControlSyn,
    controlMissingBytes: missing,
    evidence: {
      client: { ttls: { ...s.sides.client.ttls }, checksums: { ...s.sides.client.checksums } },
      server: { ttls: { ...s.sides.server.ttls }, checksums: { ...s.sides.server.checksums } },
      handshakes: s.handshakes,
    },
    ...(s.retained ? { replay: replayOf(s) } : {}),
  };
}

function replayOf(s: SessionState): SessionReplay {
  const retained = s.retained ?? { packets: [], controlOmitted: 0, dataOmitted: 0 };
  const packets = [...retained.packets];
  const gaps: { [index: number]: ReplayGap } = {};
  for (const d of s.data) {
    const r = d.replay;
    if (!r) continue;
    packets.push(...r.head, ...r.middle, ...r.tail);
    if (r.omittedPackets > 0) {
      const lastHead = r.head[r.head.length - 1];
      gaps[d.index] = { afterFrame: lastHead?.frame ?? 0, packets: r.omittedPackets, bytes: r.omittedBytes };
    }
  }
  // Frames number the file's records in order: the kept packets back in capture order.
  packets.sort((x, y) => x.frame - y.frame);
  return { packets, controlOmitted: retained.controlOmitted, gaps, dataOmitted: retained.dataOmitted };
}

function latin1Of(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

/** A decoded packet back to the reader's shape, for packets that did not come from a file. */
function decodedOf(p: CapturedPacket): DecodedTcp {
  const f = p.flags;
  const payload = new Uint8Array(p.payload.length);
  for (let i = 0; i < p.payload.length; i++) payload[i] = p.payload.charCodeAt(i) & 0xff;
  return {
    ipVersion: p.ipVersion ?? 4,
    src: p.src,
    dst: p.dst,
    seq: p.seq,
    ack: p.ack,
    flags:
      (f.fin ? TCP_FIN : 0) |
      (f.syn ? TCP_SYN : 0) |
      (f.rst ? TCP_RST : 0) |
      (f.psh ? 0x08 : 0) |
      (f.ack ? TCP_ACK : 0),
    window: p.window,
    ipId: p.ip.id,
    ttl: p.ip.ttl,
    options: new Uint8Array(0),
    payload,
    truncated: p.truncated,
    // No bytes: the checksum of a packet that was never on a wire is not checked.
    ip: new Uint8Array(0),
    tcpStart: 0,
    tcpLength: 0,
  };
}
