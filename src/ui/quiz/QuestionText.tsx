import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question } from '../../quiz';
import { renderMessage } from './renderMessage';

/** What the question gives to work with: the scenario's settings and, for predictions, the last step. */
export function QuestionText({ question }: { question: Question }) {
  const { t } = useTranslation();
  const id = useId();
  if (question.facts.length === 0 && question.context.length === 0) return null;
  return (
    <div className="quiz-given">
      {question.facts.length > 0 && (
        <div className="quiz-facts">
          <h4 id={id}>{t('quiz.question.scenario')}</h4>
          <ul aria-labelledby={id}>
            {question.facts.map((f) => {
              const text = renderMessage(f, t);
              return <li key={text}>{text}</li>;
            })}
          </ul>
        </div>
      )}
      {question.context.map((c) => {
        const text = renderMessage(c, t);
        return (
          <p key={text} className="quiz-context">
            {text}
          </p>
        );
      })}
    </div>
  );
}
