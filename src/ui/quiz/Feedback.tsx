import { useTranslation } from 'react-i18next';
import { freeValue, type Answer, type Question } from '../../quiz';
import { renderMessage } from './renderMessage';
import { ShowMeLink } from './ShowMeLink';

/** The text of a response: the choice's words, or what was typed. */
export function responseText(
  question: Question,
  response: string,
  t: Parameters<typeof renderMessage>[1],
): string {
  if (question.kind === 'free') return response;
  const choice = question.choices.find((c) => c.id === response);
  return choice ? renderMessage(choice.text, t) : response;
}

/**
 * Right or wrong (an icon and a word, never colour alone), the keyed answer, why, and "Show me". The
 * live region is always in the page, so its new content is announced when an answer is checked.
 */
export function Feedback({ question, answered }: { question: Question; answered: Answer | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="quiz-feedback-region" role="status" aria-live="polite">
      {answered && (
        <div className={`quiz-feedback quiz-feedback-${answered.correct ? 'correct' : 'incorrect'}`}>
          <p className="quiz-verdict">
            <span className="quiz-verdict-icon" aria-hidden="true">
              {answered.correct ? '✓' : '✗'}
            </span>
            {answered.correct ? t('quiz.feedback.correct') : t('quiz.feedback.incorrect')}
          </p>
          {!answered.correct && (
            <>
              <p>{t('quiz.feedback.yourAnswer', { answer: responseText(question, answered.response, t) })}</p>
              {question.kind === 'free' && freeValue(question.format, answered.response) === undefined && (
                <p>{t('quiz.feedback.unreadable', { format: t(`quiz.format.${question.format}.name`) })}</p>
              )}
              <p>{t('quiz.feedback.expected', { answer: responseText(question, question.answer, t) })}</p>
            </>
          )}
          <h4>{t('quiz.feedback.why')}</h4>
          {question.explanation.map((m, i) => (
            <p key={i} className="quiz-explanation">
              {renderMessage(m, t)}
            </p>
          ))}
          <ShowMeLink showMe={question.showMe} />
        </div>
      )}
    </div>
  );
}
