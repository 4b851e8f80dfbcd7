import { assertNever, isPacketEvent, type DeviceId, type Packet, type StepEvent } from '../engine';
import { msg } from './scenarios';
import type { Message } from './types';

/**
 * One step of a session in protocol terms, the way a learner predicts it: who sends what to which port,
 * or that a device drops the packet. Pure ACKs, retransmissions and bookkeeping events (NAT, conntrack,
 * sockets, timers) are not moves: they are never what "comes next" in a question.
 */
export type Move =
  | { readonly kind: 'command'; readonly sender: DeviceId; readonly verb: string; readonly port: number }
  | { readonly kind: 'reply'; readonly sender: DeviceId; readonly code: number; readonly port: number }
  /** A segment without payload that is more than an ACK: `SYN`, `SYN, ACK`, `RST, ACK`, `FIN, ACK`. */
  | { readonly kind: 'segment'; readonly sender: DeviceId; readonly flags: string; readonly port: number }
  /** Bytes on a data connection (a listing or a file). */
  | { readonly kind: 'data'; readonly sender: DeviceId; readonly port: number }
  /** A device stops the packet: a firewall rule, or no route to a private address. */
  | { readonly kind: 'drop'; readonly device: DeviceId; readonly noRoute: boolean };

export interface MoveStep {
  /** The event's index in the simulation. */
  readonly index: number;
  readonly move: Move;
  /** A step worth asking about (a data-connection set-up, a decisive reply, a drop), not routine login. */
  readonly interesting: boolean;
}

function flagText(p: Packet): string {
  const f = p.segment.flags;
  // Wireshark's order, as the engine's flagLabel; only the flags that make a segment more than an ACK.
  return [f.fin && 'FIN', f.syn && 'SYN', f.rst && 'RST', f.ack && 'ACK'].filter(Boolean).join(', ');
}

/** Commands and replies that decide how the data connection is made or how a transfer ends. */
const KEY_COMMANDS = new Set(['PORT', 'EPRT', 'PASV', 'EPSV', 'LIST', 'RETR', 'STOR']);
const KEY_REPLIES = new Set([150, 226, 227, 229, 425, 500, 550, 553]);

/** The session's moves in order, each with the index of the event it comes from. */
export function moveSteps(events: readonly StepEvent[]): MoveStep[] {
  const packets = new Map<number, Packet>();
  const out: MoveStep[] = [];
  let lastMove: Move | undefined;
  for (const e of events) {
    let move: Move | undefined;
    let interesting = false;
    if (isPacketEvent(e)) {
      const p = e.packet;
      packets.set(p.id, p);
      if (p.retransmission > 0) continue;
      const port = p.segment.dst.port;
      if (e.kind === 'ftp/command-sent') {
        move = { kind: 'command', sender: p.from, verb: e.command.verb, port };
        interesting = KEY_COMMANDS.has(e.command.verb);
      } else if (e.kind === 'ftp/reply-sent') {
        move = { kind: 'reply', sender: p.from, code: e.reply.code, port };
        // A 200 is decisive only as the answer to PORT/EPRT (the server accepts the address).
        interesting =
          KEY_REPLIES.has(e.reply.code) ||
          (e.reply.code === 200 &&
            lastMove?.kind === 'command' &&
            (lastMove.verb === 'PORT' || lastMove.verb === 'EPRT'));
      } else if (p.segment.payload.length > 0) {
        move = { kind: 'data', sender: p.from, port };
        // The first bytes on a data connection: which side sends them.
        interesting = p.conn !== 'control' && lastMove?.kind !== 'data';
      } else {
        const f = p.segment.flags;
        if (!f.syn && !f.fin && !f.rst) continue; // a pure ACK
        move = { kind: 'segment', sender: p.from, flags: flagText(p), port };
        interesting = p.conn !== 'control' && (f.syn || f.rst);
      }
    } else if (e.kind === 'fw/verdict' && e.verdict.action === 'drop') {
      const p = packets.get(e.packetId);
      if (p && p.retransmission > 0) continue;
      move = { kind: 'drop', device: e.device, noRoute: e.verdict.rule.id === 'no-route-private' };
      interesting = true;
    }
    if (move) {
      out.push({ index: e.index, move, interesting });
      lastMove = move;
    }
  }
  return out;
}

export const device = (id: DeviceId): Message => msg(`devices.${id}`);

export function moveMessage(m: Move): Message {
  switch (m.kind) {
    case 'command':
      return msg('quiz.move.command', { sender: device(m.sender), verb: m.verb, port: m.port });
    case 'reply':
      return msg('quiz.move.reply', { sender: device(m.sender), code: m.code, port: m.port });
    case 'segment':
      return msg('quiz.move.segment', { sender: device(m.sender), flags: m.flags, port: m.port });
    case 'data':
      return msg('quiz.move.data', { sender: device(m.sender), port: m.port });
    case 'drop':
      return msg(m.noRoute ? 'quiz.move.noRoute' : 'quiz.move.drop', { device: device(m.device) });
    default:
      return assertNever(m);
  }
}
