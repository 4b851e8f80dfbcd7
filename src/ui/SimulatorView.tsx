import { lazy, Suspense } from 'react';
import { withStrings } from '../i18n/load';
import { ScenarioControls } from './controls/ScenarioControls';
import { CurrentStep } from './narration/CurrentStep';
import { OutcomeBanner } from './outcome/OutcomeBanner';
import { PlayerControls } from './player/PlayerControls';
import { StepList } from './timeline/StepList';
import { useAfterFirstPaint } from './useAfterFirstPaint';

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

/** The simulator: the controls beside the replay of one session. */
export function SimulatorView() {
  const painted = useAfterFirstPaint();
  return (
    <main className="layout">
      <ScenarioControls />
      <div className="replay">
        <OutcomeBanner />
        <Suspense fallback={<div className="diagram-loading" aria-hidden="true" />}>
          {painted ? <NetworkDiagram /> : <div className="diagram-loading" aria-hidden="true" />}
        </Suspense>
        <CurrentStep />
        <PlayerControls />
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
