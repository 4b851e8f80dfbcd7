import * as z from 'zod/mini';
import { TOPICS, type QuizConfig, type Topic } from './types';

export const MAX_QUESTIONS = 30;
export const MAX_SEED = 0xffffffff;

export const QuizConfigSchema = z.object({
  seed: z.int().check(z.gte(0), z.lte(MAX_SEED)),
  topics: z.pipe(
    z.array(z.enum(TOPICS)).check(z.minLength(1)),
    // Always in the catalogue's order, once each: the same topics give the same quiz.
    z.transform((ts) => TOPICS.filter((t) => ts.includes(t))),
  ),
  count: z.int().check(z.gte(1), z.lte(MAX_QUESTIONS)),
});

export function parseQuizConfig(value: unknown): QuizConfig | undefined {
  const r = QuizConfigSchema.safeParse(value);
  return r.success ? r.data : undefined;
}

/**
 * A teacher's quiz link carries the whole quiz in one query parameter:
 * `quiz=seed:42,count:10,topics:decode+verdict`. In a query string `+` reads as a space, so both
 * separate topics.
 */
export function formatQuizParam(config: QuizConfig): string {
  return `seed:${config.seed},count:${config.count},topics:${config.topics.join('+')}`;
}

/** The fields of a quiz link, each exactly once. */
const LINK_FIELDS = ['seed', 'count', 'topics'] as const;

/**
 * Reads a teacher's link parameter strictly: each field once (`seed:1,seed:2` is refused, not read as
 * either), no unknown field, no empty part, plain decimal numbers. A link that is not exactly right names
 * no quiz, so it can never open a different quiz from the one the teacher made.
 */
export function parseQuizParam(text: string): QuizConfig | undefined {
  if (text.length > 200) return undefined;
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const at = part.indexOf(':');
    if (at < 0) return undefined;
    const key = part.slice(0, at).trim().toLowerCase();
    if (!(LINK_FIELDS as readonly string[]).includes(key) || fields.has(key)) return undefined;
    fields.set(key, part.slice(at + 1).trim());
  }
  const number = (s: string | undefined) => (s !== undefined && /^\d{1,10}$/.test(s) ? Number(s) : NaN);
  const topics = (fields.get('topics') ?? '').split(/[+\s]+/).filter(Boolean) as Topic[];
  return parseQuizConfig({ seed: number(fields.get('seed')), count: number(fields.get('count')), topics });
}

/** The query string of a quiz link: `?view=quiz&quiz=…` (the `+` stays readable). */
export function quizQuery(config: QuizConfig): string {
  return `?view=quiz&quiz=${formatQuizParam(config)}`;
}
