import { z } from 'zod';
import { TOPICS, type QuizConfig, type Topic } from './types';

export const MAX_QUESTIONS = 30;
export const MAX_SEED = 0xffffffff;

export const QuizConfigSchema = z.object({
  seed: z.number().int().min(0).max(MAX_SEED),
  topics: z
    .array(z.enum(TOPICS))
    .min(1)
    // Always in the catalogue's order, once each: the same topics give the same quiz.
    .transform((ts) => TOPICS.filter((t) => ts.includes(t))),
  count: z.number().int().min(1).max(MAX_QUESTIONS),
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

export function parseQuizParam(text: string): QuizConfig | undefined {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const at = part.indexOf(':');
    if (at < 0) return undefined;
    fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const number = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN);
  const topics = (fields.get('topics') ?? '').split(/[+\s]+/).filter(Boolean) as Topic[];
  return parseQuizConfig({ seed: number(fields.get('seed')), count: number(fields.get('count')), topics });
}

/** The query string of a quiz link: `?view=quiz&quiz=…` (the `+` stays readable). */
export function quizQuery(config: QuizConfig): string {
  return `?view=quiz&quiz=${formatQuizParam(config)}`;
}
