import { ScenarioControls } from './controls/ScenarioControls';
import { NetworkDiagram } from './diagram/NetworkDiagram';
import { PacketInspector } from './inspector/PacketInspector';
import { Ladder } from './ladder/Ladder';
import { CurrentStep } from './narration/CurrentStep';
import { OutcomeBanner } from './outcome/OutcomeBanner';
import { PlayerControls } from './player/PlayerControls';
import { StepList } from './timeline/StepList';

/** The simulator: the controls beside the replay of one session. */
export function SimulatorView() {
  return (
    <main className="layout">
      <ScenarioControls />
      <div className="replay">
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
    </main>
  );
}
