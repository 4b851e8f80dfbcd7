import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenario, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { importCapture } from '../../src/import/captureImport';
import { CAPTURE_VIEW, selectSimulator, type CaptureReplay } from '../../src/store/captureSlice';
import { createSimStore } from '../../src/store/simStore';

const CAPTURES = path.resolve(__dirname, '../../../shared/captures');

async function replayOf(name: string): Promise<CaptureReplay> {
  const { session } = await importCapture(new Uint8Array(readFileSync(path.join(CAPTURES, name))));
  const parsed = parseScenario(session.scenario);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return {
    events: session.events,
    transfers: session.transfers,
    outcome: session.outcome,
    scenario: parsed.scenario,
    capturePoint: session.capturePoint,
  };
}

function scenario(input: object): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

describe('a captured session in the store', () => {
  it('replays in place of the simulation, in the capture view, from its first step', async () => {
    const store = createSimStore();
    const replay = await replayOf('active-clientfw-stateful-fail-client.pcap');
    store.getState().seek(5);
    store.getState().play();
    store.getState().showCapture(replay);
    const s = store.getState();
    expect(s.view).toBe(CAPTURE_VIEW);
    expect(s.replaying).toBe('capture');
    expect(s.events).toBe(replay.events);
    expect(s.transfers).toBe(replay.transfers);
    expect(s.outcome).toBe('failed');
    expect(s.scenario).toBe(replay.scenario);
    expect(s.cursor).toBe(0);
    expect(s.playing).toBe(false);
    // The simulator's scenario and step wait, as they were (the permalink names them).
    expect(selectSimulator(s)).toMatchObject({ scenario: defaultScenario(), cursor: 5 });
  });

  it('gives the simulation back on any other view, and the capture back at its step on the capture view', async () => {
    const store = createSimStore();
    const simulated = store.getState().events;
    const replay = await replayOf('passive-nofw-success-server.pcap');
    store.getState().seek(3);
    store.getState().showCapture(replay);
    store.getState().seek(7);
    store.getState().setView('compare');
    let s = store.getState();
    expect(s.replaying).toBe('simulation');
    expect(s.events).toBe(simulated);
    expect(s.cursor).toBe(3);
    expect(s.capture?.cursor).toBe(7);
    store.getState().setView(CAPTURE_VIEW);
    s = store.getState();
    expect(s.events).toBe(replay.events);
    expect(s.cursor).toBe(7);
    // Showing the capture view twice changes nothing.
    store.getState().setView(CAPTURE_VIEW);
    expect(store.getState().cursor).toBe(7);
  });

  it('leaves a new scenario in charge: the capture waits for its view', async () => {
    const store = createSimStore();
    const replay = await replayOf('passive-nofw-success-server.pcap');
    store.getState().showCapture(replay);
    store.getState().seek(4);
    const passive = scenario({ mode: 'passive' });
    store.getState().setScenario(passive);
    const s = store.getState();
    expect(s.replaying).toBe('simulation');
    expect(s.scenario).toEqual(passive);
    expect(s.simulation).toBeNull();
    expect(s.capture?.cursor).toBe(4);
    store.getState().setView(CAPTURE_VIEW);
    expect(store.getState().events).toBe(replay.events);
    expect(store.getState().cursor).toBe(4);
  });

  it('closes: the simulation as it was, in the simulator, and no capture to come back to', async () => {
    const store = createSimStore();
    const before = store.getState();
    store.getState().showCapture(await replayOf('active-nofw-success-client.pcap'));
    store.getState().closeCapture();
    const s = store.getState();
    expect(s.view).toBe('simulator');
    expect(s.capture).toBeNull();
    expect(s.replaying).toBe('simulation');
    expect(s.events).toBe(before.events);
    expect(s.scenario).toBe(before.scenario);
    store.getState().setView(CAPTURE_VIEW);
    expect(store.getState().events).toBe(before.events);
  });

  it('replaces one capture with the next, and the simulation stays the one from before both', async () => {
    const store = createSimStore();
    const simulated = store.getState().events;
    const first = await replayOf('active-nofw-success-client.pcap');
    const second = await replayOf('passive-serverfw-port21-fail-client.pcap');
    store.getState().showCapture(first);
    store.getState().seek(9);
    store.getState().showCapture(second);
    expect(store.getState().events).toBe(second.events);
    expect(store.getState().cursor).toBe(0);
    store.getState().setView('simulator');
    expect(store.getState().events).toBe(simulated);
  });
});
