import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useProgress, type QuizRecord } from '../../progress';
import { useQuiz } from '../../store/quizStore';

/** Where a saved quiz stands, from its record alone (listing never regenerates the questions). */
function standing(r: QuizRecord): { done: boolean; text: [string, Record<string, number>] } {
  if (r.retry) {
    const answered = r.retry.answers.length;
    const total = r.retry.ids.length;
    return { done: answered >= total, text: ['quiz.saved.retryAnswered', { answered, total }] };
  }
  const answered = r.answers.length;
  const total = r.quiz.count;
  if (answered < total) return { done: false, text: ['quiz.saved.answered', { answered, total }] };
  const correct = r.answers.filter((a) => a.correct).length;
  return { done: true, text: ['quiz.saved.finished', { correct, total }] };
}

/**
 * Every quiz taken in this browser, the latest first, each with where it stands and a way back into it:
 * opening another quiz (a teacher's link) never takes one away.
 */
export function SavedQuizzes() {
  const { t } = useTranslation();
  const quizzes = useProgress((s) => s.document.quizzes);
  const start = useQuiz((s) => s.start);
  const id = useId();
  const records = Object.values(quizzes).sort((a, b) => b.updatedAt - a.updatedAt);
  if (records.length === 0) return null;
  return (
    <section className="quiz-card quiz-saved" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('quiz.saved.heading')}</h3>
      <p className="quiz-hint">{t('quiz.saved.explain')}</p>
      <ul className="quiz-saved-list">
        {records.map((r) => {
          const { done, text } = standing(r);
          const topics = r.quiz.topics.map((topic) => t(`quiz.topics.${topic}`)).join(', ');
          return (
            <li key={`${r.quiz.seed}-${r.quiz.count}-${r.quiz.topics.join('+')}`} className="quiz-saved-item">
              <div>
                <p className="quiz-saved-title">
                  {t('quiz.saved.title', { seed: r.quiz.seed, count: r.quiz.count })}
                </p>
                <p className="quiz-hint">{topics}</p>
                <p>
                  <span aria-hidden="true">{done ? '✓ ' : '… '}</span>
                  {t(text[0], text[1])}
                </p>
              </div>
              <button type="button" onClick={() => start(r.quiz)}>
                {t(done ? 'quiz.saved.results' : 'quiz.saved.continue', { seed: r.quiz.seed })}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
