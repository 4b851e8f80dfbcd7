import { describe, expect, it } from 'vitest';
import { micros, ZERO_TIME } from '../../../src/engine/clock/virtualTime';
import { createRandom } from '../../../src/engine/random';
import { createEndpoint, STACK_US, type TcpEndpoint } from '../../../src/engine/tcp/endpoint';
import { stepEndpoint, type EndpointAction } from '../../../src/engine/tcp/endpointStep';
import { synSchedule } from '../../../src/engine/tcp/synRetransmission';
import type { Ipv4, TcpSegment } from '../../../src/engine';

const client = { ip: '198.51.100.10' as Ipv4, port: 50000 };
const server = { ip: '192.0.2.21' as Ipv4, port: 21 };
const listening = { isListening: () => true };
const nobody = { isListening: () => false };

function pair(): { a: TcpEndpoint; b: TcpEndpoint } {
  return {
    a: createEndpoint('control', 'client', 'initiator', { local: client, remote: server }, createRandom(1)),
    b: createEndpoint('control', 'server', 'responder', { local: server, remote: client }, createRandom(2)),
  };
}

const transmitted = (actions: readonly EndpointAction[]) =>
  actions.flatMap((a) => (a.kind === 'transmit' ? [a.segment] : []));

/** The one segment the step sends. */
function sent(actions: readonly EndpointAction[]): TcpSegment {
  const [segment] = transmitted(actions);
  if (!segment) throw new Error('no segment sent');
  return segment;
}

describe('a TCP endpoint is a pure state machine', () => {
  it('does not change the state it is given, and gives the same answer twice', () => {
    const { a } = pair();
    const frozen = structuredClone(a);
    const input = {
      kind: 'app/connect',
      schedule: synSchedule(createRandom(3)),
      limitUs: 5_000_000,
    } as const;
    const once = stepEndpoint(a, input, ZERO_TIME, listening);
    expect(a).toEqual(frozen);
    expect(stepEndpoint(a, input, ZERO_TIME, listening)).toEqual(once);
    expect(once.ep.state).toBe('SYN_SENT');
  });

  it('opens with SYN, SYN-ACK, ACK: sequence numbers add up and each side is told when the handshake is done', () => {
    const { a, b } = pair();
    const connect = stepEndpoint(
      a,
      { kind: 'app/connect', schedule: synSchedule(createRandom(3)), limitUs: 5e6 },
      ZERO_TIME,
      listening,
    );
    const [syn] = transmitted(connect.actions);
    if (!syn) throw new Error('no SYN');
    expect(syn.flags.syn && !syn.flags.ack).toBe(true);
    // The retransmission timer and the connect deadline are scheduled, not slept on.
    expect(connect.actions.filter((x) => x.kind === 'schedule')).toHaveLength(2);

    const atServer = stepEndpoint(
      b,
      { kind: 'net/segment', segment: syn, packetId: 1 },
      micros(50),
      listening,
    );
    expect(atServer.ep.state).toBe('SYN_RECEIVED');
    const synAckStep = stepEndpoint(atServer.ep, { kind: 'timer/syn-ack' }, micros(50 + STACK_US), listening);
    const synAck = sent(synAckStep.actions);
    expect(synAck.ack).toBe((syn.seq + 1) >>> 0);

    const atClient = stepEndpoint(
      connect.ep,
      { kind: 'net/segment', segment: synAck, packetId: 2 },
      micros(100),
      listening,
    );
    expect(atClient.ep.state).toBe('ESTABLISHED');
    const ackStep = stepEndpoint(atClient.ep, { kind: 'timer/handshake-ack' }, micros(112), listening);
    const ack = ackStep.actions.find((x) => x.kind === 'transmit');
    expect(ack?.kind === 'transmit' && ack.tell).toEqual({ kind: 'connected', conn: 'control' });
    const accepted = stepEndpoint(
      synAckStep.ep,
      { kind: 'net/segment', segment: sent(ackStep.actions), packetId: 3 },
      micros(160),
      listening,
    );
    expect(accepted.ep.state).toBe('ESTABLISHED');
    expect(accepted.actions).toContainEqual({
      kind: 'notify',
      notice: { kind: 'accepted', conn: 'control' },
    });
  });

  it('refuses a SYN for a port nothing listens on, and the caller learns it from the RST', () => {
    const { a, b } = pair();
    const connect = stepEndpoint(
      a,
      { kind: 'app/connect', schedule: synSchedule(createRandom(3)), limitUs: 5e6 },
      ZERO_TIME,
      listening,
    );
    const syn = sent(connect.actions);
    const refused = stepEndpoint(b, { kind: 'net/segment', segment: syn, packetId: 7 }, micros(50), nobody);
    expect(refused.actions).toEqual([{ kind: 'refuse', syn, packetId: 7 }]);
    const rst = {
      ...syn,
      src: syn.dst,
      dst: syn.src,
      flags: { ...syn.flags, syn: false, rst: true, ack: true },
    };
    const failed = stepEndpoint(
      connect.ep,
      { kind: 'net/segment', segment: rst, packetId: 8 },
      micros(100),
      listening,
    );
    expect(failed.ep.state).toBe('CLOSED');
    expect(failed.actions).toEqual([
      { kind: 'notify', notice: { kind: 'connect-failed', conn: 'control', why: 'refused' } },
    ]);
    // A late retransmission timer finds nothing to do.
    expect(
      stepEndpoint(failed.ep, { kind: 'timer/syn-retry', n: 1 }, micros(1_000_000), listening).actions,
    ).toEqual([]);
  });

  it('gives up at the application’s limit when it comes before the kernel’s', () => {
    const { a } = pair();
    const connect = stepEndpoint(
      a,
      { kind: 'app/connect', schedule: synSchedule(createRandom(3)), limitUs: 5e6 },
      ZERO_TIME,
      listening,
    );
    const deadline = connect.actions.find(
      (x) => x.kind === 'schedule' && x.input.kind === 'timer/connect-deadline',
    );
    expect(deadline?.kind === 'schedule' && deadline.at).toBe(5_000_000);
    const gaveUp = stepEndpoint(
      connect.ep,
      { kind: 'timer/connect-deadline', why: 'timeout' },
      micros(5e6),
      listening,
    );
    expect(gaveUp.actions).toEqual([
      { kind: 'notify', notice: { kind: 'connect-failed', conn: 'control', why: 'timeout' } },
    ]);
  });
});
