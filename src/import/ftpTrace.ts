/**
 * The FTP dialogue inside a capture: the commands and replies of the control connection (port 21), the
 * data addresses announced by PORT/EPRT/227/229, and the data connections with their SYNs, retransmissions
 * and whether the three-way handshake completed. Works on what one capture point saw: behind NAT the
 * client's and the server's capture of one session hold different addresses, and so do their traces.
 */
import { decodeExtendedAddress, decodeExtendedPassivePort, decodeHostPort, type Endpoint } from '../engine';
import type { CapturedPacket } from './pcapReader';

export interface FtpCommandLine {
  readonly kind: 'command';
  /** When the packet that completed the line was captured (µs, the capture's clock). */
  readonly at: number;
  readonly frame: number;
  /** Upper-cased, e.g. `PORT`. */
  readonly verb: string;
  readonly argument?: string;
  /** The line as sent, without CRLF. */
  readonly line: string;
  /** PORT/EPRT: the data address the client announced (undefined if the argument does not parse). */
  readonly address?: Endpoint;
}

export interface FtpReplyLine {
  readonly kind: 'reply';
  readonly at: number;
  readonly frame: number;
  /** 0 if the line does not start with a three-digit code. */
  readonly code: number;
  /** The text after the code; a multi-line reply's lines joined with `\n`. */
  readonly text: string;
  /** Every line of the reply as sent, without CRLF. */
  readonly lines: readonly string[];
  /** 227: the announced address; 229: the control connection's server address with the announced port. */
  readonly address?: Endpoint;
}

export type FtpLine = FtpCommandLine | FtpReplyLine;

export interface DataConnection {
  /** The endpoint that sent the SYN. */
  readonly initiator: Endpoint;
  readonly responder: Endpoint;
  /** Which end of the control connection opened it (active mode: the server; passive: the client). */
  readonly openedBy: 'client' | 'server' | 'unknown';
  /** Index in `dialogue` of the latest PORT/EPRT/227/229 before the first SYN that named `responder`. */
  readonly announcedBy?: number;
  /** The first SYN and each retransmission of it, in capture order. */
  readonly syns: readonly CapturedPacket[];
  readonly synAcks: readonly CapturedPacket[];
  /** The initiator acknowledged a SYN-ACK: the three-way handshake completed. */
  readonly established: boolean;
  readonly establishedAt?: number;
  readonly reset: boolean;
  /** Payload bytes each way, retransmissions removed (Latin-1 strings). */
  readonly data: { readonly fromInitiator: string; readonly fromResponder: string };
  readonly fins: readonly {
    readonly from: 'initiator' | 'responder';
    readonly at: number;
    readonly frame: number;
  }[];
}

export interface FtpTrace {
  /** The control connection as this capture point saw it; undefined if the capture holds none. */
  readonly control?: { readonly client: Endpoint; readonly server: Endpoint };
  readonly dialogue: readonly FtpLine[];
  readonly dataConnections: readonly DataConnection[];
}

export interface FtpTraceOptions {
  /** The server's control port (21). */
  readonly controlPort?: number;
}

/** The first FTP session of the capture: its control dialogue and its data connections. */
export function extractFtpTrace(packets: readonly CapturedPacket[], options: FtpTraceOptions = {}): FtpTrace {
  const controlPort = options.controlPort ?? 21;
  const control = findControl(packets, controlPort);
  if (!control) return { dialogue: [], dataConnections: [] };

  const dialogue: FtpLine[] = [];
  const upstream = new LineReader();
  const downstream = new LineReader();
  let pendingReply: { code: number; lines: string[] } | undefined;
  const flows = new Map<string, FlowState>();
  const connections: FlowState[] = [];

  for (const p of packets) {
    if (sameEndpoint(p.src, control.client) && sameEndpoint(p.dst, control.server)) {
      for (const line of upstream.push(p)) dialogue.push(parseCommand(line, p));
      continue;
    }
    if (sameEndpoint(p.src, control.server) && sameEndpoint(p.dst, control.client)) {
      for (const line of downstream.push(p)) {
        const reply = collectReply(line, p);
        if (reply) dialogue.push(reply);
      }
      continue;
    }
    trackData(p);
  }

  return {
    control,
    dialogue,
    dataConnections: connections.filter(isFtpData).map((flow) => summarize(flow)),
  };

  function collectReply(line: string, p: CapturedPacket): FtpReplyLine | undefined {
    if (pendingReply) {
      pendingReply.lines.push(line);
      // RFC 959 §4.2: a multi-line reply ends with a line that starts with the same code and a space.
      if (line.startsWith(`${pendingReply.code} `) || line === String(pendingReply.code)) {
        const done = pendingReply;
        pendingReply = undefined;
        return makeReply(done.code, done.lines, p);
      }
      return undefined;
    }
    const m = /^(\d{3})([ -]?)(.*)$/.exec(line);
    if (!m) return makeReply(0, [line], p);
    const code = Number(m[1]);
    if (m[2] === '-') {
      pendingReply = { code, lines: [line] };
      return undefined;
    }
    return makeReply(code, [line], p);
  }

  function makeReply(code: number, lines: string[], p: CapturedPacket): FtpReplyLine {
    const text = lines.map((l, i) => (i === 0 || l.startsWith(`${code} `) ? l.slice(4) : l)).join('\n');
    let address: Endpoint | undefined;
    if (code === 227) address = decodeHostPort(text);
    if (code === 229 && control) {
      const port = decodeExtendedPassivePort(text);
      if (port !== undefined) address = { ip: control.server.ip, port };
    }
    return { kind: 'reply', at: p.at, frame: p.frame, code, text, lines, ...(address ? { address } : {}) };
  }

  function trackData(p: CapturedPacket): void {
    const key = flowKey(p.src, p.dst);
    let flow = flows.get(key);
    if (p.flags.syn && !p.flags.ack) {
      if (!flow || flow.synSeq !== p.seq) {
        flow = newFlow(p, dialogue.length);
        flows.set(key, flow);
        connections.push(flow);
      } else {
        flow.syns.push(p);
      }
      return;
    }
    // A connection whose SYN the capture missed: its direction is unknown, so it is left out.
    if (!flow) return;
    const fromInitiator = sameEndpoint(p.src, flow.initiator);
    if (p.flags.rst) flow.reset = true;
    if (p.flags.syn && p.flags.ack && !fromInitiator) flow.synAcks.push(p);
    if (!p.flags.syn && p.flags.ack && fromInitiator && flow.establishedAt === undefined) {
      const synAck = flow.synAcks.at(-1);
      if (synAck && p.ack === (synAck.seq + 1) >>> 0) flow.establishedAt = p.at;
    }
    const stream = fromInitiator ? flow.fromInitiator : flow.fromResponder;
    stream.push(p);
    if (p.flags.fin)
      flow.fins.push({ from: fromInitiator ? 'initiator' : 'responder', at: p.at, frame: p.frame });
  }

  /** A data connection of this session: it goes where the dialogue said, or from port 20, or to a control host. */
  function isFtpData(flow: FlowState): boolean {
    if (!control || flow.responder.port === controlPort) return false;
    if (announcementFor(flow) !== undefined) return true;
    if (flow.initiator.port === 20 && flow.initiator.ip === control.server.ip) return true;
    const hosts = [control.client.ip, control.server.ip];
    return hosts.includes(flow.initiator.ip) && hosts.includes(flow.responder.ip);
  }

  function announcementFor(flow: FlowState): number | undefined {
    for (let i = Math.min(flow.dialogueLength, dialogue.length) - 1; i >= 0; i--) {
      const line = dialogue[i];
      if (!line?.address) continue;
      if (sameEndpoint(line.address, flow.responder)) return i;
    }
    return undefined;
  }

  function summarize(flow: FlowState): DataConnection {
    const announcedBy = announcementFor(flow);
    const openedBy = !control
      ? 'unknown'
      : flow.initiator.ip === control.client.ip
        ? 'client'
        : flow.initiator.ip === control.server.ip
          ? 'server'
          : 'unknown';
    return {
      initiator: flow.initiator,
      responder: flow.responder,
      openedBy,
      ...(announcedBy !== undefined ? { announcedBy } : {}),
      syns: flow.syns,
      synAcks: flow.synAcks,
      established: flow.establishedAt !== undefined,
      ...(flow.establishedAt !== undefined ? { establishedAt: flow.establishedAt } : {}),
      reset: flow.reset,
      data: { fromInitiator: flow.fromInitiator.bytes, fromResponder: flow.fromResponder.bytes },
      fins: flow.fins,
    };
  }
}

interface FlowState {
  readonly initiator: Endpoint;
  readonly responder: Endpoint;
  readonly synSeq: number;
  /** How many dialogue lines preceded the first SYN (announcements after it cannot have caused it). */
  readonly dialogueLength: number;
  readonly syns: CapturedPacket[];
  readonly synAcks: CapturedPacket[];
  establishedAt?: number;
  reset: boolean;
  readonly fromInitiator: ByteStream;
  readonly fromResponder: ByteStream;
  readonly fins: { from: 'initiator' | 'responder'; at: number; frame: number }[];
}

function newFlow(syn: CapturedPacket, dialogueLength: number): FlowState {
  return {
    initiator: syn.src,
    responder: syn.dst,
    synSeq: syn.seq,
    dialogueLength,
    syns: [syn],
    synAcks: [],
    reset: false,
    fromInitiator: new ByteStream(),
    fromResponder: new ByteStream(),
    fins: [],
  };
}

/** The control connection: the first SYN to the control port, else the first packet that uses it. */
function findControl(
  packets: readonly CapturedPacket[],
  port: number,
): { client: Endpoint; server: Endpoint } | undefined {
  const syn = packets.find((p) => p.flags.syn && !p.flags.ack && p.dst.port === port);
  if (syn) return { client: syn.src, server: syn.dst };
  const any = packets.find((p) => p.dst.port === port || p.src.port === port);
  if (!any) return undefined;
  return any.dst.port === port ? { client: any.src, server: any.dst } : { client: any.dst, server: any.src };
}

/** One direction of a TCP connection's bytes, in order, each byte once (retransmitted bytes are dropped). */
class ByteStream {
  bytes = '';
  private next: number | undefined;

  /** Appends the segment's new bytes and returns them. */
  push(p: CapturedPacket): string {
    if (p.payload.length === 0) return '';
    let fresh = p.payload;
    if (this.next !== undefined) {
      const offset = (p.seq - this.next) | 0;
      if (offset < 0) {
        // Some or all of it was seen before: keep only what lies beyond.
        if (-offset >= fresh.length) return '';
        fresh = fresh.slice(-offset);
      }
      // offset > 0: bytes the capture missed; nothing to fill them with, so the stream just goes on.
    }
    this.next = (p.seq + p.payload.length) >>> 0;
    this.bytes += fresh;
    return fresh;
  }
}

/** The control connection's lines in one direction, each completed line with the packet that ended it. */
class LineReader {
  private readonly stream = new ByteStream();
  private partial = '';

  push(p: CapturedPacket): string[] {
    this.partial += this.stream.push(p);
    const lines: string[] = [];
    for (let nl = this.partial.indexOf('\n'); nl >= 0; nl = this.partial.indexOf('\n')) {
      lines.push(this.partial.slice(0, nl).replace(/\r$/, ''));
      this.partial = this.partial.slice(nl + 1);
    }
    return lines;
  }
}

function parseCommand(line: string, p: CapturedPacket): FtpCommandLine {
  const space = line.indexOf(' ');
  const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const argument = space < 0 ? undefined : line.slice(space + 1);
  let address: Endpoint | undefined;
  if (verb === 'PORT' && argument !== undefined) address = decodeHostPort(argument);
  if (verb === 'EPRT' && argument !== undefined) address = decodeExtendedAddress(argument);
  return {
    kind: 'command',
    at: p.at,
    frame: p.frame,
    verb,
    ...(argument !== undefined ? { argument } : {}),
    line,
    ...(address ? { address } : {}),
  };
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.ip === b.ip && a.port === b.port;
}

function flowKey(a: Endpoint, b: Endpoint): string {
  const x = `${a.ip}:${a.port}`;
  const y = `${b.ip}:${b.port}`;
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}

/** The times of a data connection's SYNs relative to the first one, in seconds. */
export function synOffsets(connection: DataConnection): number[] {
  const first = connection.syns[0]?.at ?? 0;
  return connection.syns.map((s) => (s.at - first) / 1e6);
}
