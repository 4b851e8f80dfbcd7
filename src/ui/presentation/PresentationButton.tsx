import { useTranslation } from 'react-i18next';
import { selectPresenting } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { togglePresentation } from './presentation';

/** Turns presentation mode on and off (also the P key); says how to leave it while it is on. */
export function PresentationButton() {
  const { t } = useTranslation();
  const presenting = useSim(selectPresenting);
  return (
    <div className="presentation-toggle">
      <button
        type="button"
        className="presentation-button outline-button"
        aria-pressed={presenting}
        aria-keyshortcuts="P"
        aria-label={t('shell.presentation.button')}
        title={t('shell.presentation.button')}
        onClick={togglePresentation}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M3 4h18v12H3zM12 16v4M8 20h8"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </svg>
        <span>{t('shell.presentation.button')}</span>
      </button>
      {presenting && <span className="presentation-hint">{t('shell.presentation.leaveHint')}</span>}
    </div>
  );
}
