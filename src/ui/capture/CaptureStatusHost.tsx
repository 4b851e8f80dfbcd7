import { useTranslation } from 'react-i18next';
import { loadedCaptureFeature, useCaptureEntry } from './captureEntry';

/**
 * Where a capture being read shows its progress and cancel button, and a file that cannot be read its
 * message: on every view, once the capture feature has loaded (before a file is opened, nothing of it
 * loads).
 */
export function CaptureStatusHost() {
  const { t } = useTranslation();
  const ready = useCaptureEntry((s) => s.ready);
  const loadFailed = useCaptureEntry((s) => s.loadFailed);
  const Status = ready ? loadedCaptureFeature()?.CaptureStatus : undefined;
  return (
    <>
      {loadFailed && (
        <p className="capture-load-failed" role="alert">
          {t('shell.capture.loadFailed')}
        </p>
      )}
      {Status && <Status />}
    </>
  );
}
