import { isPacketEvent, type ConnId, type StepEvent } from '../events/stepEvent';
import type { FtpCommand } from '../ftp/messages';
import { assertNever } from '../events/assertNever';

/**
 * A moment of a session, named by what happens there rather than by its position, so that a chapter
 * reads the same whatever the seed (ports, sequence numbers) and whatever the engine adds around it. Each
 * names the first event of the session that matches.
 */
export type Stop =
  /** A SYN without ACK opening a connection (its first transmission). */
  | { readonly kind: 'syn'; readonly conn: ConnKind }
  /** The SYN-ACK that answers it. */
  | { readonly kind: 'syn-ack'; readonly conn: ConnKind }
  /** A SYN sent again because nothing answered. */
  | { readonly kind: 'retransmission'; readonly conn: ConnKind }
  /** A firewall's verdict on a packet of that connection. */
  | { readonly kind: 'verdict'; readonly conn: ConnKind }
  /** The client sends this command. */
  | { readonly kind: 'command'; readonly verb: FtpCommand['verb'] }
  /** A reply the server sends: the first one, or the first after the command `after` (with this code). */
  | { readonly kind: 'reply'; readonly after?: FtpCommand['verb']; readonly code?: number }
  /** The FTP helper rewrites a PORT or 227 on its way. */
  | { readonly kind: 'rewrite' }
  /** The session's end (its outcome). */
  | { readonly kind: 'end' };

export type ConnKind = 'control' | 'data';

function connIs(conn: ConnId, kind: ConnKind): boolean {
  return kind === 'control' ? conn === 'control' : conn !== 'control';
}

/** The index of the event a stop names, or undefined when the session has no such moment. */
export function findStop(events: readonly StepEvent[], stop: Stop): number | undefined {
  const first = (from: number, test: (e: StepEvent) => boolean): number | undefined => {
    for (let i = from; i < events.length; i++) {
      const e = events[i];
      if (e && test(e)) return i;
    }
    return undefined;
  };
  switch (stop.kind) {
    case 'syn':
    case 'syn-ack': {
      const ack = stop.kind === 'syn-ack';
      return first(
        0,
        (e) =>
          isPacketEvent(e) &&
          connIs(e.packet.conn, stop.conn) &&
          e.packet.segment.flags.syn &&
          e.packet.segment.flags.ack === ack &&
          e.packet.retransmission === 0,
      );
    }
    case 'retransmission':
      return first(
        0,
        (e) => isPacketEvent(e) && connIs(e.packet.conn, stop.conn) && e.packet.retransmission > 0,
      );
    case 'verdict':
      return first(0, (e) => e.kind === 'fw/verdict' && connIs(e.conn, stop.conn));
    case 'command':
      return first(0, (e) => e.kind === 'ftp/command-sent' && e.command.verb === stop.verb);
    case 'reply': {
      const after =
        stop.after === undefined
          ? 0
          : first(0, (e) => e.kind === 'ftp/command-sent' && e.command.verb === stop.after);
      if (after === undefined) return undefined;
      return first(
        after,
        (e) => e.kind === 'ftp/reply-sent' && (stop.code === undefined || e.reply.code === stop.code),
      );
    }
    case 'rewrite':
      return first(0, (e) => e.kind === 'nat/payload-rewritten');
    case 'end':
      return first(0, (e) => e.kind === 'session/finished');
    default:
      return assertNever(stop);
  }
}
