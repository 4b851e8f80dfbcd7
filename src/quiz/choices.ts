import type { GeneratorContext } from './context';
import type { QuizRandom } from './random';
import type { ChoiceQuestion, Choice, Message, Topic } from './types';
import type { ScenarioInput } from '../engine';

/** A message's meaning as a string: the same key with the same params (in any key order) means the same. */
export function meaningOf(m: Message | string | number): string {
  if (typeof m !== 'object') return JSON.stringify(m);
  const params = Object.keys(m.params)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${meaningOf(m.params[k] as Message | string | number)}`);
  return `${JSON.stringify(m.key)}{${params.join(',')}}`;
}

const IDS = 'abcdefghij';

export interface ChoiceSet {
  readonly choices: Choice[];
  readonly answer: string;
}

/**
 * The choices of a multiple-choice question: the correct one and up to `size - 1` distractors, each a
 * different meaning from the correct one and from each other (so exactly one choice is correct).
 * Shuffled; or, with `keepOrder`, `distractors` is the whole list in its natural order (ports, then
 * "nothing") and may contain the correct choice, which keeps its place.
 */
export function buildChoices(
  correct: Message,
  distractors: readonly Message[],
  random: QuizRandom,
  { size = 4, keepOrder = false }: { size?: number; keepOrder?: boolean } = {},
): ChoiceSet {
  const correctMeaning = meaningOf(correct);
  const seen = new Set<string>();
  const unique: Message[] = [];
  for (const d of keepOrder ? [...distractors, correct] : [correct, ...distractors]) {
    const meaning = meaningOf(d);
    if (seen.has(meaning)) continue;
    seen.add(meaning);
    unique.push(meaning === correctMeaning ? correct : d);
  }
  // Keep the correct choice and the first size - 1 others (in a shuffled list, the first are the
  // most plausible: callers order their distractors best first).
  let others = unique.filter((m) => m !== correct);
  if (others.length === 0) throw new Error(`no distractor for ${correctMeaning}`);
  if (keepOrder && others.length > size - 1) {
    const drop = new Set(random.shuffle(others).slice(0, others.length - (size - 1)));
    others = others.filter((m) => !drop.has(m));
  } else {
    others = others.slice(0, size - 1);
  }
  const kept = new Set([correct, ...others]);
  const texts = keepOrder ? unique.filter((m) => kept.has(m)) : random.shuffle([correct, ...others]);
  const choices = texts.map((text, i) => ({ id: IDS.charAt(i), text }));
  const answer = choices[texts.indexOf(correct)]?.id;
  if (answer === undefined) throw new Error('lost the correct choice');
  return { choices, answer };
}

/** A multiple-choice question as a variant builds it, before its choices are drawn. */
export interface BuiltQuestion {
  readonly variant: string;
  readonly prompt: Message;
  readonly facts?: readonly Message[];
  readonly correct: Message;
  readonly distractors: readonly Message[];
  readonly keepOrder?: boolean;
  readonly explanation: readonly Message[];
  readonly input: ScenarioInput;
  readonly step: number;
}

/** The question a variant built, with its choices drawn. */
export function choiceQuestion(ctx: GeneratorContext, topic: Topic, built: BuiltQuestion): ChoiceQuestion {
  const { choices, answer } = buildChoices(built.correct, built.distractors, ctx.random, {
    keepOrder: built.keepOrder ?? false,
  });
  return {
    kind: 'choice',
    id: ctx.id,
    topic,
    variant: built.variant,
    prompt: built.prompt,
    facts: built.facts ?? [],
    context: [],
    choices,
    answer,
    explanation: built.explanation,
    showMe: { scenario: built.input, step: built.step },
  };
}
