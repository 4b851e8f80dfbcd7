import type { PredictionPoint } from './replay';

/** A learner's response, graded: right or wrong (with the right answer), or not an answer at all. */
export type PredictionGrade =
  | { readonly kind: 'graded'; readonly correct: boolean; readonly response: string; readonly answer: string }
  /** A choice the question does not offer, or typed text that is no port number: ask again. */
  | { readonly kind: 'unreadable' };

/**
 * Grades a response against the point's answer (read from the events). A typed port may be written with
 * a thousands separator, as many Spanish and English speakers write numbers (56.013, 56,013, 56 013).
 */
export function gradePrediction(point: PredictionPoint, response: string): PredictionGrade {
  const read =
    point.input === 'number' ? readPort(response) : point.choices.includes(response) ? response : undefined;
  if (read === undefined) return { kind: 'unreadable' };
  return { kind: 'graded', correct: read === point.answer, response: read, answer: point.answer };
}

/** A port number typed by a person, as decimal digits (1–65535), or undefined. */
export function readPort(text: string): string | undefined {
  const trimmed = text.trim();
  const grouped = /^(\d{1,2})[.,\s\u00a0\u202f](\d{3})$/.exec(trimmed);
  const digits = grouped ? `${grouped[1]}${grouped[2]}` : /^\d{1,5}$/.test(trimmed) ? trimmed : undefined;
  if (digits === undefined) return undefined;
  const port = Number(digits);
  return port >= 1 && port <= 65535 ? String(port) : undefined;
}
