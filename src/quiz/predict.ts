import { BUILTIN_SCENARIOS, type BuiltinScenario } from '../engine';
import { buildChoices, meaningOf } from './choices';
import type { GeneratorContext } from './context';
import { moveMessage, moveSteps, type Move, type MoveStep } from './moves';
import { applyVariation, msg, randomVariation, scenarioFacts } from './scenarios';
import type { ChoiceQuestion, Message } from './types';

/** Where a session sets up its first data connection: the first PORT, EPRT, PASV or EPSV. */
function anchorOf(steps: readonly MoveStep[]): number {
  const at = steps.findIndex(
    (s) => s.move.kind === 'command' && ['PORT', 'EPRT', 'PASV', 'EPSV'].includes(s.move.verb),
  );
  return at < 0 ? 0 : at;
}

/** How many other scenarios lend their moves as wrong choices. */
const LENDERS = 8;

/**
 * "The replay stops here: what comes next?" The correct choice is the simulation's next move; the
 * wrong ones are moves other scenarios make at about the same point of their session (same distance
 * from the data set-up command), run with the same addresses and ports so that they look just as
 * plausible.
 */
export function predictQuestion(ctx: GeneratorContext): ChoiceQuestion {
  const { random, cache } = ctx;
  const variation = randomVariation(random);
  // Failing sessions have the drops and resets worth predicting: draw them a little more often.
  const failing = BUILTIN_SCENARIOS.filter((b) => b.expect.outcome === 'failed');
  const target: BuiltinScenario = random.pick(random.next() < 0.4 ? failing : BUILTIN_SCENARIOS);
  const input = applyVariation(target.input, variation);
  const sim = cache.run(input);
  const steps = moveSteps(sim.events);
  const candidates = steps.flatMap((s, j) => (j > 0 && s.interesting ? [j] : []));
  // First the kind of move (a command, a reply, a segment, data, a drop), then one of them: otherwise
  // the many replies of a session would crowd out its one drop.
  const kinds = [...new Set(candidates.map((j) => steps[j]?.move.kind))];
  const kind = random.pick(kinds);
  const j = random.pick(candidates.filter((c) => steps[c]?.move.kind === kind));
  const answer = steps[j] as MoveStep;
  const previous = steps[j - 1] as MoveStep;
  const offset = j - anchorOf(steps);

  // Moves of other scenarios, nearest point first: within 1 step of the same offset, then 3, then any.
  const lenders = random.shuffle(BUILTIN_SCENARIOS.filter((b) => b.id !== target.id)).slice(0, LENDERS);
  const near: Move[][] = [[], [], []];
  for (const lender of lenders) {
    const theirs = moveSteps(cache.run(applyVariation(lender.input, variation)).events);
    const anchor = anchorOf(theirs);
    theirs.forEach((s, k) => {
      if (k === 0) return;
      const distance = Math.abs(k - anchor - offset);
      const band = distance <= 1 ? 0 : distance <= 3 ? 1 : 2;
      // Routine moves (login, plain ACK-like segments) only as a last resort.
      near[s.interesting ? band : 2]?.push(s.move);
    });
  }
  // Moves of this very session at the same instant as the answer (a 226 and a FIN can leave together):
  // their order is no lesson, so they are never offered as wrong choices.
  const at = sim.events[answer.index]?.at;
  const simultaneous = new Set(
    steps
      .filter((s) => s !== answer && sim.events[s.index]?.at === at)
      .map((s) => meaningOf(moveMessage(s.move))),
  );
  const distractors: Message[] = near
    .flatMap((band) => random.shuffle(band))
    .map(moveMessage)
    .filter((m) => !simultaneous.has(meaningOf(m)));
  const correct = moveMessage(answer.move);
  const { choices, answer: answerId } = buildChoices(correct, distractors, random);
  const event = sim.events[answer.index];

  return {
    kind: 'choice',
    id: ctx.id,
    topic: 'predict',
    variant: `predict-${answer.move.kind}`,
    prompt: msg('quiz.predict.prompt'),
    facts: scenarioFacts(input),
    context: [msg('quiz.predict.last', { step: previous.index + 1, move: moveMessage(previous.move) })],
    choices,
    answer: answerId,
    explanation: [
      msg('quiz.predict.explain', { step: answer.index + 1, move: correct }),
      ...(event ? [event.narration] : []),
    ],
    showMe: { scenario: input, step: answer.index },
  };
}
