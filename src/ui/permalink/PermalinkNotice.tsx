import { useTranslation } from 'react-i18next';
import { useSim } from '../../store/simStore';
import './permalink.css';

/** Says, briefly, that the link could not be read and the default scenario is shown instead. */
export function PermalinkNotice() {
  const { t } = useTranslation();
  const shown = useSim((s) => s.linkNotice);
  const setLinkNotice = useSim((s) => s.setLinkNotice);
  // The live region stays in the page, so that its text is announced when it appears.
  return (
    <div role="status" className="link-notice-region">
      {shown && (
        <div className="link-notice">
          <span className="link-notice-icon" aria-hidden="true">
            !
          </span>
          <p>{t('shell.notice.invalidLink')}</p>
          <button type="button" onClick={() => setLinkNotice(false)}>
            {t('shell.notice.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
