import { NetworkDiagram } from '../diagram/NetworkDiagram';
import { PacketInspector } from '../inspector/PacketInspector';
import { Ladder } from '../ladder/Ladder';
import { CurrentStep } from '../narration/CurrentStep';
import { OutcomeBanner } from '../outcome/OutcomeBanner';
import { PlayerControls } from '../player/PlayerControls';
import { StepList } from '../timeline/StepList';

/**
 * The captured session replayed exactly as a simulation is: the store holds its events, so the diagram,
 * the narration, the player, the ladder (with its exports), the inspector and the list of steps are the
 * simulator's own.
 */
export function CaptureReplay() {
  return (
    <div className="replay capture-replay">
      <OutcomeBanner />
      <NetworkDiagram />
      <CurrentStep />
      <PlayerControls />
      <div className="workbench">
        <Ladder />
        <PacketInspector />
      </div>
      <StepList />
    </div>
  );
}
