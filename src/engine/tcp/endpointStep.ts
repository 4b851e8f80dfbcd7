import type { VirtualTime } from '../clock/virtualTime';
import { assertNever } from '../events/assertNever';
import type { HostId } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import type { TcpSegment } from './segment';
import type { SynSchedule } from './synRetransmission';
import { evolve, type Application, type BulkMark, type SocketNotice, type TcpEndpoint } from './endpoint';
import { onFin, onFinalAck, onReset, resetForData, startClose, startReset } from './teardown';
import {
  onBulkAck,
  onPayload,
  sendAck,
  sendData,
  sendDelayedAck,
  sendNextBulkSegment,
  startBulk,
} from './dataflow';
import {
  giveUp,
  onHandshakeAck,
  onSyn,
  onSynAck,
  retrySyn,
  sendHandshakeAck,
  sendSynAck,
  startConnect,
} from './handshake';

/** What an endpoint is asked to do, or what happens to it. */
export type EndpointInput =
  /** connect(): the kernel's SYN schedule, and the application's own limit on how long it waits. */
  | { readonly kind: 'app/connect'; readonly schedule: SynSchedule; readonly limitUs: number }
  | { readonly kind: 'app/accept' }
  | {
      readonly kind: 'app/send';
      readonly payload: string;
      readonly app?: Application;
      readonly tell?: SocketNotice;
    }
  | { readonly kind: 'app/send-bulk'; readonly bytes: string }
  | { readonly kind: 'app/close' }
  /** Close our end; the peer's application never answers (it never accepted the connection). */
  | { readonly kind: 'app/abandon' }
  | { readonly kind: 'app/reset' }
  /** close() on a socket still connecting: it stops trying and sends nothing. */
  | { readonly kind: 'app/abort' }
  | {
      readonly kind: 'net/segment';
      readonly segment: TcpSegment;
      readonly packetId: number;
      readonly bulk?: BulkMark;
    }
  | { readonly kind: 'timer/syn-retry'; readonly n: number }
  | { readonly kind: 'timer/connect-deadline'; readonly why: 'timeout' | 'syn-retries-exhausted' }
  | { readonly kind: 'timer/syn-ack' }
  | { readonly kind: 'timer/handshake-ack' }
  | { readonly kind: 'timer/delayed-ack'; readonly due: VirtualTime }
  /** An acknowledgement decided when a segment arrived, sent a moment later with what was known then. */
  | { readonly kind: 'timer/ack'; readonly ack: number; readonly echo: number; readonly tell?: SocketNotice }
  | { readonly kind: 'timer/bulk-segment' };

/** What the endpoint's stack does in answer. */
export type EndpointAction =
  | {
      readonly kind: 'transmit';
      readonly segment: TcpSegment;
      readonly app?: Application;
      readonly retransmission?: number;
      readonly bulk?: BulkMark;
      /** Tell our own application this, once the segment reaches the peer. */
      readonly tell?: SocketNotice;
    }
  | { readonly kind: 'schedule'; readonly at: VirtualTime; readonly input: EndpointInput }
  | { readonly kind: 'notify'; readonly notice: SocketNotice }
  /** A SYN for a port nothing listens on: the host's stack answers RST (RFC 793 §3.4). */
  | { readonly kind: 'refuse'; readonly syn: TcpSegment; readonly packetId: number };

export interface EndpointStep {
  readonly ep: TcpEndpoint;
  readonly actions: readonly EndpointAction[];
}

/** What an endpoint may ask of its host: whether a socket listens at an address. */
export interface EndpointContext {
  readonly isListening: (host: HostId, at: Endpoint) => boolean;
}

/** One TCP endpoint's transition: its state and an input in, its new state and its actions out. */
export function stepEndpoint(
  ep: TcpEndpoint,
  input: EndpointInput,
  now: VirtualTime,
  ctx: EndpointContext,
): EndpointStep {
  switch (input.kind) {
    case 'app/connect':
      return startConnect(ep, input.schedule, input.limitUs, now);
    case 'app/accept':
      return { ep: evolve(ep, { owned: true }), actions: [] };
    case 'app/send':
      return sendData(ep, input, now);
    case 'app/send-bulk':
      return startBulk(ep, input.bytes, now);
    // Abandoning sends the same FIN; the difference is at the peer, whose application never took the connection.
    case 'app/close':
    case 'app/abandon':
      // close() on a connection the peer has reset sends nothing: the socket is already gone, and the
      // program is done with it (curl's close() after its close_notify drew vsftpd's RST).
      if (ep.state === 'CLOSED')
        return { ep, actions: [{ kind: 'notify', notice: { kind: 'closed', conn: ep.conn } }] };
      return startClose(ep, now);
    case 'app/reset':
      return startReset(ep, now);
    case 'app/abort':
      return { ep: evolve(ep, { state: 'CLOSED', connect: undefined }), actions: [] };
    case 'net/segment':
      return receive(ep, input, now, ctx);
    case 'timer/syn-retry':
      return retrySyn(ep, input.n, now);
    case 'timer/connect-deadline':
      return giveUp(ep, input.why);
    case 'timer/syn-ack':
      return sendSynAck(ep, now);
    case 'timer/handshake-ack':
      return sendHandshakeAck(ep, now);
    case 'timer/delayed-ack':
      return sendDelayedAck(ep, input.due, now);
    case 'timer/ack':
      return sendAck(ep, input, now);
    case 'timer/bulk-segment':
      return sendNextBulkSegment(ep, now);
    default:
      return assertNever(input);
  }
}

function receive(
  ep: TcpEndpoint,
  input: Extract<EndpointInput, { kind: 'net/segment' }>,
  now: VirtualTime,
  ctx: EndpointContext,
): EndpointStep {
  const f = input.segment.flags;
  if (f.rst) return onReset(ep, input.segment);
  if (f.syn && !f.ack) return onSyn(ep, input.segment, input.packetId, now, ctx);
  if (f.syn) return onSynAck(ep, input.segment, now);
  // Our own RST ended it (below): what the peer sent meanwhile finds no socket.
  if (f.fin && ep.state === 'CLOSED') return { ep, actions: [] };
  if (f.fin) return onFin(ep, input.segment, now);
  // Data for a socket its program has closed (RFC 793 §3.5 and Linux's orphan sockets): RST, as vsftpd's
  // kernel answers curl's close_notify after 221 (tests/lab, issue 14 B1).
  if (input.segment.payload.length > 0 && ep.state === 'FIN_WAIT')
    return resetForData(ep, input.segment, now);
  if (input.segment.payload.length > 0) return onPayload(ep, input, now);
  if (ep.state === 'SYN_RECEIVED') return onHandshakeAck(ep, input.segment);
  if (ep.state === 'LAST_ACK') return onFinalAck(ep, input.segment);
  return onBulkAck(ep, input.segment);
}
