import type { StateCreator } from 'zustand';
import type { CapturePointId, HostId, Scenario, StepEvent, TransferSummary } from '../engine';
import type { SimSlice } from './simSlice';
import type { SimState } from './simStore';
import { CAPTURE_VIEW, DEFAULT_VIEW } from './viewIds';

export { CAPTURE_VIEW } from './viewIds';

/**
 * A session read from a capture file, as the replay shows it: the importer's events (packets marked
 * `captured`), transfers and outcome, and the scenario the capture suggests (inferred), which names the
 * diagram's devices and the exported files.
 */
export interface CaptureReplay {
  readonly events: readonly StepEvent[];
  readonly transfers: readonly TransferSummary[];
  readonly outcome: 'success' | 'failed';
  readonly scenario: Scenario;
  /** Where the capture was taken (inferred): the only point whose bytes it holds. */
  readonly capturePoint: CapturePointId;
}

type Replayed = Pick<SimSlice, 'scenario' | 'events' | 'outcome' | 'transfers' | 'cursor'>;

/**
 * What the replay (diagram, ladder, inspector, narration, player, exports) shows: the simulation of the
 * scenario, or a captured session. Both are kept: the simulation waits, as it was, while the capture
 * view is shown, and the capture comes back at its step when that view is shown again.
 */
export interface CaptureSlice {
  readonly replaying: 'simulation' | 'capture';
  /** The captured session opened last, and the step it was left at. */
  readonly capture: (CaptureReplay & { readonly cursor: number }) | null;
  /** The simulation while a capture is replayed (null otherwise). */
  readonly simulation: Replayed | null;
  /** Replays a captured session from its first step, in the capture view; the simulation waits. */
  showCapture: (replay: CaptureReplay) => void;
  /** Forgets the capture and shows the simulation again, in the simulator. */
  closeCapture: () => void;
}

/** The state that shows the capture, keeping the simulation (when it is what is shown) to come back to. */
function captureShown(s: SimState, capture: NonNullable<SimState['capture']>): Partial<SimState> {
  const simulation =
    s.replaying === 'simulation'
      ? {
          scenario: s.scenario,
          events: s.events,
          outcome: s.outcome,
          transfers: s.transfers,
          cursor: s.cursor,
        }
      : s.simulation;
  return {
    replaying: 'capture',
    simulation,
    capture,
    scenario: capture.scenario,
    events: capture.events,
    outcome: capture.outcome,
    transfers: capture.transfers,
    cursor: Math.min(capture.cursor, Math.max(0, capture.events.length - 1)),
    playing: false,
  };
}

/** The state that shows the simulation again, the capture kept at its step. */
function simulationShown(s: SimState): Partial<SimState> {
  if (s.replaying !== 'capture' || !s.simulation) return {};
  return {
    ...s.simulation,
    replaying: 'simulation',
    simulation: null,
    capture: s.capture && { ...s.capture, cursor: s.cursor },
    playing: false,
  };
}

/** What showing `view` does to the replay: the capture view shows the capture (when there is one), any other the simulation. */
export function replayForView(s: SimState, view: string): Partial<SimState> {
  if (view === CAPTURE_VIEW)
    return s.capture && s.replaying === 'simulation' ? captureShown(s, s.capture) : {};
  return simulationShown(s);
}

/** The simulator's own scenario and step, whatever is shown (the permalink names these). */
export const selectSimulator = (s: SimState): Pick<SimState, 'scenario' | 'cursor'> =>
  s.replaying === 'capture' && s.simulation ? s.simulation : s;

const BOTH_HOSTS: readonly HostId[] = ['client', 'server'];
const AT_HOST: Readonly<Record<HostId, readonly HostId[]>> = { client: ['client'], server: ['server'] };
const NOWHERE: readonly HostId[] = [];

/**
 * Where a `.pcap` of what is replayed can be written: a simulation at either host; a capture only where it
 * was taken (its packets hold that interface's view alone: the other host's file would be empty), and
 * nowhere when it was taken between the hosts. The same array for the same answer.
 */
export const selectPcapPoints = (s: SimState): readonly HostId[] => {
  if (s.replaying !== 'capture' || !s.capture) return BOTH_HOSTS;
  const point = s.capture.capturePoint;
  return point === 'between' ? NOWHERE : AT_HOST[point];
};

export const createCaptureSlice: StateCreator<SimState, [], [], CaptureSlice> = (set) => ({
  replaying: 'simulation',
  capture: null,
  simulation: null,
  showCapture: (replay) => set((s) => ({ ...captureShown(s, { ...replay, cursor: 0 }), view: CAPTURE_VIEW })),
  closeCapture: () =>
    set((s) => ({
      ...simulationShown(s),
      capture: null,
      view: s.view === CAPTURE_VIEW ? DEFAULT_VIEW : s.view,
    })),
});
