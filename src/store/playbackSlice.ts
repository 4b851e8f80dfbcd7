import type { StateCreator } from 'zustand';
import type { SimState } from './simStore';

/** Whether the replay advances by itself. The timer lives in the UI (ui/player/usePlaybackTimer). */
export interface PlaybackSlice {
  readonly playing: boolean;
  /** Starts playing; from the last step it starts over at the first. */
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  /** One timer beat: the next step, and a stop on the last one. */
  tick: () => void;
}

export const createPlaybackSlice: StateCreator<SimState, [], [], PlaybackSlice> = (set, get) => ({
  playing: false,
  play: () => set((s) => ({ playing: true, cursor: s.cursor >= s.events.length - 1 ? 0 : s.cursor })),
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  tick: () =>
    set((s) => {
      const lastIndex = s.events.length - 1;
      if (s.cursor >= lastIndex) return { playing: false };
      const cursor = s.cursor + 1;
      return { cursor, playing: cursor < lastIndex };
    }),
});
