import { useTranslation } from 'react-i18next';
import { useQuiz, type QuizNotice } from '../../store/quizStore';

/**
 * What happened to the saved progress or the link, in words. The region stays in the page so that a
 * notice appearing in it is announced.
 */
export function QuizNotices() {
  const { t } = useTranslation();
  const notices = useQuiz((s) => s.notices);
  const progress = useQuiz((s) => s.progress);
  const dismiss = useQuiz((s) => s.dismissNotice);
  const text = (n: QuizNotice): string =>
    n === 'fromLink' && progress
      ? t('quiz.notice.fromLink', { count: progress.quiz.count, seed: progress.quiz.seed })
      : t(`quiz.notice.${n}`);
  return (
    <div role="status" className="quiz-notices">
      {notices.map((n) => (
        <div
          key={n}
          className={`quiz-notice quiz-notice-${n === 'fromLink' || n === 'migrated' ? 'info' : 'warn'}`}
        >
          <span className="quiz-notice-icon" aria-hidden="true">
            {n === 'fromLink' || n === 'migrated' ? 'i' : '!'}
          </span>
          <p>{text(n)}</p>
          <button type="button" onClick={() => dismiss(n)}>
            {t('quiz.notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
