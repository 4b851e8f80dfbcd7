import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { ScenarioSummary } from './ScenarioSummary';

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="app-header-top">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch />
      </div>
      <ScenarioSummary />
    </header>
  );
}
