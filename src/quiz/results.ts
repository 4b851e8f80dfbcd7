import type { Answer, Progress } from './progress';
import { TOPICS, type Message, type Question, type QuizConfig, type Topic } from './types';

export interface TopicMastery {
  readonly topic: Topic;
  readonly correct: number;
  readonly total: number;
}

export interface QuizResults {
  readonly correct: number;
  readonly total: number;
  /** Per topic of the quiz, in the catalogue's order. */
  readonly mastery: readonly TopicMastery[];
  /** The questions answered wrongly, in quiz order. */
  readonly wrong: readonly Question[];
}

/** The score of a round: the answers given to its questions (unanswered ones count as not correct). */
export function quizResults(questions: readonly Question[], answers: readonly Answer[]): QuizResults {
  const byId = new Map(answers.map((a) => [a.id, a]));
  const mastery = TOPICS.flatMap((topic) => {
    const qs = questions.filter((q) => q.topic === topic);
    if (qs.length === 0) return [];
    return [{ topic, total: qs.length, correct: qs.filter((q) => byId.get(q.id)?.correct === true).length }];
  });
  return {
    correct: questions.filter((q) => byId.get(q.id)?.correct === true).length,
    total: questions.length,
    mastery,
    wrong: questions.filter((q) => byId.get(q.id)?.correct === false),
  };
}

/** The next question of the round still to answer, or undefined when the round is done. */
export function nextQuestion(
  questions: readonly Question[],
  answers: readonly Answer[],
): Question | undefined {
  const done = new Set(answers.map((a) => a.id));
  return questions.find((q) => !done.has(q.id));
}

/** The questions of the current round: the whole quiz, or the retry's subset. */
export function roundQuestions(questions: readonly Question[], progress: Progress): Question[] {
  if (!progress.retry) return [...questions];
  const ids = new Set(progress.retry.ids);
  return questions.filter((q) => ids.has(q.id));
}

/** A result file to hand in: per question what was asked, what was answered, and whether it was right. */
export interface ResultExport {
  readonly app: 'ftp-flow-lab';
  readonly kind: 'quiz-result';
  readonly version: 1;
  readonly quiz: QuizConfig;
  readonly language: string;
  readonly exportedAt: string;
  readonly score: { readonly correct: number; readonly total: number };
  readonly retry?: { readonly correct: number; readonly total: number };
  readonly questions: readonly {
    readonly id: string;
    readonly topic: Topic;
    readonly asked: string;
    readonly answered: string | null;
    readonly correct: boolean;
    readonly expected: string;
    readonly retryAnswered?: string;
    readonly retryCorrect?: boolean;
  }[];
}

/**
 * Builds the export; `render` turns messages into text in the learner's language, so the teacher reads
 * the questions as the student saw them.
 */
export function buildResultExport(
  questions: readonly Question[],
  progress: Progress,
  render: (m: Message) => string,
  meta: { readonly language: string; readonly exportedAt: string },
): ResultExport {
  const first = new Map(progress.answers.map((a) => [a.id, a]));
  const retry = new Map((progress.retry?.answers ?? []).map((a) => [a.id, a]));
  const answerText = (q: Question, response: string): string => {
    if (q.kind === 'free') return response;
    const choice = q.choices.find((c) => c.id === response);
    return choice ? render(choice.text) : response;
  };
  const results = quizResults(questions, progress.answers);
  const retryResults = progress.retry
    ? quizResults(roundQuestions(questions, progress), progress.retry.answers)
    : undefined;
  return {
    app: 'ftp-flow-lab',
    kind: 'quiz-result',
    version: 1,
    quiz: progress.quiz,
    language: meta.language,
    exportedAt: meta.exportedAt,
    score: { correct: results.correct, total: results.total },
    ...(retryResults ? { retry: { correct: retryResults.correct, total: retryResults.total } } : {}),
    questions: questions.map((q) => {
      const a = first.get(q.id);
      const r = retry.get(q.id);
      return {
        id: q.id,
        topic: q.topic,
        asked: [...q.facts, ...q.context, q.prompt].map(render).join('\n'),
        answered: a ? answerText(q, a.response) : null,
        correct: a?.correct ?? false,
        expected: answerText(q, q.answer),
        ...(r ? { retryAnswered: answerText(q, r.response), retryCorrect: r.correct } : {}),
      };
    }),
  };
}
