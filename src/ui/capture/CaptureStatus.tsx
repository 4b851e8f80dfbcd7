import { useTranslation } from 'react-i18next';
import { useCapture } from './captureStore';
import './captureStatus.css';

/** Whole percent read, or undefined when the size is not known. */
function percentRead(bytesRead: number, totalBytes: number | undefined): number | undefined {
  if (!totalBytes) return undefined;
  return Math.min(100, Math.floor((bytesRead / totalBytes) * 100));
}

/**
 * The capture reader's progress, with a cancel button, and what became of the file: on every view,
 * under the header. Screen readers hear the start, every quarter of the way, and the end (a file that
 * cannot be read as an alert); the page stays usable all along.
 */
export function CaptureStatus() {
  const { t } = useTranslation();
  const activity = useCapture((s) => s.activity);
  const cancel = useCapture((s) => s.cancel);
  const dismiss = useCapture((s) => s.dismiss);
  const steps = useCapture((s) => s.opened?.session.events.length ?? 0);

  let body: React.ReactNode = null;
  let spoken = '';
  switch (activity.kind) {
    case 'reading': {
      const percent = percentRead(activity.bytesRead, activity.totalBytes);
      const quarter = percent === undefined ? 0 : Math.floor(percent / 25) * 25;
      spoken = [
        t('capture.reading', { name: activity.name }),
        quarter > 0 ? t('capture.progress', { percent: quarter }) : '',
      ]
        .filter(Boolean)
        .join(' ');
      body = (
        <div className="capture-status capture-reading" data-presentation="hidden">
          <p className="capture-status-text">{t('capture.reading', { name: activity.name })}</p>
          <progress
            className="capture-progress"
            max={100}
            value={percent}
            aria-label={t('capture.progressLabel')}
            aria-valuetext={percent === undefined ? undefined : t('capture.progress', { percent })}
          />
          <span className="capture-percent" aria-hidden="true">
            {percent === undefined ? '' : t('capture.progress', { percent })}
          </span>
          <button type="button" className="outline-button" onClick={cancel}>
            {t('capture.cancel')}
          </button>
          <p className="capture-status-privacy">{t('capture.privacy')}</p>
        </div>
      );
      break;
    }
    case 'cancelled':
      spoken = t('capture.failed.cancelled', { name: activity.name });
      body = (
        <div className="capture-status" data-presentation="hidden">
          <p className="capture-status-text">{spoken}</p>
          <button type="button" className="outline-button" onClick={dismiss}>
            {t('capture.dismiss')}
          </button>
        </div>
      );
      break;
    case 'opened':
      // Said, not shown: the capture view itself shows what was opened.
      spoken = t('capture.openedAnnounce', {
        name: activity.name,
        index: activity.index,
        count: activity.count,
        steps,
      });
      break;
    case 'failed':
    case 'idle':
      break;
  }

  return (
    <>
      <div className="visually-hidden" role="status">
        {spoken}
      </div>
      {/* An alert region that is always there, so that the message is announced when it appears. */}
      <div role="alert" className="capture-alert-region">
        {activity.kind === 'failed' && (
          <div className="capture-status capture-failed">
            <span className="capture-failed-icon" aria-hidden="true">
              !
            </span>
            <div>
              <p className="capture-failed-heading">{t('capture.failed.heading', { name: activity.name })}</p>
              <p>{t(activity.key, activity.params)}</p>
              <p className="capture-failed-unchanged">{t('capture.failed.unchanged')}</p>
            </div>
            <button type="button" className="outline-button" onClick={dismiss}>
              {t('capture.dismiss')}
            </button>
          </div>
        )}
      </div>
      {body}
    </>
  );
}
