import { useCallback, useEffect, useReducer } from 'react';
import { selectSpeed } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { playerActionFor, type PlayerAction } from '../player/playerKeys';
import { STEP_INTERVAL_MS } from '../player/usePlaybackTimer';

/** The comparison's own replay: one step number shared by both sides. The simulator's cursor is never touched. */
export interface CompareReplayState {
  readonly step: number;
  /** The step before the last move, so that what just became known can be announced. */
  readonly previous: number;
  readonly playing: boolean;
}

export type CompareReplayAction = PlayerAction | 'tick' | 'reset';

export const START: CompareReplayState = { step: 0, previous: 0, playing: false };

/** Moves over steps 0…`last`; playing from the last step starts over, and the replay stops on the last. */
export function compareReplay(last: number) {
  return (s: CompareReplayState, action: CompareReplayAction): CompareReplayState => {
    const to = (step: number, playing = s.playing): CompareReplayState => {
      const next = Math.max(0, Math.min(last, step));
      return { step: next, previous: s.step, playing: playing && next < last };
    };
    switch (action) {
      case 'first':
        return to(0, false);
      case 'back':
        return to(s.step - 1, false);
      case 'forward':
        return to(s.step + 1, false);
      case 'last':
        return to(last, false);
      case 'togglePlay':
        if (s.playing) return { ...s, playing: false };
        return s.step >= last ? { step: 0, previous: s.step, playing: true } : { ...s, playing: true };
      case 'tick':
        return to(s.step + 1);
      case 'reset':
        return START;
    }
  };
}

/**
 * The shared step control: the replay state, a dispatcher, the play timer (at the simulator's speed), and
 * the player keys (←/→, Space, Home/End, PageUp/PageDown). The keys are caught on the way down (capture
 * phase) and marked handled, so the simulator's own key handler leaves them alone while this view is shown.
 */
export function useCompareReplay(last: number): [CompareReplayState, (action: CompareReplayAction) => void] {
  const [state, dispatch] = useReducer(compareReplay(last), START);
  const speed = useSim(selectSpeed);

  useEffect(() => {
    if (!state.playing) return;
    const id = window.setInterval(() => dispatch('tick'), STEP_INTERVAL_MS / speed);
    return () => window.clearInterval(id);
  }, [state.playing, speed]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return;
      const action = playerActionFor(e);
      if (!action) return;
      e.preventDefault();
      dispatch(action);
    };
    document.addEventListener('keydown', onKeyDown, { capture: true });
    return () => document.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  return [state, useCallback((action: CompareReplayAction) => dispatch(action), [])];
}
