import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  keptAsideFile,
  MAX_PROGRESS_FILE_BYTES,
  progressFile,
  useProgress,
  type ImportResult,
} from '../../progress';
import { datedFileName, downloadFile } from './downloadFile';
import './progress.css';

/** Downloads everything kept aside, as it was found. */
export function downloadKeptAside(): void {
  const now = new Date();
  downloadFile(datedFileName('kept-aside', now), keptAsideFile(useProgress.getState().keptAside, now));
}

type Outcome = ImportResult | { readonly ok: false; readonly problem: 'unreadable' };

/**
 * "Your progress": all of it to a file and back on another computer (there are no accounts), and what
 * was kept aside, to download. Everything here works by keyboard: buttons, and the browser's own file
 * picker behind a labelled input.
 */
export function ProgressPanel() {
  const { t } = useTranslation();
  const keptAside = useProgress((s) => s.keptAside);
  const importProgress = useProgress((s) => s.importProgress);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const id = useId();

  const exportAll = (): void => {
    const { document, keptAside: kept } = useProgress.getState();
    const now = new Date();
    downloadFile(datedFileName('progress', now), progressFile(document, kept, now));
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    let result: Outcome;
    if (file.size > MAX_PROGRESS_FILE_BYTES) result = { ok: false, problem: 'tooLarge' };
    else {
      try {
        result = importProgress(await file.text());
      } catch {
        result = { ok: false, problem: 'unreadable' };
      }
    }
    setOutcome(result);
    // The same file may be chosen again (after fixing something), and must then fire a change again.
    input.value = '';
  };

  return (
    <section className="quiz-card progress-panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('progress.heading')}</h3>
      <p className="quiz-hint">{t('progress.explain')}</p>
      <div className="progress-actions">
        <button type="button" onClick={exportAll}>
          <span aria-hidden="true">⤓ </span>
          {t('progress.export')}
        </button>
        <div className="progress-import">
          <label htmlFor={`${id}-import`}>{t('progress.import')}</label>
          <input
            id={`${id}-import`}
            type="file"
            accept="application/json,.json"
            aria-describedby={`${id}-import-hint`}
            onChange={(e) => void onFile(e)}
          />
          <p className="quiz-hint" id={`${id}-import-hint`}>
            {t('progress.importHint')}
          </p>
        </div>
      </div>
      <p
        role="status"
        className={`progress-outcome${outcome && !outcome.ok ? ' progress-outcome-error' : ''}`}
      >
        {outcome &&
          (outcome.ok ? (
            <>
              <span aria-hidden="true">✓ </span>
              {t('progress.imported', { quizzes: outcome.quizzes, chapters: outcome.chapters })}
            </>
          ) : (
            <>
              <span aria-hidden="true">! </span>
              {t(`progress.problem.${outcome.problem}`)}
            </>
          ))}
      </p>
      {keptAside.length > 0 && (
        <div className="progress-kept-aside">
          <h4>{t('progress.keptAside.heading')}</h4>
          <p className="quiz-hint">{t('progress.keptAside.explain', { count: keptAside.length })}</p>
          <button type="button" onClick={downloadKeptAside}>
            <span aria-hidden="true">⤓ </span>
            {t('progress.keptAside.download')}
          </button>
        </div>
      )}
    </section>
  );
}
