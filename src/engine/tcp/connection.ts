import { advance, type VirtualTime } from '../clock/virtualTime';
import type { ConnId, DeviceId, HostId, Packet, PacketFate } from '../events/stepEvent';
import type { FtpCommand, FtpReply } from '../ftp/messages';
import type { Endpoint } from '../net/address';
import type { Emit, Network } from '../net/network';
import type { Chance } from '../random';
import { flags as makeFlags, seqAdd, sequenceLength, type TcpFlags, type TcpSegment } from './segment';
import { synSchedule } from './synRetransmission';

/** Linux defaults seen in every SYN of the reference captures. */
const MSS = 1460;
const WINDOW_SCALE = 10;
const SYN_WINDOW = { initiator: 64240, responder: 65160 } as const;
/** The raw (scaled) window after the handshake, as in the captures. */
const OPEN_WINDOW = { initiator: 63, responder: 64 } as const;
/** Payload per segment: the MSS less the 12 bytes of the timestamp option. */
export const SEGMENT_PAYLOAD = MSS - 12;
/** Linux's delayed-ACK timer (TCP_DELACK_MIN is 40 ms). */
const DELAYED_ACK_US = 40_000;
/** A stack answers in a few microseconds. */
const STACK_US = 12;

export interface TcpSide {
  readonly host: HostId;
  readonly role: 'initiator' | 'responder';
  local: Endpoint;
  /** Where this side sends (the peer as this side sees it). */
  remote: Endpoint;
  iss: number;
  sndNxt: number;
  rcvNxt: number;
  ipId: number;
  readonly tsOffset: number;
  peerTs: number;
  synSent: boolean;
  receivedPayload: boolean;
  lastReceiveAt?: VirtualTime;
  ackDueAt?: VirtualTime;
}

export interface TcpConnection {
  readonly id: ConnId;
  readonly initiator: TcpSide;
  readonly responder: TcpSide;
}

/** What rides in a segment, for the event log. */
export type Application =
  | { readonly kind: 'command'; readonly command: FtpCommand }
  | { readonly kind: 'reply'; readonly reply: FtpReply };

export interface SendResult {
  readonly packet: Packet;
  readonly delivered: boolean;
  /** When the receiving host got it. */
  readonly arrivedAt?: VirtualTime;
  readonly arrived?: TcpSegment;
  readonly refusedBy?: DeviceId;
}

export type ConnectResult =
  | { readonly ok: true; readonly at: VirtualTime }
  | {
      readonly ok: false;
      readonly at: VirtualTime;
      readonly why: 'timeout' | 'syn-retries-exhausted' | 'refused';
      /** The first packet that went wrong (dropped or refused). */
      readonly firstFailurePacket: number;
    };

export interface Tcp {
  open(
    id: ConnId,
    initiator: { host: HostId; local: Endpoint },
    responderHost: HostId,
    remote: Endpoint,
  ): TcpConnection;
  /** Three-way handshake; `isListening` says whether a socket accepts at the arriving address. */
  connect(
    conn: TcpConnection,
    at: VirtualTime,
    appTimeoutUs: number,
    isListening: (host: HostId, at: Endpoint) => boolean,
  ): ConnectResult;
  send(conn: TcpConnection, from: TcpSide, at: VirtualTime, payload: string, app?: Application): SendResult;
  /** Bulk data: segments of up to one MSS, the receiver acknowledging every second one. Returns when the last is acked. */
  sendBulk(conn: TcpConnection, from: TcpSide, at: VirtualTime, bytes: string): VirtualTime;
  /** `from` closes; the peer's application closes too on end-of-file; returns when the last ACK arrives. */
  close(conn: TcpConnection, from: TcpSide, at: VirtualTime, peerCloseDelayUs: number): VirtualTime;
  /** Half-close by `from` that the peer's kernel acknowledges but whose application never answers. */
  abandon(conn: TcpConnection, from: TcpSide, at: VirtualTime): VirtualTime;
  reset(conn: TcpConnection, from: TcpSide, at: VirtualTime): void;
  /** Send the delayed ACKs still pending at the end of the session. */
  flushAll(): void;
}

export function peerOf(conn: TcpConnection, side: TcpSide): TcpSide {
  return side === conn.initiator ? conn.responder : conn.initiator;
}

export function createTcp(network: Network, emit: Emit, chance: Chance): Tcp {
  let packetId = 0;
  const connections: TcpConnection[] = [];

  function newSide(
    id: ConnId,
    host: HostId,
    role: TcpSide['role'],
    local: Endpoint,
    remote: Endpoint,
  ): TcpSide {
    const random = chance.stream(`tcp:${id}:${role}`);
    const iss = random.uint32();
    return {
      host,
      role,
      local,
      remote,
      iss,
      sndNxt: iss,
      rcvNxt: 0,
      ipId: random.int(0, 0xffff),
      tsOffset: random.uint32(),
      peerTs: 0,
      synSent: false,
      receivedPayload: false,
    };
  }

  function open(
    id: ConnId,
    initiator: { host: HostId; local: Endpoint },
    responderHost: HostId,
    remote: Endpoint,
  ): TcpConnection {
    const conn: TcpConnection = {
      id,
      initiator: newSide(id, initiator.host, 'initiator', initiator.local, remote),
      // The responder's addresses are learnt from the SYN as it arrives.
      responder: newSide(id, responderHost, 'responder', remote, initiator.local),
    };
    connections.push(conn);
    return conn;
  }

  function tsval(side: TcpSide, at: VirtualTime): number {
    return (side.tsOffset + Math.floor(at / 1000)) >>> 0;
  }

  function transmit(
    conn: TcpConnection,
    from: TcpSide,
    at: VirtualTime,
    f: TcpFlags,
    payload: string,
    opts: { app?: Application; retransmission?: number; seq?: number; ack?: number; echo?: number } = {},
  ): SendResult {
    const to = peerOf(conn, from);
    const syn = f.syn;
    const segment: TcpSegment = {
      src: from.local,
      dst: from.remote,
      seq: opts.seq ?? from.sndNxt,
      ack: f.ack ? (opts.ack ?? from.rcvNxt) : 0,
      flags: f,
      window: syn ? SYN_WINDOW[from.role] : OPEN_WINDOW[from.role],
      options: syn
        ? {
            mss: MSS,
            sackPermitted: true,
            timestamp: { value: tsval(from, at), echo: opts.echo ?? from.peerTs },
            windowScale: WINDOW_SCALE,
          }
        : { timestamp: { value: tsval(from, at), echo: opts.echo ?? from.peerTs } },
      payload,
      // Linux sends a SYN-ACK with IP id 0 (DF set, no socket counter yet).
      ip: { id: syn && f.ack ? 0 : from.ipId, ttl: 64 },
    };
    if (!(syn && f.ack)) from.ipId = (from.ipId + 1) & 0xffff;
    if (opts.seq === undefined) from.sndNxt = seqAdd(from.sndNxt, sequenceLength(segment));
    if (f.ack) from.ackDueAt = undefined;

    const id = ++packetId;
    const result = network.forward({
      packetId: id,
      conn: conn.id,
      from: from.host,
      toward: to.host,
      at,
      segment,
    });
    const fate: PacketFate = result.fate;
    const packet: Packet = {
      id,
      conn: conn.id,
      from: from.host,
      segment,
      views: result.views,
      fate,
      retransmission: opts.retransmission ?? 0,
    };
    if (opts.app?.kind === 'command')
      emit({ kind: 'ftp/command-sent', at, packet, command: opts.app.command });
    else if (opts.app?.kind === 'reply') emit({ kind: 'ftp/reply-sent', at, packet, reply: opts.app.reply });
    else emit({ kind: 'tcp/segment-sent', at, packet });
    result.decisions.forEach(emit);

    if (result.fate.kind === 'refused') return { packet, delivered: false, refusedBy: result.fate.device };
    if (!result.arrival) return { packet, delivered: false };
    const arrived = result.arrival.segment;
    if (to.role === 'responder' && syn && !f.ack) {
      // The responder's view of the addresses is what arrived (after any NAT on the way).
      to.remote = arrived.src;
      to.local = arrived.dst;
    }
    to.rcvNxt = seqAdd(arrived.seq, sequenceLength(arrived));
    if (arrived.options.timestamp) to.peerTs = arrived.options.timestamp.value;
    return { packet, delivered: true, arrivedAt: result.arrival.at, arrived };
  }

  /** Linux quick-acks the first data on a connection and data after an idle spell; else it delays. */
  function scheduleAck(conn: TcpConnection, receiver: TcpSide, at: VirtualTime): void {
    const idle = receiver.lastReceiveAt === undefined || at - receiver.lastReceiveAt > 1_000_000;
    const quick = !receiver.receivedPayload || idle;
    receiver.receivedPayload = true;
    receiver.lastReceiveAt = at;
    if (quick) {
      transmit(conn, receiver, advance(at, STACK_US), makeFlags({ ack: true }), '');
    } else if (receiver.ackDueAt === undefined) {
      receiver.ackDueAt = advance(at, DELAYED_ACK_US);
    }
  }

  function flushDue(conn: TcpConnection, side: TcpSide, now: VirtualTime): void {
    if (side.ackDueAt !== undefined && side.ackDueAt <= now) {
      transmit(conn, side, side.ackDueAt, makeFlags({ ack: true }), '');
    }
  }

  function send(
    conn: TcpConnection,
    from: TcpSide,
    at: VirtualTime,
    payload: string,
    app?: Application,
  ): SendResult {
    flushDue(conn, from, at);
    const r = transmit(conn, from, at, makeFlags({ ack: true, psh: true }), payload, app ? { app } : {});
    if (r.delivered && r.arrivedAt !== undefined) scheduleAck(conn, peerOf(conn, from), r.arrivedAt);
    return r;
  }

  function connect(
    conn: TcpConnection,
    at: VirtualTime,
    appTimeoutUs: number,
    isListening: (host: HostId, at: Endpoint) => boolean,
  ): ConnectResult {
    const { initiator: a, responder: b } = conn;
    const schedule = synSchedule(chance.stream(`syn:${conn.id}`));
    const synSeq = a.sndNxt;
    let firstFailure: number | undefined;
    const attempts = [0, ...schedule.retransmitAt];
    for (const [n, offset] of attempts.entries()) {
      if (offset >= appTimeoutUs) break;
      const sentAt = advance(at, offset);
      const r = transmit(conn, a, sentAt, makeFlags({ syn: true }), '', {
        retransmission: n,
        ...(n > 0 ? { seq: synSeq } : {}),
      });
      if (r.delivered && r.arrivedAt !== undefined && r.arrived) {
        if (!isListening(b.host, r.arrived.dst)) {
          // RFC 793 §3.4: a SYN to a closed port is answered with RST/ACK.
          const rst = emitReset(conn, b.host, r.arrived, r.arrivedAt);
          return { ok: false, at: rst, why: 'refused', firstFailurePacket: r.packet.id };
        }
        const synAck = transmit(
          conn,
          b,
          advance(r.arrivedAt, STACK_US),
          makeFlags({ syn: true, ack: true }),
          '',
        );
        if (!synAck.delivered || synAck.arrivedAt === undefined) {
          firstFailure ??= synAck.packet.id;
          continue;
        }
        const ack = transmit(conn, a, advance(synAck.arrivedAt, STACK_US), makeFlags({ ack: true }), '');
        return { ok: true, at: ack.arrivedAt ?? synAck.arrivedAt };
      }
      if (r.refusedBy) {
        // The router's stack answers as soon as the SYN reaches it.
        const rst = emitReset(conn, r.refusedBy, r.packet.segment, advance(sentAt, 40));
        return { ok: false, at: rst, why: 'refused', firstFailurePacket: r.packet.id };
      }
      firstFailure ??= r.packet.id;
    }
    const kernelFirst = schedule.giveUpAt < appTimeoutUs;
    return {
      ok: false,
      at: advance(at, kernelFirst ? schedule.giveUpAt : appTimeoutUs),
      why: kernelFirst ? 'syn-retries-exhausted' : 'timeout',
      firstFailurePacket: firstFailure ?? 0,
    };
  }

  /**
   * The RST/ACK a stack sends for a SYN nothing listens for (RFC 793 §3.4): a host's, or a NAT router's
   * own for a port it forwards nowhere. Measured on Linux: seq 0, no options, IP id 0.
   */
  function emitReset(conn: TcpConnection, from: DeviceId, syn: TcpSegment, at: VirtualTime): VirtualTime {
    const segment: TcpSegment = {
      src: syn.dst,
      dst: syn.src,
      seq: 0,
      ack: seqAdd(syn.seq, 1),
      flags: makeFlags({ rst: true, ack: true }),
      window: 0,
      options: {},
      payload: '',
      ip: { id: 0, ttl: 64 },
    };
    const id = ++packetId;
    const toward: HostId = conn.initiator.host;
    const sendAt = advance(at, STACK_US);
    const result = network.forward({ packetId: id, conn: conn.id, from, toward, at: sendAt, segment });
    const packet: Packet = {
      id,
      conn: conn.id,
      from,
      segment,
      views: result.views,
      fate: result.fate,
      retransmission: 0,
    };
    emit({ kind: 'tcp/segment-sent', at: sendAt, packet });
    result.decisions.forEach(emit);
    return result.arrival?.at ?? sendAt;
  }

  function sendBulk(conn: TcpConnection, from: TcpSide, at: VirtualTime, bytes: string): VirtualTime {
    const to = peerOf(conn, from);
    flushDue(conn, from, at);
    // The sender writes its segments back to back first; the receiver's ACKs come after, each carrying
    // what it had received by then. Sending them in that order keeps every echoed timestamp and
    // acknowledgement in the past of the segment that carries it.
    const received: { at: VirtualTime; ackNumber: number; echo: number }[] = [];
    let t = at;
    for (let offset = 0; offset < bytes.length; offset += SEGMENT_PAYLOAD) {
      const chunk = bytes.slice(offset, offset + SEGMENT_PAYLOAD);
      const last = offset + SEGMENT_PAYLOAD >= bytes.length;
      const r = transmit(conn, from, t, makeFlags({ ack: true, psh: last }), chunk);
      received.push({ at: r.arrivedAt ?? t, ackNumber: to.rcvNxt, echo: to.peerTs });
      t = advance(t, 12);
    }
    let lastAck = t;
    const quick = !to.receivedPayload;
    to.receivedPayload = true;
    received.forEach((seg, i) => {
      const n = i + 1;
      // Linux quick-acks the first data on a connection and then acknowledges every second segment.
      if (!((quick && n === 1) || n % 2 === 0 || n === received.length)) return;
      to.lastReceiveAt = seg.at;
      const ack = transmit(conn, to, advance(seg.at, STACK_US), makeFlags({ ack: true }), '', {
        ack: seg.ackNumber,
        echo: seg.echo,
      });
      lastAck = ack.arrivedAt ?? seg.at;
    });
    to.ackDueAt = undefined;
    return lastAck > t ? lastAck : t;
  }

  function close(conn: TcpConnection, from: TcpSide, at: VirtualTime, peerCloseDelayUs: number): VirtualTime {
    const peer = peerOf(conn, from);
    flushDue(conn, from, at);
    const fin = transmit(conn, from, at, makeFlags({ fin: true, ack: true }), '');
    const finAt = fin.arrivedAt ?? at;
    flushDue(conn, peer, finAt);
    const peerFin = transmit(
      conn,
      peer,
      advance(finAt, peerCloseDelayUs),
      makeFlags({ fin: true, ack: true }),
      '',
    );
    const last = transmit(
      conn,
      from,
      advance(peerFin.arrivedAt ?? finAt, STACK_US),
      makeFlags({ ack: true }),
      '',
    );
    return last.arrivedAt ?? finAt;
  }

  function abandon(conn: TcpConnection, from: TcpSide, at: VirtualTime): VirtualTime {
    const fin = transmit(conn, from, at, makeFlags({ fin: true, ack: true }), '');
    const ack = transmit(
      conn,
      peerOf(conn, from),
      advance(fin.arrivedAt ?? at, STACK_US),
      makeFlags({ ack: true }),
      '',
    );
    return ack.arrivedAt ?? at;
  }

  function reset(conn: TcpConnection, from: TcpSide, at: VirtualTime): void {
    transmit(conn, from, at, makeFlags({ rst: true, ack: true }), '');
  }

  function flushAll(): void {
    for (const conn of connections) {
      for (const side of [conn.initiator, conn.responder]) {
        if (side.ackDueAt !== undefined) flushDue(conn, side, side.ackDueAt);
      }
    }
  }

  return { open, connect, send, sendBulk, close, abandon, reset, flushAll };
}
