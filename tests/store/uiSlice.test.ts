import { describe, expect, it } from 'vitest';
import { selectPresenting, selectReducedMotion, selectSpeed, selectView } from '../../src/store/selectors';
import { createSimStore } from '../../src/store/simStore';
import { DEFAULT_VIEW } from '../../src/store/uiSlice';

describe('the ui slice', () => {
  it('starts on the simulator view at normal speed, with motion, not presenting, no notice', () => {
    const s = createSimStore().getState();
    expect(selectView(s)).toBe(DEFAULT_VIEW);
    expect(selectSpeed(s)).toBe(1);
    expect(selectReducedMotion(s)).toBe(false);
    expect(selectPresenting(s)).toBe(false);
    expect(s.linkNotice).toBe(false);
  });

  it('reduces motion when the system asks for it or the user chooses it', () => {
    const store = createSimStore();
    store.getState().setSystemReducesMotion(true);
    expect(store.getState().reducedMotion).toBe(true);
    store.getState().setReduceMotionChosen(true);
    store.getState().setSystemReducesMotion(false);
    expect(store.getState().reducedMotion).toBe(true);
    store.getState().setReduceMotionChosen(false);
    expect(store.getState().reducedMotion).toBe(false);
  });

  it('keeps the view, speed and presentation mode across a new scenario', () => {
    const store = createSimStore();
    store.getState().setView('compare');
    store.getState().setSpeed(4);
    store.getState().setPresenting(true);
    store.getState().setScenario(store.getState().scenario);
    expect(store.getState()).toMatchObject({ view: 'compare', speed: 4, presenting: true, cursor: 0 });
  });
});
