import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import {
  selectFailedTransferEvents,
  selectFailureIndex,
  selectOutcome,
  selectSessionEnd,
} from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { useNarration } from '../narration/useNarration';

/**
 * Whether the scenario works, said with an icon and words (never colour alone), and for a failure, why,
 * with a way to jump to the step where it went wrong.
 */
export function OutcomeBanner() {
  const { t } = useTranslation();
  const outcome = useSim(selectOutcome);
  const failed = useSim(useShallow(selectFailedTransferEvents));
  const failureIndex = useSim(selectFailureIndex);
  // curl reports how it ended in its own words: the status and the line it printed, as a terminal shows.
  const clientEnd = useSim(selectSessionEnd);
  const seek = useSim((s) => s.seek);
  const narrate = useNarration();
  const ok = outcome === 'success';

  return (
    <section className={`outcome outcome-${outcome}`} role="status" aria-labelledby="outcome-title">
      <span className="outcome-icon" aria-hidden="true">
        {ok ? '✓' : '✗'}
      </span>
      <div className="outcome-body">
        <h2 id="outcome-title">
          <span className="visually-hidden">{t('outcome.label')}: </span>
          {ok ? t('outcome.success') : t('outcome.failed')}
        </h2>
        {ok ? (
          <p>{t('narration.session.success')}</p>
        ) : (
          <ul className="outcome-reasons">
            {failed.map((e) => (
              <li key={e.index}>{narrate(e)}</li>
            ))}
          </ul>
        )}
        {clientEnd && <p className="outcome-client">{narrate(clientEnd)}</p>}
        {failureIndex !== undefined && (
          <button type="button" className="link-button" onClick={() => seek(failureIndex)}>
            {t('outcome.showFailure')}
          </button>
        )}
      </div>
    </section>
  );
}
