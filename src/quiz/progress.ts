import * as z from 'zod/mini';
import { QuizConfigSchema } from './config';
import { fingerprint } from './random';
import type { Question, QuizConfig } from './types';

/** One answer as given: the choice id or the text typed, and whether it was right. */
export const AnswerSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  response: z.string().check(z.maxLength(200)),
  correct: z.boolean(),
});
export type Answer = z.infer<typeof AnswerSchema>;

/**
 * What the browser keeps of a quiz in progress (localStorage), version 1. The questions themselves are
 * not stored: the config regenerates them, and `fingerprint` tells whether they are still the same
 * questions (a newer app or engine may generate different ones from the same seed).
 */
export const ProgressSchema = z.object({
  version: z.literal(1),
  quiz: QuizConfigSchema,
  fingerprint: z.string().check(z.maxLength(16)),
  answers: z.array(AnswerSchema).check(z.maxLength(200)),
  /** A second round over the questions answered wrongly, once the learner asks for it. */
  retry: z.optional(
    z.object({
      ids: z.array(z.string()).check(z.minLength(1), z.maxLength(200)),
      answers: z.array(AnswerSchema).check(z.maxLength(200)),
    }),
  ),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const PROGRESS_VERSION = 1;

/** Why stored progress was not taken as it was; the view shows each as a translated notice. */
export type ProgressNotice =
  /** Not JSON, or not the shape of any version: started afresh. */
  | 'corrupt'
  /** Written by a newer version of the app, or too old to convert: started afresh. */
  | 'unsupported'
  /** Converted from an older version; the answers were kept. */
  | 'migrated'
  /** The same quiz now generates different questions: started afresh. */
  | 'outdated';

export interface LoadedProgress {
  readonly progress: Progress | null;
  readonly notice: ProgressNotice | null;
}

/**
 * Older shapes, each converted to the next version. Version 0 is the unversioned draft: the same fields
 * without `version` and `fingerprint` (answers are then checked against the regenerated quiz by id only).
 */
const MIGRATIONS: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>> = {
  0: (old) => ({
    ...old,
    version: 1,
    fingerprint: typeof old.fingerprint === 'string' ? old.fingerprint : '',
  }),
};

/** Reads what localStorage held (`null` when nothing): never throws. */
export function loadProgress(raw: string | null): LoadedProgress {
  if (raw === null || raw === '') return { progress: null, notice: null };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { progress: null, notice: 'corrupt' };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return { progress: null, notice: 'corrupt' };
  let record = data as Record<string, unknown>;
  const version = record.version === undefined ? 0 : record.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return { progress: null, notice: 'corrupt' };
  if (version > PROGRESS_VERSION) return { progress: null, notice: 'unsupported' };
  let migrated = false;
  for (let v = version; v < PROGRESS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { progress: null, notice: 'unsupported' };
    record = step(record);
    migrated = true;
  }
  const parsed = ProgressSchema.safeParse(record);
  if (!parsed.success) return { progress: null, notice: 'corrupt' };
  return { progress: parsed.data, notice: migrated ? 'migrated' : null };
}

export function serializeProgress(progress: Progress): string {
  return JSON.stringify(progress);
}

/** A short fingerprint of a quiz's questions: what is asked and what is keyed. */
export function quizFingerprint(questions: readonly Question[]): string {
  return fingerprint(
    JSON.stringify(
      questions.map((q) => [
        q.id,
        q.prompt,
        q.facts,
        q.context,
        q.kind === 'choice' ? q.choices : q.format,
        q.answer,
      ]),
    ),
  );
}

export function newProgress(quiz: QuizConfig, questions: readonly Question[]): Progress {
  return {
    version: 1,
    quiz: { ...quiz, topics: [...quiz.topics] },
    fingerprint: quizFingerprint(questions),
    answers: [],
  };
}

/**
 * Checks stored progress against the questions its config generates now: the answers must belong to
 * them (and the fingerprint match, when there is one). Returns the progress to use, with the
 * fingerprint filled in after a migration, or null when it no longer fits.
 */
export function reconcileProgress(progress: Progress, questions: readonly Question[]): Progress | null {
  const current = quizFingerprint(questions);
  if (progress.fingerprint !== '' && progress.fingerprint !== current) return null;
  const ids = new Set(questions.map((q) => q.id));
  const known = (answers: readonly Answer[]) => answers.every((a) => ids.has(a.id));
  if (!known(progress.answers)) return null;
  if (progress.retry && (!known(progress.retry.answers) || !progress.retry.ids.every((id) => ids.has(id))))
    return null;
  return { ...progress, fingerprint: current };
}
