import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPTURE_LIMITS } from '../../import/limits';
import { selectPresenting, selectReplaying } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { DEFAULT_VIEW } from '../../store/uiSlice';
import { CaptureComparison } from './CaptureComparison';
import { CaptureFindings } from './CaptureFindings';
import { CaptureReplay } from './CaptureReplay';
import { CaptureSummary } from './CaptureSummary';
import { useCapture } from './captureStore';
import { loadCaptureFeature } from './captureEntry';
import { KEEP_LIMIT_BYTES } from './keptCapture';
import { OpenCaptureButton } from './OpenCaptureButton';
import { PrivacyNote } from './PrivacyNote';
import { useHeightVariable } from '../stage/useSizeVariable';
import './capture.css';

/**
 * A real capture: where to open one (a drop anywhere, or the picker) and, once read, its session replayed
 * like a simulation (the store replays the captured events), what the capture suggests (inferred), and
 * "Simulate this scenario" to hold it against the engine.
 */
export function CaptureView() {
  const opened = useCapture((s) => s.opened);
  const replaying = useSim(selectReplaying);
  return (
    <main className="capture" aria-labelledby="capture-heading">
      {opened && replaying === 'capture' ? <OpenedCapture /> : <CaptureStart />}
    </main>
  );
}

function CaptureStart() {
  const { t } = useTranslation();
  const restore = useCapture((s) => s.restore);
  // After a reload: the capture opened last comes back, read again from the copy this browser kept (with
  // the reader's status on every view, as for a file just picked).
  useEffect(() => void loadCaptureFeature().then(restore, () => undefined), [restore]);
  return (
    <div className="capture-start">
      <h2 id="capture-heading">{t('capture.start.heading')}</h2>
      <p>{t('capture.start.intro')}</p>
      <div className="capture-dropzone">
        <p>{t('capture.start.drop')}</p>
        <OpenCaptureButton className="primary-button" describedBy="capture-open-hint" />
        <p id="capture-open-hint" className="hint">
          {t('capture.openHint', { limit: Math.round(CAPTURE_LIMITS.maxFileBytes / (1024 * 1024)) })}
        </p>
      </div>
      <PrivacyNote />
    </div>
  );
}

/** The opening whose heading last took the focus. */
let headingFocusedFor = 0;

function OpenedCapture() {
  const { t } = useTranslation();
  const opened = useCapture((s) => s.opened);
  const comparing = useCapture((s) => s.comparing);
  const setComparing = useCapture((s) => s.setComparing);
  const forget = useCapture((s) => s.forget);
  const setView = useSim((s) => s.setView);
  const openings = useCapture((s) => s.openings);
  const presenting = useSim(selectPresenting);
  const heading = useRef<HTMLHeadingElement>(null);
  const head = useRef<HTMLDivElement>(null);
  // The replay's first screen is what is left under the app's header and this one.
  useHeightVariable(head, '--capture-head-h');

  // A capture (or another session of it) just opened: the reader lands on its heading, once. Coming
  // back to the view later leaves the focus where it is (on the tab).
  useEffect(() => {
    if (openings === headingFocusedFor) return;
    headingFocusedFor = openings;
    heading.current?.focus();
  }, [openings]);

  if (!opened) return null;
  const summary = <CaptureSummary opened={opened} />;
  return (
    <>
      <div className="capture-head" ref={head}>
        <h2 id="capture-heading" ref={heading} tabIndex={-1}>
          {t('capture.heading', { name: opened.file.name })}
        </h2>
        <div className="capture-tools">
          {/* The one tool a class needs: the capture, then the model beside it. */}
          {comparing ? (
            <button type="button" className="primary-button" onClick={() => setComparing(false)}>
              {t('capture.compare.back')}
            </button>
          ) : (
            <button
              type="button"
              className="primary-button"
              aria-describedby="capture-simulate-hint"
              onClick={() => setComparing(true)}
            >
              {t('capture.simulate')}
            </button>
          )}
          <span className="capture-file-tools" data-presentation="hidden">
            <OpenCaptureButton label={t('capture.openAnother')} />
            <button type="button" className="outline-button" onClick={() => setView(DEFAULT_VIEW)}>
              {t('capture.close')}
            </button>
            <button type="button" className="link-button" onClick={forget}>
              {t('capture.forget')}
            </button>
          </span>
        </div>
      </div>
      {/* On a projector the story comes first: what the capture is about follows it. */}
      {!presenting && summary}
      {comparing ? <CaptureComparison opened={opened} /> : <CaptureReplay />}
      {presenting && summary}
      <CaptureFindings findings={opened.session.findings} />
      <PrivacyNote />
      <KeepingNote />
    </>
  );
}

/** Whether a reload brings this capture back, and if not why. */
function KeepingNote() {
  const { t } = useTranslation();
  const keeping = useCapture((s) => s.keeping);
  if (!keeping) return null;
  const MB = 1024 * 1024;
  return (
    <p className="capture-keeping" data-presentation="hidden">
      {keeping.kind === 'kept' && t('capture.kept.kept')}
      {keeping.kind === 'too-big' &&
        t('capture.kept.tooBig', {
          size: Math.ceil(keeping.size / MB),
          limit: Math.round(KEEP_LIMIT_BYTES / MB),
        })}
      {keeping.kind === 'failed' && t('capture.kept.failed', { message: keeping.message })}
    </p>
  );
}
