import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { withStrings } from '../i18n/load';
import { selectCursor } from '../store/selectors';
import { useLesson } from '../store/lessonStore';
import { useSim } from '../store/simStore';
import { ScenarioControls } from './controls/ScenarioControls';
import { SettingsSheet } from './controls/SettingsSheet';
import { CurrentStep } from './narration/CurrentStep';
import { OutcomeBanner } from './outcome/OutcomeBanner';
import { PlayerControls } from './player/PlayerControls';
import { ReplayStage } from './stage/ReplayStage';
import { StepList } from './timeline/StepList';
import { useAfterFirstPaint } from './useAfterFirstPaint';
import { SETTINGS_IN_SHEET } from './mediaQueries';
import { useMediaQuery } from './useMediaQuery';

// The diagram and its animation library, the ladder and the inspector are asked for only after the first
// paint (the diagram's space is kept meanwhile): their code, strings and rendering never hold it back.
// Each brings its strings along (the ladder's export menu has its own).
const NetworkDiagram = lazy(
  withStrings(['diagram'], () =>
    import('./diagram/NetworkDiagram').then((m) => ({ default: m.NetworkDiagram })),
  ),
);
const Ladder = lazy(
  withStrings(['ladder', 'export'], () => import('./ladder/Ladder').then((m) => ({ default: m.Ladder }))),
);
const PacketInspector = lazy(
  withStrings(['inspector'], () =>
    import('./inspector/PacketInspector').then((m) => ({ default: m.PacketInspector })),
  ),
);

/**
 * The simulator: the diagram, the current step and the player on the first screen (ReplayStage), the
 * scenario's settings beside them on a wide screen or in a sheet on a narrower one, and the ladder,
 * the inspector and the list of steps further down.
 */
export function SimulatorView() {
  const painted = useAfterFirstPaint();
  const sheet = useMediaQuery(SETTINGS_IN_SHEET);
  return (
    <main className="simulator" data-settings={sheet ? 'sheet' : 'side'}>
      {!sheet && (
        <div className="settings-side">
          <ScenarioControls />
        </div>
      )}
      <div className="stage-host">
        <SimulatorStage sheet={sheet} painted={painted} />
        <div className="workbench">
          {/* Apart, so each shows (and is committed) as soon as it is ready: shorter tasks. */}
          {painted && (
            <Suspense fallback={null}>
              <Ladder />
            </Suspense>
          )}
          {painted && (
            <Suspense fallback={null}>
              <PacketInspector />
            </Suspense>
          )}
        </div>
        {/* Long and below the fold: after the first paint too, so it never delays it. */}
        {painted && <StepList />}
      </div>
    </main>
  );
}

/**
 * The first screen; apart, so that a step re-renders it and not the ladder or the inspector with it. Its
 * parts are made once: a step re-renders only those that read the step themselves (the diagram, the
 * narration, the scrubber), not the outcome, the settings button or the player's buttons.
 */
function SimulatorStage({ sheet, painted }: { readonly sheet: boolean; readonly painted: boolean }) {
  const cursor = useSim(selectCursor);
  const bar = useMemo(
    () => (
      <div className="stage-bar">
        {sheet && <SettingsSheet />}
        <BackToLesson />
        <OutcomeBanner />
      </div>
    ),
    [sheet],
  );
  const figure = useMemo(() => {
    const loading = <div className="diagram-loading" aria-hidden="true" />;
    return <Suspense fallback={loading}>{painted ? <NetworkDiagram /> : loading}</Suspense>;
  }, [painted]);
  const dock = useMemo(
    () => (
      <>
        <CurrentStep />
        <PlayerControls />
      </>
    ),
    [],
  );
  return <ReplayStage stepKey={cursor} bar={bar} figure={figure} dock={dock} />;
}

/** The way back to the lesson step the learner left for the simulator (only then). */
function BackToLesson() {
  const { t } = useTranslation();
  const came = useLesson((s) => s.cameFromLesson);
  if (!came) return null;
  return (
    <button
      type="button"
      className="back-to-lesson"
      onClick={() => {
        useLesson.getState().setCameFromLesson(false);
        useSim.getState().setView('lesson');
      }}
    >
      <span aria-hidden="true">← </span>
      {t('lesson.backToLesson')}
    </button>
  );
}
