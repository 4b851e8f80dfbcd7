import { selectCursor } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { NetworkDiagram } from '../diagram/NetworkDiagram';
import { PacketInspector } from '../inspector/PacketInspector';
import { Ladder } from '../ladder/Ladder';
import { CurrentStep } from '../narration/CurrentStep';
import { OutcomeBanner } from '../outcome/OutcomeBanner';
import { PlayerControls } from '../player/PlayerControls';
import { ReplayStage } from '../stage/ReplayStage';
import { StepList } from '../timeline/StepList';

/**
 * The captured session replayed exactly as a simulation is: the store holds its events, so the first
 * screen (diagram, narration, player), the ladder with its exports, the inspector and the list of steps
 * are the simulator's own.
 */
export function CaptureReplay() {
  return (
    <div className="stage-host capture-replay">
      <CaptureStage />
      <div className="workbench">
        <Ladder />
        <PacketInspector />
      </div>
      <StepList />
    </div>
  );
}

/** Apart, so that a step re-renders it and not the ladder or the inspector with it. */
function CaptureStage() {
  const cursor = useSim(selectCursor);
  return (
    <ReplayStage
      stepKey={cursor}
      bar={
        <div className="stage-bar">
          <OutcomeBanner />
        </div>
      }
      figure={<NetworkDiagram />}
      dock={
        <>
          <CurrentStep />
          <PlayerControls />
        </>
      }
    />
  );
}
