import { isPacketEvent, type ConnId, type HostId, type StepEvent } from '../events/stepEvent';
import type { Endpoint } from '../net/address';

/** RFC 793 states, simplified to what a learner needs to see on a host. */
export type SocketState =
  'LISTEN' | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'TIME_WAIT' | 'CLOSED';

export interface SocketEntry {
  readonly host: HostId;
  readonly conn: ConnId;
  /** The socket's own address, as its host sees it. */
  readonly local: Endpoint;
  /** The peer, as this host sees it (absent for a listening socket). */
  readonly remote?: Endpoint;
  readonly state: SocketState;
}

type Mutable = { -readonly [K in keyof SocketEntry]: SocketEntry[K] };

/**
 * The sockets each host holds after the event at `cursor`: listening sockets, and each end of every
 * connection with its state. Derived from the events alone, so the UI never re-implements TCP.
 */
export function socketTable(events: readonly StepEvent[], cursor: number): SocketEntry[] {
  const listening: Mutable[] = [];
  const ends = new Map<string, Mutable>();
  const key = (host: HostId, conn: ConnId) => `${host} ${conn}`;
  const set = (host: HostId, conn: ConnId, local: Endpoint, remote: Endpoint, state: SocketState) => {
    const existing = ends.get(key(host, conn));
    if (existing) existing.state = state;
    else ends.set(key(host, conn), { host, conn, local, remote, state });
  };
  const get = (host: HostId, conn: ConnId) => ends.get(key(host, conn));

  for (const e of events.slice(0, cursor + 1)) {
    if (e.kind === 'socket/listening')
      listening.push({ host: e.host, conn: e.conn, local: e.endpoint, state: 'LISTEN' });
    if (e.kind === 'socket/closed') {
      const i = listening.findIndex(
        (l) => l.host === e.host && l.local.ip === e.endpoint.ip && l.local.port === e.endpoint.port,
      );
      if (i >= 0) listening.splice(i, 1);
    }
    if (e.kind === 'timer/expired') {
      const end = get(e.host, e.conn);
      if (end && end.state === 'SYN_SENT') end.state = 'CLOSED';
    }
    if (!isPacketEvent(e)) continue;
    const { packet } = e;
    if (packet.from !== 'client' && packet.from !== 'server') {
      // A router's RST: the connection attempt it answers is over.
      const end = get(packet.from === 'server-router' ? 'client' : 'server', packet.conn);
      if (end && packet.fate.kind === 'delivered') end.state = 'CLOSED';
      continue;
    }
    const sender: HostId = packet.from;
    const receiver: HostId = sender === 'client' ? 'server' : 'client';
    const sent = packet.views[sender]?.segment ?? packet.segment;
    // A captured packet was recorded at one point only: the receiver saw it as captured.
    const arrived = packet.views[receiver]?.segment ?? (packet.captured ? packet.segment : undefined);
    const got = packet.fate.kind === 'delivered' ? arrived : undefined;
    const f = sent.flags;
    const mine = get(sender, packet.conn);
    const theirs = get(receiver, packet.conn);

    if (f.rst) {
      if (mine) mine.state = 'CLOSED';
      if (got && theirs) theirs.state = 'CLOSED';
    } else if (f.syn && !f.ack) {
      set(sender, packet.conn, sent.src, sent.dst, 'SYN_SENT');
      if (got) set(receiver, packet.conn, got.dst, got.src, 'SYN_RECEIVED');
    } else if (f.syn && f.ack) {
      if (got && theirs) theirs.state = 'ESTABLISHED';
    } else if (f.fin) {
      if (mine) mine.state = mine.state === 'CLOSE_WAIT' ? 'CLOSED' : 'FIN_WAIT';
      if (got && theirs) theirs.state = theirs.state === 'FIN_WAIT' ? 'TIME_WAIT' : 'CLOSE_WAIT';
    } else if (got && theirs) {
      if (theirs.state === 'SYN_RECEIVED') theirs.state = 'ESTABLISHED';
      // The last ACK of a close: the side that closed second is done.
      if (theirs.state === 'CLOSED' || (theirs.state === 'FIN_WAIT' && mine?.state === 'CLOSED'))
        theirs.state = 'CLOSED';
    }
  }
  return [...listening, ...ends.values()];
}
