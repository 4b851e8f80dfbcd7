import { create } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createCaptureSlice, type CaptureSlice } from './captureSlice';
import { createPlaybackSlice, type PlaybackSlice } from './playbackSlice';
import { createSimSlice, type SimSlice } from './simSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type SimState = SimSlice & PlaybackSlice & UiSlice & CaptureSlice;

const createSimState = (...a: Parameters<typeof createSimSlice>): SimState => ({
  ...createSimSlice(...a),
  ...createPlaybackSlice(...a),
  ...createUiSlice(...a),
  ...createCaptureSlice(...a),
});

/** The app's store. Components read it one value per hook call, through `selectors.ts`. */
export const useSim = create<SimState>()(createSimState);

/** A separate store, for tests of the actions. */
export function createSimStore() {
  return createStore<SimState>()(createSimState);
}
