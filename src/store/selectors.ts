// The engine's light surface: the selectors are part of the first load, the simulation is not.
import { eventConn, eventOfPacket, isPacketEvent, type StepEvent } from '../engine/basics';
import type { SimState } from './simStore';

export const selectScenario = (s: SimState) => s.scenario;
export const selectEvents = (s: SimState) => s.events;
export const selectCursor = (s: SimState) => s.cursor;
export const selectPlaying = (s: SimState) => s.playing;
export const selectOutcome = (s: SimState) => s.outcome;
/** The session's last event, where a client program that reports its exit (curl) says how it ended. */
export const selectSessionEnd = (s: SimState): StepEvent | undefined => {
  const last = s.events.at(-1);
  return last?.kind === 'session/finished' && last.client ? last : undefined;
};
export const selectCurrentEvent = (s: SimState): StepEvent | undefined => s.events[s.cursor];
/** A new array on every call: read it with `useShallow`. */
export const selectVisibleEvents = (s: SimState) => s.events.slice(0, s.cursor + 1);
export const selectStepCount = (s: SimState) => s.events.length;
export const selectAtStart = (s: SimState) => s.cursor <= 0;
export const selectAtEnd = (s: SimState) => s.cursor >= s.events.length - 1;
export const selectView = (s: SimState) => s.view;
export const selectSpeed = (s: SimState) => s.speed;
/** True: do not animate (the system asks for it, or the user chose it). */
export const selectReducedMotion = (s: SimState) => s.reducedMotion;
export const selectPresenting = (s: SimState) => s.presenting;
/** Whether the replay shows the simulation or a captured session. */
export const selectReplaying = (s: SimState) => s.replaying;

/** The `transfer/finished` events of the transfers that failed, in order. Read with `useShallow`. */
export const selectFailedTransferEvents = (s: SimState) =>
  s.events.filter(
    (e): e is Extract<StepEvent, { kind: 'transfer/finished' }> =>
      e.kind === 'transfer/finished' && e.transfer.outcome === 'failed',
  );

/**
 * Where the first failed transfer went wrong: the first dropped or refused packet when the engine names
 * one, otherwise the refusing reply's transfer summary. Undefined when everything succeeded.
 */
export const selectFailureIndex = (s: SimState): number | undefined => {
  const failed = s.transfers.find((t) => t.outcome === 'failed');
  if (!failed) return undefined;
  if (failed.failedPacket !== undefined) {
    const at = eventOfPacket(s.events, failed.failedPacket);
    if (at) return at.index;
  }
  return s.events.find((e) => e.kind === 'transfer/finished' && e.transfer.index === failed.index)?.index;
};

/** Which connection an event belongs to: `control`, `{ data: k }`, or none (session-level events). */
export type ConnLabel =
  { readonly kind: 'control' } | { readonly kind: 'data'; readonly k: number } | { readonly kind: 'none' };

export function connLabel(conn: string | undefined): ConnLabel {
  if (conn === 'control') return { kind: 'control' };
  const k = /^data-(\d+)$/.exec(conn ?? '')?.[1];
  return k === undefined ? { kind: 'none' } : { kind: 'data', k: Number(k) };
}

export const eventConnLabel = (e: StepEvent): ConnLabel => connLabel(eventConn(e));

/** Whether this step shows a packet that goes no further: dropped on its way, or by a firewall. */
export function isDropStep(e: StepEvent): boolean {
  if (isPacketEvent(e)) return e.packet.fate.kind === 'dropped';
  return e.kind === 'fw/verdict' && e.verdict.action === 'drop';
}
