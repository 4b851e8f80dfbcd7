import { describe, expect, it } from 'vitest';
import { defaultScenario, simulate, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import {
  selectAtEnd,
  selectAtStart,
  selectCurrentEvent,
  selectFailedTransferEvents,
  selectFailureIndex,
  selectVisibleEvents,
} from '../../src/store/selectors';
import { createSimStore } from '../../src/store/simStore';

function scenario(input: object): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

describe('the simulation store', () => {
  it('starts with the default scenario simulated, at the first step', () => {
    const store = createSimStore();
    const s = store.getState();
    expect(s.scenario).toEqual(defaultScenario());
    expect(s.events).toEqual(simulate(defaultScenario()).events);
    expect(s.cursor).toBe(0);
    expect(s.playing).toBe(false);
    expect(selectCurrentEvent(s)).toBe(s.events[0]);
  });

  it('re-simulates on setScenario and starts the replay over', () => {
    const store = createSimStore();
    store.getState().last();
    store.getState().play();
    const stateful = scenario({ clientFirewall: 'stateful' });
    store.getState().setScenario(stateful);
    const s = store.getState();
    expect(s.scenario).toBe(stateful);
    expect(s.cursor).toBe(0);
    expect(s.playing).toBe(false);
    expect(s.outcome).toBe('failed');
    expect(s.events).toEqual(simulate(stateful).events);
  });

  it('steps forward and back within the events', () => {
    const store = createSimStore();
    const { stepBack, stepForward } = store.getState();
    stepBack();
    expect(store.getState().cursor).toBe(0);
    expect(selectAtStart(store.getState())).toBe(true);
    stepForward();
    stepForward();
    expect(store.getState().cursor).toBe(2);
    expect(selectVisibleEvents(store.getState())).toHaveLength(3);
    stepBack();
    expect(store.getState().cursor).toBe(1);
  });

  it('never moves past the last step', () => {
    const store = createSimStore();
    const lastIndex = store.getState().events.length - 1;
    store.getState().last();
    expect(store.getState().cursor).toBe(lastIndex);
    expect(selectAtEnd(store.getState())).toBe(true);
    store.getState().stepForward();
    expect(store.getState().cursor).toBe(lastIndex);
    store.getState().first();
    expect(store.getState().cursor).toBe(0);
  });

  it('clamps seek to the events', () => {
    const store = createSimStore();
    const lastIndex = store.getState().events.length - 1;
    store.getState().seek(5);
    expect(store.getState().cursor).toBe(5);
    store.getState().seek(10_000);
    expect(store.getState().cursor).toBe(lastIndex);
    store.getState().seek(-3);
    expect(store.getState().cursor).toBe(0);
    store.getState().seek(Number.NaN);
    expect(store.getState().cursor).toBe(0);
  });

  it('plays one step per tick and stops on the last one', () => {
    const store = createSimStore();
    const lastIndex = store.getState().events.length - 1;
    store.getState().play();
    store.getState().tick();
    expect(store.getState().cursor).toBe(1);
    expect(store.getState().playing).toBe(true);
    for (let i = 0; i < lastIndex + 5; i++) store.getState().tick();
    expect(store.getState().cursor).toBe(lastIndex);
    expect(store.getState().playing).toBe(false);
  });

  it('starts over when play is pressed on the last step', () => {
    const store = createSimStore();
    store.getState().last();
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(true);
    expect(store.getState().cursor).toBe(0);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(false);
  });
});

describe('failure selectors', () => {
  it('find nothing when every transfer succeeds', () => {
    const s = createSimStore().getState();
    expect(selectFailedTransferEvents(s)).toEqual([]);
    expect(selectFailureIndex(s)).toBeUndefined();
  });

  it('point at the dropped data SYN behind a stateful client firewall', () => {
    const store = createSimStore();
    store.getState().setScenario(scenario({ clientFirewall: 'stateful' }));
    const s = store.getState();
    const failed = selectFailedTransferEvents(s);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.transfer.reason).toBe('data-syn-dropped');
    const at = s.events[selectFailureIndex(s) ?? -1];
    expect(at?.kind).toBe('tcp/segment-sent');
    expect(at && 'packet' in at ? at.packet.fate.kind : undefined).toBe('dropped');
  });
});
