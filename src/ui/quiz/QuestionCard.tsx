import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { gradeAnswer, isReadable, type Answer, type Question } from '../../quiz';
import { useQuiz } from '../../store/quizStore';
import { Feedback } from './Feedback';
import { QuestionText } from './QuestionText';
import { renderMessage } from './renderMessage';

interface Props {
  readonly question: Question;
  /** Position in the round (1-based) and the round's size. */
  readonly position: number;
  readonly total: number;
  readonly retry: boolean;
  /** The answer already given, when the card shows its feedback. */
  readonly answered: Answer | undefined;
  /** Whether this is the round's last question (the button after feedback then leads to the results). */
  readonly last: boolean;
  readonly correctSoFar: number;
}

/**
 * One question (render it with `key={question.id}`, so a new question starts with a fresh field): the prompt, a radio group or a text field, "Check the answer" (Enter works in both),
 * then the feedback in a live region and a button to go on, which takes the focus.
 */
export function QuestionCard({ question, position, total, retry, answered, last, correctSoFar }: Props) {
  const { t } = useTranslation();
  const answer = useQuiz((s) => s.answer);
  const next = useQuiz((s) => s.next);
  const id = useId();
  const [response, setResponse] = useState('');
  const [problem, setProblem] = useState<'empty' | 'format' | null>(null);
  const [warnedFor, setWarnedFor] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const answeredRef = useRef(answered !== undefined);
  const movedRef = useRef(useQuiz.getState().moved);

  // A question the learner moved to (the card is keyed by question): focus on its heading, so a screen
  // reader starts reading there. Not on arrival (a reload, a link): the page keeps its natural order.
  useEffect(() => {
    if (movedRef.current && !answeredRef.current) headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (answered) nextRef.current?.focus();
  }, [answered]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (answered) return;
    const text = response;
    if (text.trim() === '') {
      setProblem('empty');
      return;
    }
    // An answer that cannot be read in the expected notation gets one warning before it is graded.
    if (question.kind === 'free' && !isReadable(question.format, text) && warnedFor !== text) {
      setWarnedFor(text);
      setProblem('format');
      return;
    }
    setProblem(null);
    answer(question.id, text, gradeAnswer(question, text));
  };

  // Radio buttons do not submit their form on Enter by themselves.
  const onChoiceKey = (e: KeyboardEvent<HTMLFieldSetElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const prompt = renderMessage(question.prompt, t);
  const shownResponse = answered?.response ?? response;
  const progressText = t(retry ? 'quiz.question.retryProgress' : 'quiz.question.progress', {
    current: position,
    total,
  });

  return (
    <section className="quiz-card quiz-question" aria-labelledby={`${id}-heading`}>
      <div className="quiz-question-meta">
        <span>{progressText}</span>
        <span className="quiz-topic-badge">{t(`quiz.topics.${question.topic}`)}</span>
        <span>{t('quiz.question.score', { correct: correctSoFar })}</span>
      </div>
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="quiz-prompt">
        <span className="visually-hidden">{progressText}: </span>
        {prompt}
      </h3>
      <QuestionText question={question} />

      <form ref={formRef} onSubmit={submit} noValidate>
        {question.kind === 'choice' ? (
          <fieldset
            className="quiz-choices"
            onKeyDown={onChoiceKey}
            aria-describedby={problem ? `${id}-problem` : undefined}
          >
            <legend className="visually-hidden">{prompt}</legend>
            {question.choices.map((c) => {
              const chosen = shownResponse === c.id;
              const isAnswer = answered !== undefined && c.id === question.answer;
              const mark = answered ? (isAnswer ? 'correct' : chosen ? 'wrong' : null) : null;
              return (
                <label key={c.id} className={`quiz-choice${mark ? ` quiz-choice-${mark}` : ''}`}>
                  <input
                    type="radio"
                    name={`${id}-choice`}
                    value={c.id}
                    checked={chosen}
                    disabled={answered !== undefined}
                    onChange={() => {
                      setResponse(c.id);
                      setProblem(null);
                    }}
                  />
                  <span className="quiz-choice-text">{renderMessage(c.text, t)}</span>
                  {mark && (
                    <span className="quiz-choice-mark">
                      <span aria-hidden="true">{mark === 'correct' ? '✓ ' : '✗ '}</span>
                      {mark === 'correct' ? t('quiz.feedback.correct') : t('quiz.feedback.incorrect')}
                    </span>
                  )}
                </label>
              );
            })}
          </fieldset>
        ) : (
          <div className="quiz-field quiz-free">
            <label htmlFor={`${id}-answer`}>{t('quiz.question.yourAnswer')}</label>
            <input
              id={`${id}-answer`}
              type="text"
              inputMode={question.format === 'port' ? 'numeric' : 'text'}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              value={shownResponse}
              readOnly={answered !== undefined}
              aria-invalid={problem !== null}
              aria-describedby={`${id}-format${problem ? ` ${id}-problem` : ''}`}
              onChange={(e) => {
                setResponse(e.target.value);
                setProblem(null);
              }}
            />
            <p className="quiz-hint" id={`${id}-format`}>
              {t(`quiz.format.${question.format}.hint`)}
            </p>
          </div>
        )}
        <p className="quiz-error" id={`${id}-problem`} role="alert">
          {problem && <span aria-hidden="true">! </span>}
          {problem === 'empty'
            ? t(question.kind === 'choice' ? 'quiz.question.chooseFirst' : 'quiz.question.typeFirst')
            : problem === 'format' && question.kind === 'free'
              ? t('quiz.question.formatWarning', { format: t(`quiz.format.${question.format}.name`) })
              : ''}
        </p>
        {!answered && (
          <button type="submit" className="quiz-primary">
            {t('quiz.question.submit')}
          </button>
        )}
      </form>

      <Feedback question={question} answered={answered} />
      {answered && (
        <button type="button" ref={nextRef} className="quiz-primary quiz-next" onClick={next}>
          {last ? t('quiz.question.finish') : t('quiz.question.next')}
          <span aria-hidden="true"> →</span>
        </button>
      )}
    </section>
  );
}
