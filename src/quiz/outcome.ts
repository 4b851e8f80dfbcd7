import {
  assertNever,
  eventOfPacket,
  isPacketEvent,
  type DeviceId,
  type Simulation,
  type StepEvent,
} from '../engine';
import { device } from './moves';
import { msg } from './scenarios';
import type { Message } from './types';

/**
 * How a transfer ended, as a learner would state it: it worked, or which packet died where (and which
 * reply the user then sees). Read from the simulation's transfer summary and the failed packet's fate.
 */
export type Outcome =
  | { readonly kind: 'success'; readonly code: number }
  /** The data connection's SYN from `sender` was dropped by `device` (a firewall, or no route). */
  | {
      readonly kind: 'dropped';
      readonly sender: DeviceId;
      readonly device: DeviceId;
      readonly noRoute: boolean;
      readonly code: number;
    }
  /** The data connection's SYN was answered with a reset by `device`. */
  | { readonly kind: 'refused'; readonly sender: DeviceId; readonly device: DeviceId; readonly code: number }
  /** The server refused the PORT/EPRT address. */
  | { readonly kind: 'rejected'; readonly verb: string; readonly code: number }
  /** The server refused the transfer itself (no such file, no uploads). */
  | { readonly kind: 'refusedTransfer'; readonly code: number };

export interface KeyedOutcome {
  readonly outcome: Outcome;
  /** The step where it went wrong (the dropped or refused packet, the refusing reply), or the transfer's end. */
  readonly step: number;
  /** The events that explain it, in order (their narration is the explanation). */
  readonly explain: readonly StepEvent[];
}

/** The outcome of the simulation's `k`-th transfer (0-based). */
export function transferOutcome(sim: Simulation, k = 0): KeyedOutcome {
  const t = sim.transfers[k];
  if (!t) throw new Error(`the simulation has no transfer ${k}`);
  const finished = sim.events.find((e) => e.kind === 'transfer/finished' && e.transfer.index === t.index);
  if (!finished) throw new Error(`transfer ${t.index} has no transfer/finished event`);
  const code = t.replyCodes[t.replyCodes.length - 1] ?? 0;
  if (t.outcome === 'success') {
    return { outcome: { kind: 'success', code }, step: finished.index, explain: [finished] };
  }
  const failedAt = t.failedPacket === undefined ? undefined : eventOfPacket(sim.events, t.failedPacket);
  const step = failedAt?.index ?? finished.index;
  if (failedAt && isPacketEvent(failedAt)) {
    const p = failedAt.packet;
    const fate = p.fate;
    if (fate.kind === 'dropped') {
      const verdict = sim.events.find(
        (e) => e.kind === 'fw/verdict' && e.packetId === p.id && e.verdict.action === 'drop',
      );
      return {
        outcome: {
          kind: 'dropped',
          sender: p.from,
          device: fate.device,
          noRoute: fate.rule.id === 'no-route-private',
          code,
        },
        step,
        explain: verdict ? [verdict, finished] : [failedAt, finished],
      };
    }
    if (fate.kind === 'refused') {
      const reset = sim.events.find(
        (e) =>
          isPacketEvent(e) &&
          e.index > failedAt.index &&
          e.packet.conn === p.conn &&
          e.packet.segment.flags.rst,
      );
      return {
        outcome: { kind: 'refused', sender: p.from, device: fate.device, code },
        step,
        explain: reset ? [reset, finished] : [finished],
      };
    }
    if (t.reason === 'port-rejected') {
      // The address command the server refused: the last PORT/EPRT before the refusing reply.
      const command = sim.events
        .slice(0, failedAt.index)
        .reverse()
        .find(
          (e) => e.kind === 'ftp/command-sent' && (e.command.verb === 'PORT' || e.command.verb === 'EPRT'),
        );
      const verb = command?.kind === 'ftp/command-sent' ? command.command.verb : 'PORT';
      return { outcome: { kind: 'rejected', verb, code }, step, explain: [failedAt, finished] };
    }
    return { outcome: { kind: 'refusedTransfer', code }, step, explain: [failedAt, finished] };
  }
  return { outcome: { kind: 'refusedTransfer', code }, step, explain: [finished] };
}

export function outcomeMessage(o: Outcome): Message {
  switch (o.kind) {
    case 'success':
      return msg('quiz.outcome.success', { code: o.code });
    case 'dropped':
      return msg(o.noRoute ? 'quiz.outcome.noRoute' : 'quiz.outcome.dropped', {
        sender: device(o.sender),
        device: device(o.device),
        code: o.code,
      });
    case 'refused':
      return msg('quiz.outcome.refused', {
        sender: device(o.sender),
        device: device(o.device),
        code: o.code,
      });
    case 'rejected':
      return msg('quiz.outcome.rejected', { verb: o.verb, code: o.code });
    case 'refusedTransfer':
      return msg('quiz.outcome.refusedTransfer', { code: o.code });
    default:
      return assertNever(o);
  }
}
