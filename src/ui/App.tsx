import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './header/Header';
import { usePlaybackTimer } from './player/usePlaybackTimer';
import { usePlayerKeys } from './player/usePlayerKeys';
import { SimulatorView } from './SimulatorView';

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
      <SimulatorView />
    </div>
  );
}
