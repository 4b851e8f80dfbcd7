import { useTranslation } from 'react-i18next';
import { useProgress, type ProgressNotice } from '../../progress';
import { useQuiz, type QuizNotice } from '../../store/quizStore';
import { downloadKeptAside } from '../progress/ProgressPanel';

const INFO: readonly (QuizNotice | ProgressNotice)[] = ['fromLink', 'migrated'];

/**
 * What happened to the saved progress or the link, in words. The region stays in the page so that a
 * notice appearing in it is announced.
 */
export function QuizNotices() {
  const { t } = useTranslation();
  const quizNotices = useQuiz((s) => s.notices);
  const progressNotices = useProgress((s) => s.notices);
  const progress = useQuiz((s) => s.progress);
  const dismissQuiz = useQuiz((s) => s.dismissNotice);
  const dismissProgress = useProgress((s) => s.dismissNotice);
  const notices = [
    ...quizNotices.map((n) => ({
      id: n,
      text:
        n === 'fromLink' && progress
          ? t('quiz.notice.fromLink', { count: progress.quiz.count, seed: progress.quiz.seed })
          : t(`quiz.notice.${n}`),
      dismiss: () => dismissQuiz(n),
      dismissLabel: t('quiz.notice.dismiss'),
    })),
    ...progressNotices.map((n) => ({
      id: n,
      text: t(`progress.notice.${n}`),
      dismiss: () => dismissProgress(n),
      dismissLabel: t('progress.notice.dismiss'),
    })),
  ];
  return (
    <div role="status" className="quiz-notices">
      {notices.map((n) => {
        const info = INFO.includes(n.id);
        return (
          <div key={n.id} className={`quiz-notice quiz-notice-${info ? 'info' : 'warn'}`}>
            <span className="quiz-notice-icon" aria-hidden="true">
              {info ? 'i' : '!'}
            </span>
            <p>{n.text}</p>
            {n.id === 'keptAside' && (
              <button type="button" onClick={downloadKeptAside}>
                <span aria-hidden="true">⤓ </span>
                {t('progress.notice.download')}
              </button>
            )}
            <button type="button" onClick={n.dismiss}>
              {n.dismissLabel}
            </button>
          </div>
        );
      })}
    </div>
  );
}
