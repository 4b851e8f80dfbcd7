import { useEffect } from 'react';
import { CAPTURE_VIEW } from '../../store/captureSlice';
import { useSim, type SimState } from '../../store/simStore';
import { playerActionFor, type PlayerAction } from './playerKeys';

/** Whether the view shown has the replay's player: the simulator, and a capture once one is replayed. */
const showsReplay = (s: SimState): boolean =>
  s.view === 'simulator' || (s.view === CAPTURE_VIEW && s.replaying === 'capture');

/**
 * Listens on the whole document, so the keys (and a clicker) work wherever the focus is — while the
 * replay is the view shown: elsewhere (a quiz) it is hidden and the keys are the page's.
 */
export function usePlayerKeys(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || !showsReplay(useSim.getState())) return;
      const action = playerActionFor(e);
      if (!action) return;
      e.preventDefault();
      run(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

function run(action: PlayerAction): void {
  const s = useSim.getState();
  switch (action) {
    case 'first':
      return s.first();
    case 'back':
      return s.stepBack();
    case 'togglePlay':
      return s.togglePlay();
    case 'forward':
      return s.stepForward();
    case 'last':
      return s.last();
  }
}
