import { create } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createCaptureSlice, type CaptureSlice } from './captureSlice';
import { appEngine, type EngineSource } from './engineSource';
import { createPlaybackSlice, type PlaybackSlice } from './playbackSlice';
import { createSimSlice, type SimSlice } from './simSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type SimState = SimSlice & PlaybackSlice & UiSlice & CaptureSlice;

const createSimState =
  (engine: EngineSource) =>
  (...a: Parameters<ReturnType<typeof createSimSlice>>): SimState => ({
    ...createSimSlice(engine)(...a),
    ...createPlaybackSlice(...a),
    ...createUiSlice(...a),
    ...createCaptureSlice(...a),
  });

/** The app's store. Components read it one value per hook call, through `selectors.ts`. */
export const useSim = create<SimState>()(createSimState(appEngine));

/** A separate store, for tests of the actions; `engine` is the app's unless given. */
export function createSimStore(engine: EngineSource = appEngine) {
  return createStore<SimState>()(createSimState(engine));
}
