import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SEED, TOPICS, parseQuizConfig, type QuizConfig, type Topic } from '../../quiz';
import { isLanguage } from '../../i18n/language';
import { useQuiz } from '../../store/quizStore';
import { quizLinkUrl } from './quizLink';

export const QUESTION_COUNTS = [5, 10, 15, 20, 30] as const;

/** A quiz number that is easy to read aloud to a class. */
function randomSeed(): number {
  return Math.floor(Math.random() * 1_000_000);
}

/** The seed field: empty (random) or a whole number in range; undefined when it is neither. */
function readSeed(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,10}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= MAX_SEED ? n : undefined;
}

/** Choose topics, how many questions and the quiz number; start, or make a link for a class. */
export function StartScreen() {
  const { t, i18n } = useTranslation();
  const start = useQuiz((s) => s.start);
  const [topics, setTopics] = useState<readonly Topic[]>(TOPICS);
  const [count, setCount] = useState<number>(10);
  const [seedText, setSeedText] = useState('');
  // The quiz the link names; the link itself follows the language on screen.
  const [linked, setLinked] = useState<QuizConfig | null>(null);
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const link = linked && quizLinkUrl(linked, window.location, language);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const id = useId();
  const seedRef = useRef<HTMLInputElement>(null);

  const seed = readSeed(seedText);
  const seedInvalid = seed === undefined;
  const noTopic = topics.length === 0;

  const config = (s: number): QuizConfig | undefined => parseQuizConfig({ seed: s, topics, count });

  const toggle = (topic: Topic, on: boolean): void => {
    setTopics((ts) =>
      on ? TOPICS.filter((x) => x === topic || ts.includes(x)) : ts.filter((x) => x !== topic),
    );
    setLinked(null);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (seedInvalid || noTopic) {
      // The error is already on screen next to the field: take the learner there.
      (seedInvalid
        ? seedRef.current
        : e.currentTarget.querySelector<HTMLElement>('input[type="checkbox"]')
      )?.focus();
      return;
    }
    const c = config(seed ?? randomSeed());
    if (c) start(c);
  };

  const makeLink = (): void => {
    if (seedInvalid || noTopic) return;
    let s = seed;
    if (s === null) {
      // A link must name its quiz: fill in a number the teacher can also read out.
      s = randomSeed();
      setSeedText(String(s));
    }
    const c = config(s);
    if (c) setLinked(c);
    setCopyState('idle');
  };

  const copy = async (): Promise<void> => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  return (
    <section className="quiz-card quiz-start" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('quiz.start.heading')}</h3>
      <form onSubmit={onSubmit} noValidate>
        <fieldset className="quiz-topics" aria-describedby={noTopic ? `${id}-topics-error` : undefined}>
          <legend>{t('quiz.start.topics')}</legend>
          {TOPICS.map((topic) => (
            <label key={topic} className="quiz-topic">
              <input
                type="checkbox"
                checked={topics.includes(topic)}
                onChange={(e) => toggle(topic, e.target.checked)}
                aria-describedby={`${id}-hint-${topic}`}
              />
              <span>
                <span className="quiz-topic-name">{t(`quiz.topics.${topic}`)}</span>
                <span className="quiz-topic-hint" id={`${id}-hint-${topic}`}>
                  {t(`quiz.topicHints.${topic}`)}
                </span>
              </span>
            </label>
          ))}
          {noTopic && (
            <p className="quiz-error" id={`${id}-topics-error`}>
              <span aria-hidden="true">! </span>
              {t('quiz.start.noTopic')}
            </p>
          )}
        </fieldset>

        <div className="quiz-fields">
          <div className="quiz-field">
            <label htmlFor={`${id}-count`}>{t('quiz.start.count')}</label>
            <select
              id={`${id}-count`}
              value={count}
              onChange={(e) => {
                setCount(Number(e.target.value));
                setLinked(null);
              }}
            >
              {QUESTION_COUNTS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <div className="quiz-field">
            <label htmlFor={`${id}-seed`}>{t('quiz.start.seed')}</label>
            <input
              ref={seedRef}
              id={`${id}-seed`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={seedText}
              aria-invalid={seedInvalid}
              aria-describedby={`${id}-seed-hint${seedInvalid ? ` ${id}-seed-error` : ''}`}
              onChange={(e) => {
                setSeedText(e.target.value);
                setLinked(null);
              }}
            />
            <p className="quiz-hint" id={`${id}-seed-hint`}>
              {t('quiz.start.seedHint')}
            </p>
            {seedInvalid && (
              <p className="quiz-error" id={`${id}-seed-error`}>
                <span aria-hidden="true">! </span>
                {t('quiz.start.seedInvalid', { max: MAX_SEED })}
              </p>
            )}
          </div>
        </div>

        <button type="submit" className="quiz-primary">
          {t('quiz.start.start')}
        </button>
      </form>

      <div className="quiz-link">
        <h4>{t('quiz.link.heading')}</h4>
        <p className="quiz-hint">{t('quiz.link.explain')}</p>
        <button type="button" onClick={makeLink} disabled={seedInvalid || noTopic}>
          {t('quiz.link.make')}
        </button>
        {link && (
          <div className="quiz-link-output">
            <label htmlFor={`${id}-link`}>{t('quiz.link.label')}</label>
            <div className="quiz-link-row">
              <input id={`${id}-link`} type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
              <button type="button" onClick={() => void copy()}>
                {t('quiz.link.copy')}
              </button>
            </div>
            <p role="status" className="quiz-hint">
              {copyState === 'copied'
                ? t('quiz.link.copied')
                : copyState === 'failed'
                  ? t('quiz.link.copyFailed')
                  : ''}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
