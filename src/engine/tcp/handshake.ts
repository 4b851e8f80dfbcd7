import { advance, type VirtualTime } from '../clock/virtualTime';
import { buildSegment, evolve, received, STACK_US, type TcpEndpoint } from './endpoint';
import type { EndpointContext, EndpointStep } from './endpointStep';
import { flags, type TcpSegment } from './segment';
import type { SynSchedule } from './synRetransmission';

const SYN = flags({ syn: true });
const SYN_ACK = flags({ syn: true, ack: true });
const ACK = flags({ ack: true });

/**
 * connect(): the first SYN, the kernel's retransmissions (synRetransmission.ts), and the moment the
 * caller stops waiting: the application's own limit or the kernel's ETIMEDOUT, whichever comes first.
 */
export function startConnect(
  ep: TcpEndpoint,
  schedule: SynSchedule,
  limitUs: number,
  now: VirtualTime,
): EndpointStep {
  const connecting: TcpEndpoint = evolve(ep, {
    state: 'SYN_SENT',
    connect: { synSeq: ep.sndNxt, schedule, limitUs, startedAt: now },
  });
  const sent = buildSegment(connecting, now, SYN, '');
  const kernelFirst = schedule.giveUpAt < limitUs;
  return {
    ep: sent.ep,
    actions: [
      { kind: 'transmit', segment: sent.segment, retransmission: 0 },
      ...nextRetry(connecting, 1),
      {
        kind: 'schedule',
        at: advance(now, kernelFirst ? schedule.giveUpAt : limitUs),
        input: { kind: 'timer/connect-deadline', why: kernelFirst ? 'syn-retries-exhausted' : 'timeout' },
      },
    ],
  };
}

function nextRetry(ep: TcpEndpoint, n: number): EndpointStep['actions'] {
  const c = ep.connect;
  const offset = c?.schedule.retransmitAt[n - 1];
  if (!c || offset === undefined || offset >= c.limitUs) return [];
  return [{ kind: 'schedule', at: advance(c.startedAt, offset), input: { kind: 'timer/syn-retry', n } }];
}

/** Linux resends an unanswered SYN with its first sequence number. */
export function retrySyn(ep: TcpEndpoint, n: number, now: VirtualTime): EndpointStep {
  if (ep.state !== 'SYN_SENT' || !ep.connect) return { ep, actions: [] };
  const sent = buildSegment(ep, now, SYN, '', { seq: ep.connect.synSeq });
  return {
    ep: sent.ep,
    actions: [{ kind: 'transmit', segment: sent.segment, retransmission: n }, ...nextRetry(ep, n + 1)],
  };
}

export function giveUp(ep: TcpEndpoint, why: 'timeout' | 'syn-retries-exhausted'): EndpointStep {
  if (ep.state !== 'SYN_SENT') return { ep, actions: [] };
  return {
    ep: evolve(ep, { state: 'CLOSED' }),
    actions: [{ kind: 'notify', notice: { kind: 'connect-failed', conn: ep.conn, why } }],
  };
}

/** A SYN at the responder: a listening socket answers SYN-ACK; otherwise the host's stack refuses it. */
export function onSyn(
  ep: TcpEndpoint,
  syn: TcpSegment,
  packetId: number,
  now: VirtualTime,
  ctx: EndpointContext,
): EndpointStep {
  if (ep.state !== 'CLOSED' && ep.state !== 'SYN_RECEIVED') return { ep, actions: [] };
  if (!ctx.isListening(ep.host, syn.dst)) return { ep, actions: [{ kind: 'refuse', syn, packetId }] };
  // The responder's view of the addresses is what arrived, after any NAT on the way.
  const learnt = received(evolve(ep, { state: 'SYN_RECEIVED', local: syn.dst, remote: syn.src }), syn);
  return {
    ep: learnt,
    actions: [{ kind: 'schedule', at: advance(now, STACK_US), input: { kind: 'timer/syn-ack' } }],
  };
}

export function sendSynAck(ep: TcpEndpoint, now: VirtualTime): EndpointStep {
  const sent = buildSegment(ep, now, SYN_ACK, '');
  return { ep: sent.ep, actions: [{ kind: 'transmit', segment: sent.segment }] };
}

export function onSynAck(ep: TcpEndpoint, synAck: TcpSegment, now: VirtualTime): EndpointStep {
  if (ep.state !== 'SYN_SENT') return { ep, actions: [] };
  return {
    ep: evolve(received(ep, synAck), { connect: undefined, state: 'ESTABLISHED' }),
    actions: [{ kind: 'schedule', at: advance(now, STACK_US), input: { kind: 'timer/handshake-ack' } }],
  };
}

/** The third segment of the handshake; the caller of connect() goes on once the peer has it. */
export function sendHandshakeAck(ep: TcpEndpoint, now: VirtualTime): EndpointStep {
  const sent = buildSegment(ep, now, ACK, '');
  return {
    ep: sent.ep,
    actions: [{ kind: 'transmit', segment: sent.segment, tell: { kind: 'connected', conn: ep.conn } }],
  };
}

export function onHandshakeAck(ep: TcpEndpoint, ack: TcpSegment): EndpointStep {
  return {
    ep: evolve(received(ep, ack), { state: 'ESTABLISHED' }),
    actions: [{ kind: 'notify', notice: { kind: 'accepted', conn: ep.conn } }],
  };
}
