import type { Scenario, Simulation } from '../engine';

export type Simulate = (scenario: Scenario) => Simulation;

/**
 * Where the store gets the engine's `simulate`. The app loads the engine on demand, after its first
 * render (the first screen is the header and a view on its way: the engine is most of what a view waits
 * for, and the first screen needs none of it); tests and tools that import the engine themselves hand it
 * over, and the store simulates from its creation.
 */
export interface EngineSource {
  /** `simulate` once the engine is in, otherwise undefined. */
  readonly loaded: () => Simulate | undefined;
  /** Loads the engine (once; a failed fetch may be retried). */
  readonly load: () => Promise<Simulate>;
}

let simulate: Simulate | undefined;
let loading: Promise<Simulate> | undefined;

/** The app's engine: the chunk that holds it, fetched the first time anything asks. */
export const appEngine: EngineSource = {
  loaded: () => simulate,
  load: () => {
    if (simulate) return Promise.resolve(simulate);
    loading ??= import('../engine').then(
      (engine) => (simulate = engine.simulate),
      (error: unknown) => {
        // Not held: the next attempt (a view opened again, back online) fetches again.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  },
};

/**
 * For tests and tools that import the engine themselves: the app's store simulates synchronously from its
 * creation, as it did when the engine was part of the first load. Call before the store module loads.
 */
export function provideEngine(engineSimulate: Simulate): void {
  simulate = engineSimulate;
}
