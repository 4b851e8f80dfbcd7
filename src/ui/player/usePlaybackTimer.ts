import { useEffect } from 'react';
import { selectPlaying, selectSpeed } from '../../store/selectors';
import { useSim } from '../../store/simStore';

/** How long each step stays on screen while playing: long enough to read a sentence aloud. */
export const STEP_INTERVAL_MS = 1500;

/**
 * While playing, advances the cursor one step per beat, `STEP_INTERVAL_MS` divided by the chosen speed.
 * Playback is UI: the engine has already run.
 */
export function usePlaybackTimer(intervalMs = STEP_INTERVAL_MS): void {
  const playing = useSim(selectPlaying);
  const speed = useSim(selectSpeed);
  const tick = useSim((s) => s.tick);
  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(tick, intervalMs / speed);
    return () => window.clearInterval(id);
  }, [playing, tick, intervalMs, speed]);
}

/**
 * The timer as a component of its own, for the app to mount once: a press of Play (or the replay's end)
 * then re-renders this alone, not the app and every view under it.
 */
export function PlaybackTimer(): null {
  usePlaybackTimer();
  return null;
}
