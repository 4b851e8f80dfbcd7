import { useTranslation } from 'react-i18next';
import { PresentationButton } from '../presentation/PresentationButton';
import './header.css';
import { LanguageSwitch } from './LanguageSwitch';
import { MotionToggle } from './MotionToggle';
import { ScenarioSummary } from './ScenarioSummary';
import { useCurrentView } from './ViewTabs';

export function Header() {
  const { t } = useTranslation();
  const view = useCurrentView();
  return (
    <header className="app-header">
      <div className="app-header-top">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <div className="app-header-tools">
          <PresentationButton />
          <MotionToggle />
          <LanguageSwitch />
        </div>
      </div>
      {view?.showsScenario !== false && <ScenarioSummary />}
    </header>
  );
}
