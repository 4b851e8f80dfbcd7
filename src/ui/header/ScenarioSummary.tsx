import { useTranslation } from 'react-i18next';
import { selectScenario } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { PHONE, useMediaQuery } from '../useMediaQuery';

/** The current scenario in words, so a projected screen says what is being shown. */
export function ScenarioSummary() {
  const { t } = useTranslation();
  const s = useSim(selectScenario);
  const scrolls = useMediaQuery(PHONE);
  const range = { min: s.server.passivePorts.min, max: s.server.passivePorts.max };
  const onOff = (on: boolean): string => (on ? t('options.onOff.on') : t('options.onOff.off'));
  const items = [
    t('summary.mode', { value: t(`options.mode.${s.mode}`) }),
    t('summary.clientFirewall', { value: t(`options.clientFirewall.${s.clientFirewall}`) }),
    t('summary.serverFirewall', { value: t(`options.serverFirewall.${s.serverFirewall}`, range) }),
    t('summary.clientNat', { value: onOff(s.clientNat) }),
    t('summary.serverNat', { value: t(`options.serverNat.${s.serverNat}`) }),
    t('summary.helper', { value: onOff(s.helper) }),
  ];
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
