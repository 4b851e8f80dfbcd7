import { describe, expect, it } from 'vitest';
import { defaultScenario, simulate, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { selectSimulator } from '../../src/store/captureSlice';
import { selectCurrentEvent } from '../../src/store/selectors';
import type { EngineSource, Simulate } from '../../src/store/engineSource';
import { createSimStore } from '../../src/store/simStore';
import { CAPTURE_VIEW } from '../../src/store/viewIds';

function scenario(input: object): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

/** An engine that arrives when the test says so, as the app's chunk does some time after the first render. */
function engineOnItsWay(): { source: EngineSource; arrive: () => void; requests: () => number } {
  let loaded: Simulate | undefined;
  let requests = 0;
  let arrive = (): void => undefined;
  const arrival = new Promise<Simulate>((resolve) => {
    arrive = () => {
      loaded = simulate;
      resolve(simulate);
    };
  });
  return {
    source: {
      loaded: () => loaded,
      load: () => {
        requests++;
        return arrival;
      },
    },
    arrive: () => arrive(),
    requests: () => requests,
  };
}

describe('the store before the engine has loaded', () => {
  it('holds the default scenario with no events yet, and simulates it once the engine is in', async () => {
    const engine = engineOnItsWay();
    const store = createSimStore(engine.source);
    expect(store.getState().scenario).toEqual(defaultScenario());
    expect(store.getState().events).toEqual([]);
    expect(store.getState().cursor).toBe(0);
    expect(selectCurrentEvent(store.getState())).toBeUndefined();
    // Nothing asks for the engine until something needs it (a view's loader does).
    expect(engine.requests()).toBe(0);
    const loading = store.getState().loadEngine();
    engine.arrive();
    await loading;
    expect(store.getState().events).toEqual(simulate(defaultScenario()).events);
    expect(store.getState().outcome).toBe('success');
  });

  it('loads the engine for the lesson without simulating the simulator’s scenario, then simulates what is set', async () => {
    const engine = engineOnItsWay();
    const store = createSimStore(engine.source);
    const fetching = store.getState().fetchEngine();
    engine.arrive();
    await fetching;
    // The lesson's chapters simulate on their own: the simulator's session waits until something shows it.
    expect(store.getState().events).toEqual([]);
    // The lesson's "open in the simulator": the scenario is simulated at once and its step can be sought.
    const stateful = scenario({ clientFirewall: 'stateful' });
    store.getState().setScenario(stateful);
    expect(store.getState().events).toEqual(simulate(stateful).events);
    store.getState().seek(5);
    expect(store.getState().cursor).toBe(5);
  });

  it('simulates the waiting scenario when a view that shows it loads after the lesson', async () => {
    const engine = engineOnItsWay();
    const store = createSimStore(engine.source);
    engine.arrive();
    await store.getState().fetchEngine();
    expect(store.getState().events).toEqual([]);
    await store.getState().loadEngine();
    expect(store.getState().events).toEqual(simulate(defaultScenario()).events);
  });

  it('keeps a scenario set meanwhile, asks for the engine and simulates that scenario, not the default', async () => {
    const engine = engineOnItsWay();
    const store = createSimStore(engine.source);
    const stateful = scenario({ clientFirewall: 'stateful' });
    store.getState().setScenario(stateful);
    expect(store.getState().scenario).toBe(stateful);
    expect(store.getState().events).toEqual([]);
    expect(engine.requests()).toBe(1);
    // Stepping while nothing is simulated stays at the start.
    store.getState().stepForward();
    store.getState().last();
    expect(store.getState().cursor).toBe(0);
    engine.arrive();
    await store.getState().loadEngine();
    expect(store.getState().scenario).toBe(stateful);
    expect(store.getState().events).toEqual(simulate(stateful).events);
    expect(store.getState().outcome).toBe('failed');
    expect(store.getState().cursor).toBe(0);
  });

  it('simulates the scenario waiting behind a capture, and leaves the capture on screen', async () => {
    const engine = engineOnItsWay();
    const store = createSimStore(engine.source);
    const passive = scenario({ mode: 'passive' });
    const session = simulate(passive);
    const replay = {
      events: session.events,
      transfers: session.transfers,
      outcome: session.outcome,
      scenario: passive,
      capturePoint: 'client' as const,
    };
    store.getState().showCapture(replay);
    engine.arrive();
    await store.getState().loadEngine();
    const s = store.getState();
    expect(s.view).toBe(CAPTURE_VIEW);
    expect(s.events).toBe(replay.events);
    expect(selectSimulator(s).scenario).toEqual(defaultScenario());
    expect(s.simulation?.events).toEqual(simulate(defaultScenario()).events);
    // Back in the simulator, its own session is there.
    store.getState().setView('simulator');
    expect(store.getState().events).toEqual(simulate(defaultScenario()).events);
  });
});
