import { create } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createPlaybackSlice, type PlaybackSlice } from './playbackSlice';
import { createSimSlice, type SimSlice } from './simSlice';

export type SimState = SimSlice & PlaybackSlice;

const createSimState = (...a: Parameters<typeof createSimSlice>): SimState => ({
  ...createSimSlice(...a),
  ...createPlaybackSlice(...a),
});

/** The app's store. Components read it one value per hook call, through `selectors.ts`. */
export const useSim = create<SimState>()(createSimState);

/** A separate store, for tests of the actions. */
export function createSimStore() {
  return createStore<SimState>()(createSimState);
}
