import { createAgenda, schedule, takeNext } from './clock/agenda';
import { ZERO_TIME, type VirtualTime } from './clock/virtualTime';
import { narrate } from './events/narrate';
import type { ClientExit, StepEvent, TransferSummary } from './events/stepEvent';
import type { AddressPlan } from './net/addressPlan';
import type { Scenario } from './scenario/scenario';
import { dispatch } from './simulation/dispatch';
import { createWorld, record, type SimInput } from './simulation/world';

export interface Simulation {
  readonly scenario: Scenario;
  /** Every address of the network, as the scenario resolves them: what the diagram and exports show. */
  readonly addresses: AddressPlan;
  readonly outcome: 'success' | 'failed';
  readonly transfers: readonly TransferSummary[];
  /** What the client program reports when it exits (curl: its exit status and error lines). */
  readonly clientExit?: ClientExit;
  readonly events: readonly StepEvent[];
  /** Virtual time of the last event. */
  readonly duration: VirtualTime;
}

/**
 * Scenario in, ordered events out. Pure: the same scenario always gives the same events. One agenda
 * delivers timed inputs to the machines (vsftpd's and the client's dialogues, each TCP endpoint, the
 * netfilter path) in order of virtual time; the log records what they do in the order it happens.
 */
export function simulate(scenario: Scenario): Simulation {
  const agenda = createAgenda<SimInput>(ZERO_TIME);
  const world = createWorld(scenario, agenda);
  schedule(agenda, ZERO_TIME, { kind: 'app', host: 'server', input: { kind: 'start' } });
  schedule(agenda, ZERO_TIME, { kind: 'app', host: 'client', input: { kind: 'start' } });
  for (let next = takeNext(agenda); next; next = takeNext(agenda)) dispatch(world, next.input);

  const transfers = world.transfers.summaries;
  const outcome =
    transfers.length > 0 && transfers.every((t) => t.outcome === 'success') ? 'success' : 'failed';
  const lastAt = world.log.at(-1)?.at ?? ZERO_TIME;
  const end = world.end !== undefined && world.end > lastAt ? world.end : lastAt;
  record(world, {
    kind: 'session/finished',
    at: end,
    outcome,
    ...(world.clientExit ? { client: world.clientExit } : {}),
  });

  const handshakeDone = new Set<string>();
  // The log's entries are this run's own fresh objects: completing them in place saves copying every event.
  const events = world.log.map(
    (e, index) => Object.assign(e, { index, narration: narrate(e, scenario, handshakeDone) }) as StepEvent,
  );
  return {
    scenario,
    addresses: world.ctx.topo.addresses,
    outcome,
    transfers,
    ...(world.clientExit ? { clientExit: world.clientExit } : {}),
    events,
    duration: end,
  };
}
