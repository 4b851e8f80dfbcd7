import { meaningOf } from './choices';
import { clientsQuestion } from './clients';
import { conceptsQuestion } from './concepts';
import type { GeneratorContext, QuestionGenerator } from './context';
import { decodeQuestion } from './decode';
import { predictQuestion } from './predict';
import { createQuizRandom } from './random';
import { createSimulationCache } from './scenarios';
import { TOPICS, type Question, type QuizConfig, type Topic } from './types';
import { verdictQuestion } from './verdict';

const GENERATORS: Readonly<Record<Topic, QuestionGenerator>> = {
  predict: predictQuestion,
  decode: decodeQuestion,
  verdict: verdictQuestion,
  concepts: conceptsQuestion,
  clients: clientsQuestion,
};

/** How many times a question is drawn again when it repeats one already in the quiz. */
const ATTEMPTS = 12;

/** What makes two questions the same question for a learner: what is asked and what is keyed. */
function signature(q: Question): string {
  const keyed = q.kind === 'choice' ? q.choices.find((c) => c.id === q.answer)?.text : q.answer;
  return [
    meaningOf(q.prompt),
    ...q.facts.map(meaningOf),
    ...q.context.map(meaningOf),
    keyed ? meaningOf(keyed) : '',
  ].join('|');
}

/**
 * A quiz: `count` questions over the chosen topics, taken in turn (in an order the seed shuffles), each
 * generated from a simulation. The same config always gives the same questions; the seed is the only
 * source of chance.
 */
export function generateQuiz(config: QuizConfig): Question[] {
  const random = createQuizRandom(config.seed);
  const cache = createSimulationCache();
  const chosen = TOPICS.filter((t) => config.topics.includes(t));
  if (chosen.length === 0) throw new Error('a quiz needs at least one topic');
  const order = random.shuffle(chosen);
  const rotation = random.int(0, 11);
  const ordinals = new Map<Topic, number>();
  const seen = new Set<string>();
  const questions: Question[] = [];
  for (let i = 0; i < config.count; i++) {
    const topic = order[i % order.length] as Topic;
    const ordinal = ordinals.get(topic) ?? 0;
    ordinals.set(topic, ordinal + 1);
    let question: Question | undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const ctx: GeneratorContext = {
        random: random.fork(i * ATTEMPTS + attempt),
        cache,
        id: `${i + 1}-${topic}`,
        ordinal,
        rotation,
      };
      question = GENERATORS[topic](ctx);
      if (!seen.has(signature(question))) break;
    }
    if (!question) throw new Error('no question generated');
    seen.add(signature(question));
    questions.push(question);
  }
  return questions;
}
