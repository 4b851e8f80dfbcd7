import { advance, type VirtualTime } from '../clock/virtualTime';
import {
  buildSegment,
  evolve,
  DELAYED_ACK_US,
  received,
  segmentPayload,
  STACK_US,
  type Application,
  type BulkMark,
  type SocketNotice,
  type TcpEndpoint,
} from './endpoint';
import type { EndpointAction, EndpointStep } from './endpointStep';
import { flags, type TcpSegment } from './segment';

const ACK = flags({ ack: true });
/** After this long without data, Linux leaves delayed-ACK mode and acknowledges at once (quick ack). */
const IDLE_US = 1_000_000;

export function sendData(
  ep: TcpEndpoint,
  write: { readonly payload: string; readonly app?: Application; readonly tell?: SocketNotice },
  now: VirtualTime,
): EndpointStep {
  const sent = buildSegment(ep, now, flags({ ack: true, psh: true }), write.payload);
  const app = write.app ? { app: write.app } : {};
  const tell = write.tell ? { tell: write.tell } : {};
  return { ep: sent.ep, actions: [{ kind: 'transmit', segment: sent.segment, ...app, ...tell }] };
}

/** An acknowledgement, `STACK_US` from now, of what has arrived so far. */
function ackSoon(ep: TcpEndpoint, now: VirtualTime, tell?: SocketNotice): EndpointAction {
  return {
    kind: 'schedule',
    at: advance(now, STACK_US),
    input: { kind: 'timer/ack', ack: ep.rcvNxt, echo: ep.peerTs, ...(tell ? { tell } : {}) },
  };
}

/**
 * Data arrives. Linux quick-acks the first data on a connection and data after an idle spell, otherwise
 * delays its ACK up to 40 ms, hoping to ride on a reply. A bulk write is acknowledged every second segment.
 */
export function onPayload(
  ep: TcpEndpoint,
  arrival: { readonly segment: TcpSegment; readonly packetId: number; readonly bulk?: BulkMark },
  now: VirtualTime,
): EndpointStep {
  const { segment, packetId, bulk } = arrival;
  const got = received(ep, segment);
  const notice: EndpointAction = {
    kind: 'notify',
    notice: { kind: 'received', conn: ep.conn, payload: segment.payload, from: segment.src, packetId },
  };
  if (bulk) {
    // The FTP programs count no transfer bytes; a TLS session reads every record (its record numbers).
    const step = onBulkSegment(ep, got, bulk, now);
    return { ep: step.ep, actions: [...step.actions, notice] };
  }
  const idle = ep.lastReceiveAt === undefined || now - ep.lastReceiveAt > IDLE_US;
  const quick = !ep.receivedPayload || idle;
  const next: TcpEndpoint = evolve(got, { receivedPayload: true, lastReceiveAt: now });
  // A second small pushed segment while an ACK is pending: the application's read acknowledges both at once
  // (Linux's ICSK_ACK_PUSHED2 in tcp_cleanup_rbuf), which is why a client acknowledges a 226 that follows a
  // 150 before it sends its next command.
  if (quick || ep.ackDueAt !== undefined) return { ep: next, actions: [ackSoon(got, now), notice] };
  const due = advance(now, DELAYED_ACK_US);
  return {
    ep: evolve(next, { ackDueAt: due }),
    actions: [{ kind: 'schedule', at: due, input: { kind: 'timer/delayed-ack', due } }, notice],
  };
}

function onBulkSegment(ep: TcpEndpoint, got: TcpEndpoint, bulk: BulkMark, now: VirtualTime): EndpointStep {
  const quick = bulk.n === 1 ? !ep.receivedPayload : (ep.bulkQuick ?? false);
  const acked = (quick && bulk.n === 1) || bulk.n % 2 === 0 || bulk.last;
  const next: TcpEndpoint = evolve(got, {
    receivedPayload: true,
    bulkQuick: quick,
    lastReceiveAt: acked ? now : got.lastReceiveAt,
  });
  const done = bulk.last ? evolve(next, { ackDueAt: undefined, bulkQuick: undefined }) : next;
  return { ep: done, actions: acked ? [ackSoon(got, now)] : [] };
}

export function sendAck(
  ep: TcpEndpoint,
  input: { readonly ack: number; readonly echo: number; readonly tell?: SocketNotice },
  now: VirtualTime,
): EndpointStep {
  // A socket reset meanwhile (vsftpd closed the listener it was queued on) acknowledges nothing more; the
  // ACK of a FIN that closes our own side still goes.
  if (ep.state === 'CLOSED' && !input.tell) return { ep, actions: [] };
  const sent = buildSegment(ep, now, ACK, '', { ack: input.ack, echo: input.echo });
  const tell = input.tell ? { tell: input.tell } : {};
  return { ep: sent.ep, actions: [{ kind: 'transmit', segment: sent.segment, ...tell }] };
}

/** The delayed-ACK timer: only if nothing has carried the acknowledgement since. */
export function sendDelayedAck(ep: TcpEndpoint, due: VirtualTime, now: VirtualTime): EndpointStep {
  if (ep.ackDueAt !== due || ep.state === 'CLOSED') return { ep, actions: [] };
  const sent = buildSegment(ep, now, ACK, '');
  return { ep: sent.ep, actions: [{ kind: 'transmit', segment: sent.segment }] };
}

/** A bulk write: segments of up to one MSS, back to back; done when the last one is acknowledged. */
export function startBulk(ep: TcpEndpoint, bytes: string, now: VirtualTime): EndpointStep {
  if (bytes.length === 0)
    return { ep, actions: [{ kind: 'notify', notice: { kind: 'bulk-sent', conn: ep.conn } }] };
  return sendNextBulkSegment(evolve(ep, { bulkOut: { bytes, offset: 0, n: 1 } }), now);
}

/** Back-to-back segments leave the stack 12 µs apart. */
const BULK_GAP_US = 12;

export function sendNextBulkSegment(ep: TcpEndpoint, now: VirtualTime): EndpointStep {
  const out = ep.bulkOut;
  if (!out) return { ep, actions: [] };
  const size = segmentPayload(ep);
  const last = out.offset + size >= out.bytes.length;
  const chunk = out.bytes.slice(out.offset, out.offset + size);
  const sent = buildSegment(ep, now, flags({ ack: true, psh: last }), chunk);
  const transmit: EndpointAction = { kind: 'transmit', segment: sent.segment, bulk: { n: out.n, last } };
  if (last)
    return { ep: evolve(sent.ep, { bulkOut: undefined, bulkAwait: sent.ep.sndNxt }), actions: [transmit] };
  return {
    ep: evolve(sent.ep, {
      bulkOut: { bytes: out.bytes, offset: out.offset + size, n: out.n + 1 },
    }),
    actions: [
      transmit,
      { kind: 'schedule', at: advance(now, BULK_GAP_US), input: { kind: 'timer/bulk-segment' } },
    ],
  };
}

/** A pure ACK: it may complete a bulk write. */
export function onBulkAck(ep: TcpEndpoint, ack: TcpSegment): EndpointStep {
  const got = received(ep, ack);
  if (ep.bulkAwait === undefined || ack.ack !== ep.bulkAwait) return { ep: got, actions: [] };
  return {
    ep: evolve(got, { bulkAwait: undefined }),
    actions: [{ kind: 'notify', notice: { kind: 'bulk-sent', conn: ep.conn } }],
  };
}
