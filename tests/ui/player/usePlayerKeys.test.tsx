import { act, render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../src/engine';
import { useSim } from '../../../src/store/simStore';
import { usePlayerKeys } from '../../../src/ui/player/usePlayerKeys';

function Keys() {
  usePlayerKeys();
  return null;
}

const press = (key: string) =>
  act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));

describe('usePlayerKeys', () => {
  beforeEach(() => {
    useSim.getState().setScenario(defaultScenario());
    useSim.getState().setView('simulator');
  });

  it('steps the replay from anywhere on the page while the simulator is shown', () => {
    render(<Keys />);
    press('ArrowRight');
    press('PageDown');
    expect(useSim.getState().cursor).toBe(2);
    press('End');
    expect(useSim.getState().cursor).toBe(useSim.getState().events.length - 1);
  });

  it('leaves the keys to the page in another view, where the replay is hidden', () => {
    render(<Keys />);
    act(() => useSim.getState().setView('quiz'));
    press('ArrowRight');
    press('End');
    expect(useSim.getState().cursor).toBe(0);
  });
});
