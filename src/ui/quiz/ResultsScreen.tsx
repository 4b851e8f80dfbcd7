import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildResultExport,
  quizResults,
  roundQuestions,
  type Progress,
  type Question,
  type TopicMastery,
} from '../../quiz';
import { useQuiz } from '../../store/quizStore';
import { downloadResult } from './exportResult';
import { clearQuizLink } from './quizLink';
import { responseText } from './Feedback';
import { renderMessage } from './renderMessage';
import { ShowMeLink } from './ShowMeLink';

/** Mastery in words (the bar only repeats it): at least 80 % mastered, at least 50 % getting there. */
export function masteryLevel(m: Pick<TopicMastery, 'correct' | 'total'>): 'strong' | 'partial' | 'weak' {
  const share = m.total === 0 ? 0 : m.correct / m.total;
  return share >= 0.8 ? 'strong' : share >= 0.5 ? 'partial' : 'weak';
}

/** The score, mastery per topic, the wrong answers to review, a retry of just those, the export. */
export function ResultsScreen({
  questions,
  progress,
}: {
  questions: readonly Question[];
  progress: Progress;
}) {
  const { t, i18n } = useTranslation();
  const retryWrong = useQuiz((s) => s.retryWrong);
  const restart = useQuiz((s) => s.restart);
  const leave = useQuiz((s) => s.leave);
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Focus on the results when the last answer led here, not when a reload arrives here.
  const movedRef = useRef(useQuiz.getState().moved);
  useEffect(() => {
    if (movedRef.current) headingRef.current?.focus();
  }, []);

  const first = quizResults(questions, progress.answers);
  const retry = progress.retry
    ? quizResults(roundQuestions(questions, progress), progress.retry.answers)
    : undefined;
  const stillWrong = retry ? retry.wrong : first.wrong;
  const answers = new Map((progress.retry ? progress.retry.answers : progress.answers).map((a) => [a.id, a]));
  const percent = first.total === 0 ? 0 : Math.round((100 * first.correct) / first.total);

  const exportResult = (): void => {
    downloadResult(
      buildResultExport(questions, progress, (m) => renderMessage(m, t), {
        language: i18n.resolvedLanguage ?? i18n.language,
        exportedAt: new Date().toISOString(),
      }),
    );
  };

  return (
    <section className="quiz-card quiz-results" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('quiz.results.heading')}
      </h3>
      <p className="quiz-score">
        {t('quiz.results.score', { correct: first.correct, total: first.total, percent })}
      </p>
      {retry && (
        <p className="quiz-score">
          {t('quiz.results.retryScore', { correct: retry.correct, total: retry.total })}
        </p>
      )}

      <h4 id={`${id}-mastery`}>{t('quiz.results.mastery')}</h4>
      <ul className="quiz-mastery" aria-labelledby={`${id}-mastery`}>
        {first.mastery.map((m) => {
          const level = masteryLevel(m);
          return (
            <li key={m.topic} className={`quiz-mastery-${level}`}>
              <span className="quiz-mastery-topic">{t(`quiz.topics.${m.topic}`)}</span>
              <span className="quiz-mastery-score">
                {t('quiz.results.topicScore', { correct: m.correct, total: m.total })}
                {' · '}
                <span className="quiz-mastery-level">
                  <span aria-hidden="true">
                    {level === 'strong' ? '★ ' : level === 'partial' ? '◐ ' : '○ '}
                  </span>
                  {t(`quiz.results.level.${level}`)}
                </span>
              </span>
              <span className="quiz-mastery-bar" aria-hidden="true">
                <span style={{ width: `${m.total === 0 ? 0 : (100 * m.correct) / m.total}%` }} />
              </span>
            </li>
          );
        })}
      </ul>

      <div className="quiz-actions">
        {stillWrong.length > 0 && (
          <button type="button" className="quiz-primary" onClick={retryWrong}>
            {t('quiz.results.retry', { count: stillWrong.length })}
          </button>
        )}
        <button type="button" onClick={exportResult} aria-describedby={`${id}-export-hint`}>
          <span aria-hidden="true">⤓ </span>
          {t('quiz.results.export')}
        </button>
        <button type="button" onClick={restart}>
          {t('quiz.results.again')}
        </button>
        <button
          type="button"
          onClick={() => {
            clearQuizLink();
            leave();
          }}
        >
          {t('quiz.results.newQuiz')}
        </button>
      </div>
      <p className="quiz-hint" id={`${id}-export-hint`}>
        {t('quiz.results.exportHint')}
      </p>

      <h4 id={`${id}-review`}>{retry ? t('quiz.results.retryReview') : t('quiz.results.review')}</h4>
      {stillWrong.length === 0 ? (
        <p>{t('quiz.results.allCorrect')}</p>
      ) : (
        <ol className="quiz-review" aria-labelledby={`${id}-review`}>
          {stillWrong.map((q) => {
            const a = answers.get(q.id);
            return (
              <li key={q.id} className="quiz-review-item">
                <p className="quiz-review-prompt">{renderMessage(q.prompt, t)}</p>
                {q.facts.length > 0 && (
                  <p className="quiz-hint">{q.facts.map((f) => renderMessage(f, t)).join(' · ')}</p>
                )}
                {q.context.map((c, i) => (
                  <p key={i} className="quiz-hint">
                    {renderMessage(c, t)}
                  </p>
                ))}
                <p>
                  <span aria-hidden="true">✗ </span>
                  {t('quiz.feedback.yourAnswer', { answer: a ? responseText(q, a.response, t) : '—' })}
                </p>
                <p>
                  <span aria-hidden="true">✓ </span>
                  {t('quiz.feedback.expected', { answer: responseText(q, q.answer, t) })}
                </p>
                {q.explanation.map((m, i) => (
                  <p key={i} className="quiz-explanation">
                    {renderMessage(m, t)}
                  </p>
                ))}
                <ShowMeLink showMe={q.showMe} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
