import type { VirtualTime } from './clock/virtualTime';
import { narrate } from './events/narrate';
import { isPacketEvent, type StepEvent, type TransferSummary } from './events/stepEvent';
import { runSession } from './ftp/session';
import { createNetwork, type DraftEvent } from './net/network';
import type { AddressPlan } from './net/addressPlan';
import { topologyOf } from './net/topology';
import { createChance } from './random';
import type { Scenario } from './scenario/scenario';
import { createTcp } from './tcp/connection';

export interface Simulation {
  readonly scenario: Scenario;
  /** Every address of the network, as the scenario resolves them: what the diagram and exports show. */
  readonly addresses: AddressPlan;
  readonly outcome: 'success' | 'failed';
  readonly transfers: readonly TransferSummary[];
  readonly events: readonly StepEvent[];
  /** Virtual time of the last event. */
  readonly duration: VirtualTime;
}

/** Scenario in, ordered events out. Pure: the same scenario always gives the same events. */
export function simulate(scenario: Scenario): Simulation {
  const drafts: DraftEvent[] = [];
  const emit = (e: DraftEvent): void => {
    drafts.push(e);
  };
  const chance = createChance(scenario.seed);
  const network = createNetwork(scenario);
  const tcp = createTcp(network, emit, chance);
  const topo = topologyOf(scenario);
  const { transfers, end } = runSession({ s: scenario, topo, tcp, emit, chance });
  const outcome =
    transfers.length > 0 && transfers.every((t) => t.outcome === 'success') ? 'success' : 'failed';
  const last = drafts.reduce((m, e) => (e.at > m ? e.at : m), end);
  drafts.push({ kind: 'session/finished', at: last, outcome });

  // Events were produced in causal order per actor; a stable sort by time interleaves the actors
  // (Array.prototype.sort is stable).
  const ordered = drafts.slice().sort((a, b) => a.at - b.at);
  const handshakeDone = new Set<string>();
  // The drafts are this run's own fresh objects: completing them in place saves copying every event.
  const events = ordered.map(
    (e, index) => Object.assign(e, { index, narration: narrate(e, scenario, handshakeDone) }) as StepEvent,
  );
  return { scenario, addresses: topo.addresses, outcome, transfers, events, duration: last };
}

/** The event index of a packet, e.g. to point at the packet where a transfer failed. */
export function eventOfPacket(events: readonly StepEvent[], packetId: number): StepEvent | undefined {
  return events.find((e) => isPacketEvent(e) && e.packet.id === packetId);
}
