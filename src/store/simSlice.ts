import type { StateCreator } from 'zustand';
import type { Scenario, StepEvent, TransferSummary } from '../engine';
// Not the engine's whole surface: the store is part of the first load, the simulation is not (./engineSource.ts).
import { defaultScenario } from '../engine/basics';
import type { EngineSource, Simulate } from './engineSource';
import type { SimState } from './simStore';

/** The scenario, what the engine made of it, and where the replay stands. */
export interface SimSlice {
  readonly scenario: Scenario;
  /**
   * Empty only until the engine has loaded (after the first render; every view that shows the scenario
   * waits for `loadEngine` before it renders), then never.
   */
  readonly events: readonly StepEvent[];
  readonly outcome: 'success' | 'failed';
  readonly transfers: readonly TransferSummary[];
  /** Index of the current event; always within `events` (0 while they are still to come). */
  readonly cursor: number;
  /**
   * Loads the engine (once) and simulates the scenario waiting for it, the simulator's own too while a
   * capture is shown. What shows a replay awaits it before it renders.
   */
  loadEngine: () => Promise<void>;
  /**
   * Loads the engine (once) and leaves what waits for it waiting: for a view that runs simulations of its
   * own (the lesson), so that the simulator's scenario is simulated when something shows it (`loadEngine`,
   * or a new scenario, simulated at once from then on). On a slow phone that simulation is a long task.
   */
  fetchEngine: () => Promise<void>;
  /**
   * Runs the engine on the new scenario; the replay starts over at the first step. A captured session on
   * screen gives way to it (kept, at its step, for the capture view). Before the engine has loaded, the
   * scenario waits for it (and asks for it).
   */
  setScenario: (scenario: Scenario) => void;
  stepForward: () => void;
  stepBack: () => void;
  seek: (index: number) => void;
  first: () => void;
  last: () => void;
}

type Simulated = Pick<SimSlice, 'scenario' | 'events' | 'outcome' | 'transfers' | 'cursor'>;

/** The scenario as the engine plays it, from its first step; without the engine yet, waiting for it. */
function simulated(scenario: Scenario, simulate: Simulate | undefined): Simulated {
  if (!simulate) return { scenario, events: [], outcome: 'failed', transfers: [], cursor: 0 };
  const sim = simulate(scenario);
  return { scenario, events: sim.events, outcome: sim.outcome, transfers: sim.transfers, cursor: 0 };
}

/** The simulations that were waiting for the engine, run: the one shown, or the simulator's behind a capture. */
function simulationsArrived(s: SimState, simulate: Simulate): Partial<SimState> {
  if (s.replaying === 'capture')
    return s.simulation?.events.length === 0
      ? { simulation: simulated(s.simulation.scenario, simulate) }
      : {};
  return s.events.length === 0 ? simulated(s.scenario, simulate) : {};
}

export function clampCursor(index: number, events: readonly unknown[]): number {
  if (!Number.isFinite(index)) return 0;
  return Math.min(Math.max(0, Math.trunc(index)), Math.max(0, events.length - 1));
}

export const createSimSlice =
  (engine: EngineSource): StateCreator<SimState, [], [], SimSlice> =>
  (set, get) => ({
    ...simulated(defaultScenario(), engine.loaded()),
    loadEngine: async () => {
      const simulate = await engine.load();
      set((s) => simulationsArrived(s, simulate));
    },
    fetchEngine: async () => {
      await engine.load();
    },
    setScenario: (scenario) => {
      const simulate = engine.loaded();
      set((s) => ({
        ...simulated(scenario, simulate),
        playing: false,
        ...(s.replaying === 'capture'
          ? {
              replaying: 'simulation',
              simulation: null,
              capture: s.capture && { ...s.capture, cursor: s.cursor },
            }
          : {}),
      }));
      // A failure is reported by the view that awaits the engine too (its loader), not here.
      if (!simulate)
        get()
          .loadEngine()
          .catch(() => undefined);
    },
    stepForward: () => set((s) => ({ cursor: clampCursor(s.cursor + 1, s.events) })),
    stepBack: () => set((s) => ({ cursor: clampCursor(s.cursor - 1, s.events) })),
    seek: (index) => set((s) => ({ cursor: clampCursor(index, s.events) })),
    first: () => set({ cursor: 0 }),
    last: () => set((s) => ({ cursor: clampCursor(s.events.length - 1, s.events) })),
  });
