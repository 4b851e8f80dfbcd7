import type { VirtualTime } from '../clock/virtualTime';
import type { ConnId, HostId } from '../events/stepEvent';
import type { FtpCommand, FtpReply } from '../ftp/messages';
import { ipVersionOf, type Endpoint } from '../net/address';
import type { Random } from '../random';
import type { TlsRecord } from '../tls/records';
import { seqAdd, sequenceLength, type TcpFlags, type TcpSegment } from './segment';
import type { SynSchedule } from './synRetransmission';

/**
 * Linux defaults seen in every SYN of the reference captures, and of tests/lab's IPv6 runs (issue 14 C):
 * over IPv6 the 40-byte header leaves an MSS of 1440 on the same 1500-byte links, and the windows follow.
 */
const MSS = { 4: 1460, 6: 1440 } as const;
const WINDOW_SCALE = 10;
const SYN_WINDOW = {
  4: { initiator: 64240, responder: 65160 },
  6: { initiator: 64800, responder: 64260 },
} as const;
/** The raw (scaled) window after the handshake, as in the captures. */
const OPEN_WINDOW = { initiator: 63, responder: 64 } as const;
/** Bytes of the timestamp option on every segment after the SYNs. */
const TIMESTAMP_OPTION = 12;
/** Linux's automatic IPv6 flow labels (RFC 6437): 20 bits, never 0, one per connection and direction. */
const FLOW_LABEL = { min: 1, max: 0xfffff } as const;

/** Payload per segment: the MSS less the 12 bytes of the timestamp option. */
export function segmentPayload(ep: Pick<TcpEndpoint, 'local'>): number {
  return MSS[ipVersionOf(ep.local.ip)] - TIMESTAMP_OPTION;
}
/** Linux's delayed-ACK timer (TCP_DELACK_MIN is 40 ms). */
export const DELAYED_ACK_US = 40_000;
/** A stack answers in a few microseconds. */
export const STACK_US = 12;

/** The states a learner meets (RFC 793 §3.2); TIME_WAIT and FIN_WAIT_2 are folded into their neighbours. */
export type TcpState =
  'CLOSED' | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK';

/**
 * What rides in a segment, for the event log: an FTP line (in a TLS record, under FTPS), or TLS records of
 * the session itself (the handshake, session tickets, close_notify).
 */
export type Application =
  | { readonly kind: 'command'; readonly command: FtpCommand; readonly tls?: readonly TlsRecord[] }
  | { readonly kind: 'reply'; readonly reply: FtpReply; readonly tls?: readonly TlsRecord[] }
  | { readonly kind: 'tls'; readonly records: readonly TlsRecord[] };

/** A segment of a bulk write: its place, so the receiver acknowledges as Linux does (every second one). */
export interface BulkMark {
  readonly n: number;
  readonly last: boolean;
}

/** What a socket tells its application. */
export type SocketNotice =
  | { readonly kind: 'connected'; readonly conn: ConnId }
  | { readonly kind: 'accepted'; readonly conn: ConnId }
  | {
      readonly kind: 'connect-failed';
      readonly conn: ConnId;
      readonly why: 'timeout' | 'syn-retries-exhausted' | 'refused';
    }
  | {
      readonly kind: 'received';
      readonly conn: ConnId;
      readonly payload: string;
      readonly from: Endpoint;
      readonly packetId: number;
    }
  /** What the application wrote has reached the peer (the simulation's way to time an answer to it). */
  | { readonly kind: 'delivered'; readonly conn: ConnId }
  | { readonly kind: 'bulk-sent'; readonly conn: ConnId }
  | { readonly kind: 'peer-closed'; readonly conn: ConnId }
  | { readonly kind: 'closed'; readonly conn: ConnId };

/** One end of a TCP connection: everything its stack knows, as plain data. */
export interface TcpEndpoint {
  readonly conn: ConnId;
  readonly host: HostId;
  readonly role: 'initiator' | 'responder';
  readonly state: TcpState;
  readonly local: Endpoint;
  /** Where this side sends (the peer as this side sees it). */
  readonly remote: Endpoint;
  readonly sndNxt: number;
  readonly rcvNxt: number;
  readonly ipId: number;
  /** IPv6 only: the flow label of everything this side sends. */
  readonly flowLabel?: number | undefined;
  readonly tsOffset: number;
  readonly peerTs: number;
  /** The application holds the socket (connect() or accept()), so it answers a FIN with its own close. */
  readonly owned: boolean;
  readonly receivedPayload: boolean;
  readonly lastReceiveAt?: VirtualTime | undefined;
  readonly ackDueAt?: VirtualTime | undefined;
  readonly connect?:
    | {
        readonly synSeq: number;
        readonly schedule: SynSchedule;
        readonly limitUs: number;
        readonly startedAt: VirtualTime;
      }
    | undefined;
  /** A bulk write in progress: the bytes still to send, and the segment number of the next one. */
  readonly bulkOut?: { readonly bytes: string; readonly offset: number; readonly n: number } | undefined;
  /** After the last segment of a bulk write: the acknowledgement that completes it. */
  readonly bulkAwait?: number | undefined;
  /** Whether this receiver quick-acknowledges the first segment of the bulk write under way. */
  readonly bulkQuick?: boolean | undefined;
}

/** A new endpoint; its initial sequence number, IP id and timestamp offset come from its own stream. */
export function createEndpoint(
  conn: ConnId,
  host: HostId,
  role: TcpEndpoint['role'],
  addresses: { local: Endpoint; remote: Endpoint },
  random: Random,
): TcpEndpoint {
  const iss = random.uint32();
  const ipId = random.int(0, 0xffff);
  const tsOffset = random.uint32();
  const v6 = ipVersionOf(addresses.local.ip) === 6;
  return {
    conn,
    host,
    role,
    state: 'CLOSED',
    ...addresses,
    sndNxt: iss,
    rcvNxt: 0,
    ipId,
    flowLabel: v6 ? random.int(FLOW_LABEL.min, FLOW_LABEL.max) : undefined,
    tsOffset,
    peerTs: 0,
    owned: role === 'initiator',
    receivedPayload: false,
    // Every field present from the start: all endpoints share one shape, which keeps copying them cheap.
    lastReceiveAt: undefined,
    ackDueAt: undefined,
    connect: undefined,
    bulkOut: undefined,
    bulkAwait: undefined,
    bulkQuick: undefined,
  };
}

/**
 * The endpoint with some fields changed. Written out field by field rather than spread, so that every
 * endpoint has one object shape: copying them is then cheap, and the engine copies one for every segment.
 */
export function evolve(ep: TcpEndpoint, c: Partial<TcpEndpoint>): TcpEndpoint {
  return {
    conn: ep.conn,
    host: ep.host,
    role: ep.role,
    state: c.state ?? ep.state,
    local: c.local ?? ep.local,
    remote: c.remote ?? ep.remote,
    sndNxt: c.sndNxt ?? ep.sndNxt,
    rcvNxt: c.rcvNxt ?? ep.rcvNxt,
    ipId: c.ipId ?? ep.ipId,
    flowLabel: ep.flowLabel,
    tsOffset: ep.tsOffset,
    peerTs: c.peerTs ?? ep.peerTs,
    owned: c.owned ?? ep.owned,
    receivedPayload: c.receivedPayload ?? ep.receivedPayload,
    lastReceiveAt: 'lastReceiveAt' in c ? c.lastReceiveAt : ep.lastReceiveAt,
    ackDueAt: 'ackDueAt' in c ? c.ackDueAt : ep.ackDueAt,
    connect: 'connect' in c ? c.connect : ep.connect,
    bulkOut: 'bulkOut' in c ? c.bulkOut : ep.bulkOut,
    bulkAwait: 'bulkAwait' in c ? c.bulkAwait : ep.bulkAwait,
    bulkQuick: 'bulkQuick' in c ? c.bulkQuick : ep.bulkQuick,
  };
}

export interface SegmentOptions {
  /** A retransmission reuses its first sequence number and does not move sndNxt. */
  readonly seq?: number;
  readonly ack?: number;
  readonly echo?: number;
}

/** The segment this endpoint sends now, and the endpoint after sending it. */
export function buildSegment(
  ep: TcpEndpoint,
  at: VirtualTime,
  flags: TcpFlags,
  payload: string,
  opts: SegmentOptions = {},
): { ep: TcpEndpoint; segment: TcpSegment } {
  const timestamp = { value: (ep.tsOffset + Math.floor(at / 1000)) >>> 0, echo: opts.echo ?? ep.peerTs };
  const synAck = flags.syn && flags.ack;
  const version = ipVersionOf(ep.local.ip);
  const segment: TcpSegment = {
    src: ep.local,
    dst: ep.remote,
    seq: opts.seq ?? ep.sndNxt,
    ack: flags.ack ? (opts.ack ?? ep.rcvNxt) : 0,
    flags,
    window: flags.syn ? SYN_WINDOW[version][ep.role] : OPEN_WINDOW[ep.role],
    options: flags.syn
      ? { mss: MSS[version], sackPermitted: true, timestamp, windowScale: WINDOW_SCALE }
      : { timestamp },
    payload,
    // Linux sends a SYN-ACK with IP id 0 (DF set, no socket counter yet). IPv6 has no id: a flow label.
    ip:
      ep.flowLabel === undefined
        ? { id: synAck ? 0 : ep.ipId, ttl: 64 }
        : { id: 0, ttl: 64, flowLabel: ep.flowLabel },
  };
  const next = evolve(ep, {
    // Any segment with ACK carries the acknowledgement a delayed ACK was waiting to send.
    ackDueAt: flags.ack ? undefined : ep.ackDueAt,
    ipId: synAck ? ep.ipId : (ep.ipId + 1) & 0xffff,
    sndNxt: opts.seq === undefined ? seqAdd(ep.sndNxt, sequenceLength(segment)) : ep.sndNxt,
  });
  return { ep: next, segment };
}

/** The endpoint after a segment arrives: what it acknowledges next and the timestamp it echoes. */
export function received(ep: TcpEndpoint, segment: TcpSegment): TcpEndpoint {
  return evolve(ep, {
    rcvNxt: seqAdd(segment.seq, sequenceLength(segment)),
    peerTs: segment.options.timestamp?.value ?? ep.peerTs,
  });
}
