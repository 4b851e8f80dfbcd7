import type { StateCreator } from 'zustand';
import { replayForView } from './captureSlice';
import type { SimState } from './simStore';
import { DEFAULT_VIEW } from './viewIds';

export { DEFAULT_VIEW };

/** Replay speeds the player offers: a multiple of the normal step interval. */
export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** How the app is shown: which view, how fast the replay runs, motion, presentation mode, notices. */
export interface UiSlice {
  /** Id of the current view (`ui/views.ts`); it is also the permalink's `view`. */
  readonly view: string;
  readonly speed: Speed;
  /** What the operating system asks for (`prefers-reduced-motion: reduce`); kept up to date by the UI. */
  readonly systemReducesMotion: boolean;
  /** The user's own choice to reduce motion, on top of the system's. */
  readonly reduceMotionChosen: boolean;
  /**
   * Whether to animate: false means no animation at all (jump straight to the final state). True when
   * the system asks for it or the user chose it. Diagrams and anything animated read this.
   */
  readonly reducedMotion: boolean;
  /** Presentation mode for classrooms: big type, high contrast, editing controls hidden. */
  readonly presenting: boolean;
  /** A permalink could not be read and the default scenario was opened instead: show a notice. */
  readonly linkNotice: boolean;
  /**
   * The current view is the one a first visit opened on (nothing stored): its opening screen can be drawn
   * before its code arrives (ViewDefinition.opening). Any later choice of view ends it.
   */
  readonly firstVisitView: boolean;
  setView: (view: string) => void;
  /** The page's first view, without a link: where the visitor was last time, or a first visit's view. */
  openStartView: (view: string, firstVisit: boolean) => void;
  setSpeed: (speed: Speed) => void;
  setSystemReducesMotion: (reduce: boolean) => void;
  setReduceMotionChosen: (reduce: boolean) => void;
  setPresenting: (presenting: boolean) => void;
  setLinkNotice: (shown: boolean) => void;
}

export const createUiSlice: StateCreator<SimState, [], [], UiSlice> = (set) => ({
  view: DEFAULT_VIEW,
  speed: 1,
  systemReducesMotion: false,
  reduceMotionChosen: false,
  reducedMotion: false,
  presenting: false,
  linkNotice: false,
  firstVisitView: false,
  // The capture view replays the capture, every other view the simulation.
  setView: (view) => set((s) => ({ ...replayForView(s, view), view, firstVisitView: false })),
  openStartView: (view, firstVisit) =>
    set((s) => ({ ...replayForView(s, view), view, firstVisitView: firstVisit })),
  setSpeed: (speed) => set({ speed }),
  setSystemReducesMotion: (reduce) =>
    set((s) => ({ systemReducesMotion: reduce, reducedMotion: reduce || s.reduceMotionChosen })),
  setReduceMotionChosen: (reduce) =>
    set((s) => ({ reduceMotionChosen: reduce, reducedMotion: reduce || s.systemReducesMotion })),
  setPresenting: (presenting) => set({ presenting }),
  setLinkNotice: (shown) => set({ linkNotice: shown }),
});
