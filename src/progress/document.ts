import * as z from 'zod/mini';
import { formatQuizParam, ProgressSchema, type Progress, type QuizConfig } from '../quiz';

/**
 * Everything a learner has done, kept per activity: each quiz (by its link's identity, seed + count +
 * topics) and each lesson chapter (by its id). Version 2 of what the browser stores; version 1 was a single
 * quiz under another key (`migrate.ts`).
 */
export const DOCUMENT_VERSION = 2;

/** Bounds for stored and imported data (a real learner stays far below them). */
export const LIMITS = {
  quizzes: 500,
  chapters: 200,
  predictions: 100,
  response: 200,
} as const;

/** A quiz's progress: the quiz's own record (`src/quiz/progress.ts`) and when and how often it was taken. */
export const QuizRecordSchema = z.extend(ProgressSchema, {
  /** 1 for the first time through; "take the same quiz again" starts attempt 2, and so on. */
  attempt: z.int().check(z.gte(1), z.lte(10_000)),
  /** 0 for the first round; each "retry just the wrong ones" starts the next. */
  round: z.int().check(z.gte(0), z.lte(10_000)),
  /** Milliseconds since 1970: the last change, to tell the newer of two copies. */
  updatedAt: z.int().check(z.gte(0)),
});
export type QuizRecord = z.infer<typeof QuizRecordSchema>;

/** A quiz is identified by its link parameter: the same seed, count and topics are the same quiz. */
export type QuizKey = string;
export const quizKey = (record: { readonly quiz: QuizConfig }): QuizKey => formatQuizParam(record.quiz);

/** Lesson chapter and checkpoint ids: short, lower-case, URL-safe (`client-firewall`, `who-connects`). */
export const ACTIVITY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const activityId = z.string().check(z.regex(ACTIVITY_ID));

export const PredictionSchema = z.object({
  /** What the learner chose or typed. */
  response: z.string().check(z.maxLength(LIMITS.response)),
  correct: z.boolean(),
  /** Milliseconds since 1970. */
  at: z.int().check(z.gte(0)),
});
export type Prediction = z.infer<typeof PredictionSchema>;

export const ChapterRecordSchema = z.object({
  /** The learner's prediction at each checkpoint, by checkpoint id. */
  predictions: z
    .record(activityId, PredictionSchema)
    .check(z.refine((p) => Object.keys(p).length <= LIMITS.predictions, 'too many predictions')),
  /** When the chapter was first finished (milliseconds since 1970). */
  completedAt: z.optional(z.int().check(z.gte(0))),
  updatedAt: z.int().check(z.gte(0)),
});
export type ChapterRecord = z.infer<typeof ChapterRecordSchema>;

export const ProgressDocumentSchema = z.object({
  version: z.literal(DOCUMENT_VERSION),
  quizzes: z.pipe(
    z
      .record(z.string().check(z.maxLength(200)), QuizRecordSchema)
      .check(z.refine((q) => Object.keys(q).length <= LIMITS.quizzes, 'too many quizzes')),
    // Keyed by the quiz each record holds, whatever key it was stored under.
    z.transform((q) => Object.fromEntries(Object.values(q).map((r) => [quizKey(r), r]))),
  ),
  chapters: z
    .record(activityId, ChapterRecordSchema)
    .check(z.refine((c) => Object.keys(c).length <= LIMITS.chapters, 'too many chapters')),
  /** The quiz last open on this device, shown again when the quiz view opens without a link. */
  activeQuiz: z.nullable(z.string().check(z.maxLength(200))),
});
export type ProgressDocument = z.infer<typeof ProgressDocumentSchema>;

export function emptyDocument(): ProgressDocument {
  return { version: DOCUMENT_VERSION, quizzes: {}, chapters: {}, activeQuiz: null };
}

/** A quiz's record as a new attempt: no answers yet. */
export function newQuizRecord(progress: Progress, attempt: number, now: number): QuizRecord {
  return { ...progress, answers: [], retry: undefined, attempt, round: 0, updatedAt: now };
}

/**
 * The same document always serialises to the same text (keys sorted), so two copies can be compared as
 * strings: that is how a tab tells whether what another tab wrote already holds everything it has.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
