import { useEffect } from 'react';
import { useSim } from '../../store/simStore';
import { playerActionFor, type PlayerAction } from './playerKeys';

/**
 * Listens on the whole document, so the keys (and a clicker) work wherever the focus is — while the
 * simulator is the view shown: elsewhere (a quiz) its replay is hidden and the keys are the page's.
 */
export function usePlayerKeys(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || useSim.getState().view !== 'simulator') return;
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
