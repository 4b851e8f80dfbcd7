import {
  canonicalJson,
  type ChapterRecord,
  type Prediction,
  type ProgressDocument,
  type QuizRecord,
} from './document';

/**
 * Two copies of the progress (this tab's and what another tab saved, or this browser's and an imported
 * file) become one, activity by activity, keeping the more advanced of each: nothing either copy holds is
 * lost. Commutative up to `activeQuiz`, which stays `ours` (each tab shows its own quiz, and leaving one
 * is `null`).
 */
export function mergeDocuments(ours: ProgressDocument, theirs: ProgressDocument): ProgressDocument {
  const quizzes: Record<string, QuizRecord> = { ...theirs.quizzes };
  for (const [key, record] of Object.entries(ours.quizzes)) {
    const other = quizzes[key];
    quizzes[key] = other ? moreAdvancedQuiz(record, other) : record;
  }
  const chapters: Record<string, ChapterRecord> = { ...theirs.chapters };
  for (const [id, record] of Object.entries(ours.chapters)) {
    const other = chapters[id];
    chapters[id] = other ? mergeChapters(record, other) : record;
  }
  return { version: ours.version, quizzes, chapters, activeQuiz: ours.activeQuiz };
}

/**
 * How far a quiz has got, compared left to right: a later attempt ("take the same quiz again" is a
 * deliberate new start), then a later round ("retry just the wrong ones"), then more answers in the
 * round. Every action a learner takes moves one of them forward.
 */
function advancement(r: QuizRecord): readonly number[] {
  return [r.attempt, r.round, r.retry ? r.retry.answers.length : r.answers.length];
}

/** The more advanced of two copies of one quiz; when neither is, the more recently changed. */
export function moreAdvancedQuiz(a: QuizRecord, b: QuizRecord): QuizRecord {
  const [x, y] = [advancement(a), advancement(b)];
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0 ? a : b;
  }
  if (a.updatedAt !== b.updatedAt) return b.updatedAt > a.updatedAt ? b : a;
  return later(a, b);
}

/**
 * The same pick from either side when nothing else tells two copies apart: two tabs merging each other's
 * copies must agree, or each would write its own back for ever.
 */
function later<T>(a: T, b: T): T {
  return canonicalJson(b) > canonicalJson(a) ? b : a;
}

/**
 * One chapter from two copies: every checkpoint either copy predicted (the later prediction when both
 * did), completed when either completed it (at the earlier time).
 */
export function mergeChapters(a: ChapterRecord, b: ChapterRecord): ChapterRecord {
  const predictions = { ...b.predictions };
  for (const [id, p] of Object.entries(a.predictions)) {
    const other = predictions[id];
    predictions[id] = other ? laterPrediction(p, other) : p;
  }
  const completed = [a.completedAt, b.completedAt].filter((t): t is number => t !== undefined);
  return {
    predictions,
    ...(completed.length ? { completedAt: Math.min(...completed) } : {}),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
}

function laterPrediction(a: Prediction, b: Prediction): Prediction {
  return a.at !== b.at ? (b.at > a.at ? b : a) : later(a, b);
}
