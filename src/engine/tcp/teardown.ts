import type { VirtualTime } from '../clock/virtualTime';
import { advance } from '../clock/virtualTime';
import { buildSegment, evolve, received, STACK_US, type TcpEndpoint } from './endpoint';
import type { EndpointStep } from './endpointStep';
import { flags, type TcpSegment } from './segment';

const FIN_ACK = flags({ fin: true, ack: true });

/** close(): FIN. The peer's application answers with its own FIN, and the last ACK ends it. */
export function startClose(ep: TcpEndpoint, now: VirtualTime): EndpointStep {
  const sent = buildSegment(ep, now, FIN_ACK, '');
  const state = ep.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT';
  return { ep: evolve(sent.ep, { state }), actions: [{ kind: 'transmit', segment: sent.segment }] };
}

/** A process exits with the socket still open: its kernel resets the connection. */
export function startReset(ep: TcpEndpoint, now: VirtualTime): EndpointStep {
  const sent = buildSegment(ep, now, flags({ rst: true, ack: true }), '');
  return { ep: evolve(sent.ep, { state: 'CLOSED' }), actions: [{ kind: 'transmit', segment: sent.segment }] };
}

/**
 * Data for a socket its program has already closed (an orphan in FIN_WAIT): Linux aborts it and answers
 * from the stack alone (tcp_v4_send_reset): a bare RST whose sequence number is the segment's
 * acknowledgement, no ACK flag, window 0, no options, IP id 0, as tests/lab measured vsftpd's kernel
 * answering curl's close_notify after 221 (`Flags [R], win 0`, in every run).
 */
export function resetForData(ep: TcpEndpoint, data: TcpSegment, now: VirtualTime): EndpointStep {
  const sent = buildSegment(ep, now, flags({ rst: true }), '');
  const segment: TcpSegment = {
    ...sent.segment,
    seq: data.ack,
    ack: 0,
    window: 0,
    options: {},
    ip: { ...sent.segment.ip, id: 0 },
  };
  return { ep: evolve(sent.ep, { state: 'CLOSED' }), actions: [{ kind: 'transmit', segment }] };
}

export function onReset(ep: TcpEndpoint, rst: TcpSegment): EndpointStep {
  const closed: TcpEndpoint = evolve(received(ep, rst), { state: 'CLOSED' });
  // Our FIN went after the peer's, and the peer reset instead of its last ACK: the close is over all the same.
  if (ep.state === 'LAST_ACK')
    return { ep: closed, actions: [{ kind: 'notify', notice: { kind: 'closed', conn: ep.conn } }] };
  if (ep.state !== 'SYN_SENT') return { ep: closed, actions: [] };
  return {
    ep: closed,
    actions: [{ kind: 'notify', notice: { kind: 'connect-failed', conn: ep.conn, why: 'refused' } }],
  };
}

/**
 * The peer's FIN. The application reads end-of-file and closes in turn, its FIN carrying the ACK; a
 * connection no application accepted is acknowledged by the kernel alone. In reply to our own FIN, the
 * last ACK closes the connection.
 */
export function onFin(ep: TcpEndpoint, fin: TcpSegment, now: VirtualTime): EndpointStep {
  const got = received(ep, fin);
  const ackSoon = (tell?: {
    kind: 'closed';
    conn: TcpEndpoint['conn'];
  }): EndpointStep['actions'][number] => ({
    kind: 'schedule',
    at: advance(now, STACK_US),
    input: { kind: 'timer/ack', ack: got.rcvNxt, echo: got.peerTs, ...(tell ? { tell } : {}) },
  });
  if (ep.state === 'FIN_WAIT')
    return { ep: evolve(got, { state: 'CLOSED' }), actions: [ackSoon({ kind: 'closed', conn: ep.conn })] };
  if (!ep.owned) return { ep: evolve(got, { state: 'CLOSE_WAIT' }), actions: [ackSoon()] };
  return {
    ep: evolve(got, { ackDueAt: undefined, state: 'CLOSE_WAIT' }),
    actions: [{ kind: 'notify', notice: { kind: 'peer-closed', conn: ep.conn } }],
  };
}

export function onFinalAck(ep: TcpEndpoint, ack: TcpSegment): EndpointStep {
  return {
    ep: evolve(received(ep, ack), { state: 'CLOSED' }),
    actions: [{ kind: 'notify', notice: { kind: 'closed', conn: ep.conn } }],
  };
}
