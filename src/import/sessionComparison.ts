/**
 * A captured session held against the simulation of the scenario it suggests: both cut into the engine's
 * phases (`sessionPhases`: control, then per transfer mode, data, transfer, and the end) so they can be
 * drawn side by side, and the first difference between what each shows.
 *
 * Only what both can show is compared, in order within each phase: the commands the engine knows (a real
 * client's SYST, FEAT or PWD is not a difference) and the replies to them, each connection (who opened it,
 * and whether it was established, refused or never answered), each transfer's outcome and the session's.
 * Packets one by one are not: a real stack acknowledges, retransmits and splits data its own way.
 */
import {
  FTP_COMMAND_VERBS,
  isPacketEvent,
  sessionPhases,
  SESSION_PHASES,
  type DeviceId,
  type FailureReason,
  type SessionPhase,
  type StepEvent,
} from '../engine';

/** Something a session shows that a capture and a simulation can both show. */
export type ObservedFact =
  | { readonly kind: 'command'; readonly verb: string }
  | { readonly kind: 'reply'; readonly code: number }
  | {
      readonly kind: 'connection';
      readonly conn: 'control' | 'data';
      /** Who sent its first SYN. */
      readonly opener: DeviceId;
      readonly result: ConnectionResult;
    }
  | {
      readonly kind: 'transfer';
      readonly verb: string;
      readonly outcome: 'success' | 'failed';
      readonly reason?: FailureReason;
    }
  | { readonly kind: 'session'; readonly outcome: 'success' | 'failed' };

/** established: the SYN was answered with SYN-ACK; refused: with a reset; unanswered: with nothing. */
export type ConnectionResult = 'established' | 'refused' | 'unanswered';

export interface ObservedAt {
  readonly fact: ObservedFact;
  /** The event that shows it (a connection: its first SYN). */
  readonly index: number;
  readonly phase: SessionPhase;
}

/** One phase on both sides: the events of each (inclusive), absent on a side that never went through it. */
export interface AlignedPhase {
  readonly phase: SessionPhase;
  readonly capture?: { readonly from: number; readonly to: number };
  readonly simulation?: { readonly from: number; readonly to: number };
}

/**
 * Where one side stands at the difference: the event showing its fact, or (no such fact) its last event of
 * the phase, or (no such phase) its last event before it.
 */
export interface DifferenceSide {
  readonly index?: number;
  readonly fact?: ObservedFact;
}

export interface SessionDifference {
  readonly phase: SessionPhase;
  readonly capture: DifferenceSide;
  readonly simulation: DifferenceSide;
}

export interface SessionComparison {
  readonly phases: readonly AlignedPhase[];
  /** The first thing one side shows and the other does not (absent: they agree on every fact). */
  readonly firstDifference?: SessionDifference;
}

/** The commands the engine sends: only these are held against a capture. */
const ENGINE_VERBS: ReadonlySet<string> = new Set(FTP_COMMAND_VERBS);

/** (transfer, phase) as one number that only grows through a session. */
export const phaseRank = (p: SessionPhase): number =>
  p.transfer * SESSION_PHASES.length + SESSION_PHASES.indexOf(p.phase);

/** How each connection of a session went, from its packets. */
function connectionResults(
  events: readonly StepEvent[],
): Map<string, { opener: DeviceId; result: ConnectionResult }> {
  const out = new Map<string, { opener: DeviceId; result: ConnectionResult }>();
  for (const e of events) {
    if (!isPacketEvent(e)) continue;
    const { conn, segment, fate, from } = e.packet;
    const known = out.get(conn);
    if (!known) {
      if (!segment.flags.syn || segment.flags.ack) continue; // it was open before the capture began
      out.set(conn, { opener: from, result: fate.kind === 'refused' ? 'refused' : 'unanswered' });
      continue;
    }
    if (known.result !== 'unanswered') continue;
    if (segment.flags.syn && segment.flags.ack && fate.kind === 'delivered') known.result = 'established';
    else if (segment.flags.rst && from !== known.opener) known.result = 'refused';
    else if (segment.flags.syn && fate.kind === 'refused') known.result = 'refused';
  }
  return out;
}

/** What the session shows that the other side could show too, in event order, each with its phase. */
export function observedFacts(events: readonly StepEvent[]): ObservedAt[] {
  const phases = sessionPhases(events);
  const connections = connectionResults(events);
  const opened = new Set<string>();
  const facts: ObservedAt[] = [];
  // Replies answer the last command: those to a command the engine does not send are not compared.
  let answering = true;
  events.forEach((e, index) => {
    const phase = phases[index] as SessionPhase;
    const push = (fact: ObservedFact): void => void facts.push({ fact, index, phase });
    switch (e.kind) {
      case 'ftp/command-sent':
        answering = ENGINE_VERBS.has(e.command.verb);
        if (answering) push({ kind: 'command', verb: e.command.verb });
        return;
      case 'ftp/reply-sent':
        if (answering) push({ kind: 'reply', code: e.reply.code });
        return;
      case 'tcp/segment-sent': {
        const { conn, segment } = e.packet;
        const connection = connections.get(conn);
        if (!connection || opened.has(conn) || !segment.flags.syn || segment.flags.ack) return;
        opened.add(conn);
        push({ kind: 'connection', conn: conn === 'control' ? 'control' : 'data', ...connection });
        return;
      }
      case 'transfer/finished': {
        const { command, outcome, reason } = e.transfer;
        const verb = command.split(' ')[0] ?? command;
        push(reason ? { kind: 'transfer', verb, outcome, reason } : { kind: 'transfer', verb, outcome });
        return;
      }
      case 'session/finished':
        push({ kind: 'session', outcome: e.outcome });
        return;
      default:
        return;
    }
  });
  return facts;
}

export function sameFact(a: ObservedFact, b: ObservedFact): boolean {
  switch (a.kind) {
    case 'command':
      return b.kind === 'command' && a.verb === b.verb;
    case 'reply':
      return b.kind === 'reply' && a.code === b.code;
    case 'connection':
      return b.kind === 'connection' && a.conn === b.conn && a.opener === b.opener && a.result === b.result;
    case 'transfer':
      return b.kind === 'transfer' && a.verb === b.verb && a.outcome === b.outcome && a.reason === b.reason;
    case 'session':
      return b.kind === 'session' && a.outcome === b.outcome;
  }
}

/** The events of each phase, by rank: the first and last index. */
function phaseSpans(
  events: readonly StepEvent[],
): Map<number, { phase: SessionPhase; from: number; to: number }> {
  const out = new Map<number, { phase: SessionPhase; from: number; to: number }>();
  sessionPhases(events).forEach((phase, i) => {
    const rank = phaseRank(phase);
    const known = out.get(rank);
    if (known) known.to = i;
    else out.set(rank, { phase, from: i, to: i });
  });
  return out;
}

function groupByRank(facts: readonly ObservedAt[]): Map<number, ObservedAt[]> {
  const out = new Map<number, ObservedAt[]>();
  for (const f of facts) {
    const rank = phaseRank(f.phase);
    out.set(rank, [...(out.get(rank) ?? []), f]);
  }
  return out;
}

/**
 * The capture and the simulation phase by phase, and the first fact where they part: within the first
 * phase (in session order) whose facts differ, the first fact one side shows and the other does not
 * show at that place.
 */
export function compareSessions(
  captured: readonly StepEvent[],
  simulated: readonly StepEvent[],
): SessionComparison {
  const spans = [phaseSpans(captured), phaseSpans(simulated)] as const;
  const ranks = [...new Set([...spans[0].keys(), ...spans[1].keys()])].sort((x, y) => x - y);
  const phases: AlignedPhase[] = ranks.map((rank) => {
    const [c, s] = [spans[0].get(rank), spans[1].get(rank)];
    return {
      phase: (c ?? s)?.phase as SessionPhase,
      ...(c ? { capture: { from: c.from, to: c.to } } : {}),
      ...(s ? { simulation: { from: s.from, to: s.to } } : {}),
    };
  });

  const facts = [groupByRank(observedFacts(captured)), groupByRank(observedFacts(simulated))] as const;
  // Each side's last event so far: where a side that never reaches a phase stands meanwhile.
  let reached: [number | undefined, number | undefined] = [undefined, undefined];
  for (const aligned of phases) {
    const rank = phaseRank(aligned.phase);
    const [c, s] = [facts[0].get(rank) ?? [], facts[1].get(rank) ?? []];
    for (let i = 0; i < Math.max(c.length, s.length); i++) {
      const [a, b] = [c[i], s[i]];
      if (a && b && sameFact(a.fact, b.fact)) continue;
      const side = (
        at: ObservedAt | undefined,
        span: AlignedPhase['capture'],
        before?: number,
      ): DifferenceSide =>
        at
          ? { index: at.index, fact: at.fact }
          : span
            ? { index: span.to }
            : before === undefined
              ? {}
              : { index: before };
      return {
        phases,
        firstDifference: {
          phase: aligned.phase,
          capture: side(a, aligned.capture, reached[0]),
          simulation: side(b, aligned.simulation, reached[1]),
        },
      };
    }
    reached = [aligned.capture?.to ?? reached[0], aligned.simulation?.to ?? reached[1]];
  }
  return { phases };
}
