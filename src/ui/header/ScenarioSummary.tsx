import { useTranslation } from 'react-i18next';
import { selectScenario } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { PHONE } from '../mediaQueries';
import { useMediaQuery } from '../useMediaQuery';
import { scenarioGlance } from './scenarioWords';

/** The current scenario in words, so a projected screen says what is being shown. */
export function ScenarioSummary() {
  const { t } = useTranslation();
  const s = useSim(selectScenario);
  const scrolls = useMediaQuery(PHONE);
  const items = scenarioGlance(s, t);
  return (
    <section className="summary" aria-labelledby="summary-label">
      <h2 id="summary-label" className="summary-label">
        {t('summary.label')}
      </h2>
      {/* On a phone the list scrolls sideways: focusable, so keys can scroll it too. */}
      <ul className="summary-items" aria-labelledby="summary-label" tabIndex={scrolls ? 0 : undefined}>
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </section>
  );
}
