import { lazy, type ComponentType } from 'react';
import { withStrings } from '../i18n/load';
import { useSim } from '../store/simStore';
import { CAPTURE_VIEW } from '../store/viewIds';
import { LessonOpening } from './LessonOpening';

/**
 * A view's loader: its code, its strings and the engine with the simulation of the scenario, all at once.
 * The engine is not part of the first load (store/engineSource.ts); every view shows or asks about
 * simulated sessions (or replays a capture beside the simulation), so none renders before it is in.
 */
function viewLoader<T>(
  features: Parameters<typeof withStrings>[0],
  load: () => Promise<T>,
  { simulator = true }: { readonly simulator?: boolean } = {},
): () => Promise<T> {
  const code = withStrings(features, load);
  const engine = (): Promise<void> =>
    simulator ? useSim.getState().loadEngine() : useSim.getState().fetchEngine();
  return async () => (await Promise.all([code(), engine()]))[0];
}

/**
 * The app's views, in tab order. Each view is a whole screen; the permalink's `view` parameter names one.
 * Views other than the first load on demand, so the first screen stays small.
 */
export interface ViewDefinition {
  readonly id: string;
  /** i18n key of the tab label. */
  readonly labelKey: string;
  readonly component: ComponentType;
  /**
   * The view's first screen when a first visit opens on it (startView.ts), drawn before its code arrives:
   * what is known then can be more than "Loading…". The view itself is asked for once this is painted.
   */
  readonly opening?: ComponentType;
  /**
   * Whether the view shows the simulator's scenario (so the header names it). The quiz asks about
   * scenarios of its own: the simulator's would only mislead there.
   */
  readonly showsScenario: boolean;
  /**
   * A tab only while there is something to show in it: the Capture view's once a capture is open (or it
   * is the view shown, from a link). Until then its way in is "Open a capture…" and a file dropped on any
   * view, and the tabs keep their room.
   */
  readonly tabOnlyWithCapture?: boolean;
}

export const VIEWS: readonly ViewDefinition[] = [
  {
    id: 'simulator',
    labelKey: 'shell.views.simulator',
    // The first screen of a link, loaded on demand like the others (the lesson opens a first visit): a
    // link's start asks for it before the first render (startApp.tsx), so it costs no extra round trip.
    component: lazy(
      viewLoader(['narration'], () => import('./SimulatorView').then((m) => ({ default: m.SimulatorView }))),
    ),
    showsScenario: true,
  },
  {
    // The first screen of a first visit (startView.ts), though not the default of a link (the simulator,
    // first here, is); its chapters, text and questions load with it.
    id: 'lesson',
    labelKey: 'shell.views.lesson',
    component: lazy(
      viewLoader(
        ['lesson', 'progress', 'narration'],
        () => import('./lesson/LessonView').then((m) => ({ default: m.LessonView })),
        // Its chapters are simulations of their own: the simulator's waits until it is shown.
        { simulator: false },
      ),
    ),
    opening: LessonOpening,
    showsScenario: false,
  },
  {
    id: 'compare',
    labelKey: 'shell.views.compare',
    component: lazy(
      viewLoader(['compare', 'diagram', 'narration'], () =>
        import('./compare/CompareView').then((m) => ({ default: m.CompareView })),
      ),
    ),
    showsScenario: true,
  },
  {
    id: 'quiz',
    labelKey: 'shell.views.quiz',
    component: lazy(
      viewLoader(['quiz', 'progress', 'narration'], () =>
        import('./quiz/QuizView').then((m) => ({ default: m.QuizView })),
      ),
    ),
    showsScenario: false,
  },
  {
    // A real capture replayed like a simulation; its replay needs the diagram's, the ladder's and the
    // inspector's strings as the simulator does.
    id: CAPTURE_VIEW,
    labelKey: 'shell.views.capture',
    component: lazy(
      viewLoader(['capture', 'diagram', 'ladder', 'export', 'inspector', 'narration'], () =>
        import('./capture/CaptureView').then((m) => ({ default: m.CaptureView })),
      ),
    ),
    // It names the capture's own (inferred) scenario itself.
    showsScenario: false,
    tabOnlyWithCapture: true,
  },
];
