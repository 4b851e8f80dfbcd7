import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ScenarioControls } from './controls/ScenarioControls';
import { Header } from './header/Header';
import { CurrentStep } from './narration/CurrentStep';
import { OutcomeBanner } from './outcome/OutcomeBanner';
import { PlayerControls } from './player/PlayerControls';
import { usePlaybackTimer } from './player/usePlaybackTimer';
import { usePlayerKeys } from './player/usePlayerKeys';
import { StepList } from './timeline/StepList';

export function App() {
  const { t, i18n } = useTranslation();
  usePlayerKeys();
  usePlaybackTimer();

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  return (
    <div className="app">
      <Header />
      <main className="layout">
        <ScenarioControls />
        <div className="replay">
          <OutcomeBanner />
          <CurrentStep />
          <PlayerControls />
          <StepList />
        </div>
      </main>
    </div>
  );
}
