import type { StateCreator } from 'zustand';
import { defaultScenario, simulate, type Scenario, type StepEvent, type TransferSummary } from '../engine';
import type { SimState } from './simStore';

/** The scenario, what the engine made of it, and where the replay stands. */
export interface SimSlice {
  readonly scenario: Scenario;
  readonly events: readonly StepEvent[];
  readonly outcome: 'success' | 'failed';
  readonly transfers: readonly TransferSummary[];
  /** Index of the current event; always within `events` (which is never empty). */
  readonly cursor: number;
  /**
   * Runs the engine on the new scenario; the replay starts over at the first step. A captured session on
   * screen gives way to it (kept, at its step, for the capture view).
   */
  setScenario: (scenario: Scenario) => void;
  stepForward: () => void;
  stepBack: () => void;
  seek: (index: number) => void;
  first: () => void;
  last: () => void;
}

function simulated(
  scenario: Scenario,
): Pick<SimSlice, 'scenario' | 'events' | 'outcome' | 'transfers' | 'cursor'> {
  const sim = simulate(scenario);
  return { scenario, events: sim.events, outcome: sim.outcome, transfers: sim.transfers, cursor: 0 };
}

export function clampCursor(index: number, events: readonly unknown[]): number {
  if (!Number.isFinite(index)) return 0;
  return Math.min(Math.max(0, Math.trunc(index)), Math.max(0, events.length - 1));
}

export const createSimSlice: StateCreator<SimState, [], [], SimSlice> = (set) => ({
  ...simulated(defaultScenario()),
  setScenario: (scenario) =>
    set((s) => ({
      ...simulated(scenario),
      playing: false,
      ...(s.replaying === 'capture'
        ? {
            replaying: 'simulation',
            simulation: null,
            capture: s.capture && { ...s.capture, cursor: s.cursor },
          }
        : {}),
    })),
  stepForward: () => set((s) => ({ cursor: clampCursor(s.cursor + 1, s.events) })),
  stepBack: () => set((s) => ({ cursor: clampCursor(s.cursor - 1, s.events) })),
  seek: (index) => set((s) => ({ cursor: clampCursor(index, s.events) })),
  first: () => set({ cursor: 0 }),
  last: () => set((s) => ({ cursor: clampCursor(s.events.length - 1, s.events) })),
});
