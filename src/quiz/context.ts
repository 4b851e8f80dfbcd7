import type { QuizRandom } from './random';
import type { SimulationCache } from './scenarios';
import type { Question } from './types';

/** What a topic's generator gets: its own random stream, the shared simulations, its question's id. */
export interface GeneratorContext {
  readonly random: QuizRandom;
  readonly cache: SimulationCache;
  readonly id: string;
  /** How many questions of this topic came before in the quiz (to rotate through the variants). */
  readonly ordinal: number;
  /** A per-quiz offset into the variant rotation. */
  readonly rotation: number;
}

export type QuestionGenerator = (ctx: GeneratorContext) => Question;

/** The variant for this question: the quiz walks through all of a topic's variants before repeating. */
export function variantOf<T>(ctx: GeneratorContext, variants: readonly T[]): T {
  return variants[(ctx.rotation + ctx.ordinal) % variants.length] as T;
}
