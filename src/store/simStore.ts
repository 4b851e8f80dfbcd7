import { create, type StoreApi } from 'zustand';
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

let appStore: StoreApi<SimState> | undefined;

/** The app's store. Components read it one value per hook call, through `selectors.ts`. */
export const useSim = create<SimState>()((set, get, store) => {
  appStore = store;
  return createSimState(appEngine)(set, get, store);
});

/**
 * A render on the server shows the store's initial state (zustand's server snapshot). The build draws a
 * first visit's first screen that way (src/firstScreen/renderFirstScreen.tsx), from the state the app's
 * start puts in the store: during `render`, server renders show the state as it is now.
 */
export function renderingCurrentStateOnServer<T>(render: () => T): T {
  const store = appStore;
  if (!store) return render();
  const initial = store.getInitialState;
  store.getInitialState = store.getState;
  try {
    return render();
  } finally {
    store.getInitialState = initial;
  }
}

/** A separate store, for tests of the actions; `engine` is the app's unless given. */
export function createSimStore(engine: EngineSource = appEngine) {
  return createStore<SimState>()(createSimState(engine));
}
