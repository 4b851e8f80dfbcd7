import { ScenarioControls } from './controls/ScenarioControls';
import { PacketInspector } from './inspector/PacketInspector';
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
        {/* diagram */}
        <CurrentStep />
        <PlayerControls />
        <div className="workbench">
          {/* ladder */}
          <PacketInspector />
        </div>
        <StepList />
      </div>
    </main>
  );
}
