import {
  BUILTIN_SCENARIOS,
  CLIENT_FIREWALLS,
  MODES,
  SERVER_FIREWALLS,
  SERVER_NATS,
  type Mode,
  type ScenarioInput,
} from '../engine';
import { buildChoices } from './choices';
import type { GeneratorContext } from './context';
import { outcomeMessage, transferOutcome, type Outcome } from './outcome';
import {
  applyVariation,
  msg,
  randomVariation,
  scenarioFacts,
  type SimulationCache,
  type Variation,
} from './scenarios';
import type { ChoiceQuestion, Message } from './types';

/** The settings a verdict question is about (one LIST; the data set-up decides). */
interface Setup {
  readonly mode: Mode;
  readonly clientFirewall: (typeof CLIENT_FIREWALLS)[number];
  readonly serverFirewall: (typeof SERVER_FIREWALLS)[number];
  readonly clientNat: boolean;
  readonly serverNat: (typeof SERVER_NATS)[number];
  readonly helper: boolean;
}

const FLIP_MODE: Readonly<Record<Mode, Mode>> = {
  active: 'passive',
  passive: 'active',
  eprt: 'epsv',
  epsv: 'eprt',
};

/** The classic cases that are about the network (a single LIST), as setups. */
const CLASSIC: readonly Setup[] = BUILTIN_SCENARIOS.filter((b) => b.input.commands === undefined).map(
  (b) => ({
    mode: b.input.mode ?? 'active',
    clientFirewall: b.input.clientFirewall ?? 'none',
    serverFirewall: b.input.serverFirewall ?? 'none',
    clientNat: b.input.clientNat ?? false,
    serverNat: b.input.serverNat ?? 'none',
    helper: b.input.helper ?? false,
  }),
);

/** Half the time a classic case, half the time any combination of the network controls. */
export function randomSetup(ctx: GeneratorContext): Setup {
  const { random } = ctx;
  if (random.next() < 0.5) return random.pick(CLASSIC);
  return {
    mode: random.pick(MODES),
    clientFirewall: random.pick(CLIENT_FIREWALLS),
    serverFirewall: random.pick(SERVER_FIREWALLS),
    clientNat: random.next() < 0.5,
    serverNat: random.pick(SERVER_NATS),
    helper: random.next() < 0.5,
  };
}

/** Setups one switch away: what a learner who misjudged one setting would predict. */
function neighbours(s: Setup): { same: Setup[]; otherMode: Setup[] } {
  return {
    same: [
      { ...s, helper: !s.helper },
      { ...s, clientFirewall: s.clientFirewall === 'none' ? 'stateful' : 'none' },
      { ...s, serverFirewall: s.serverFirewall === 'none' ? 'port21' : 'none' },
      { ...s, clientNat: !s.clientNat },
      { ...s, serverNat: s.serverNat === 'none' ? 'private' : 'none' },
    ],
    otherMode: [
      { ...s, mode: FLIP_MODE[s.mode] },
      { ...s, mode: FLIP_MODE[s.mode], helper: !s.helper },
    ],
  };
}

/** Textbook failures of the mode's family, for when the neighbours all fail alike. */
function typicalOutcomes(mode: Mode): Outcome[] {
  const active = mode === 'active' || mode === 'eprt';
  return active
    ? [
        { kind: 'success', code: 226 },
        { kind: 'dropped', sender: 'server', device: 'client', noRoute: false, code: 425 },
        { kind: 'rejected', verb: mode === 'eprt' ? 'EPRT' : 'PORT', code: 500 },
        { kind: 'dropped', sender: 'server', device: 'client-router', noRoute: false, code: 425 },
        { kind: 'dropped', sender: 'server', device: 'internet', noRoute: true, code: 425 },
      ]
    : [
        { kind: 'success', code: 226 },
        { kind: 'dropped', sender: 'client', device: 'server', noRoute: false, code: 425 },
        { kind: 'dropped', sender: 'client', device: 'internet', noRoute: true, code: 425 },
        { kind: 'refused', sender: 'client', device: 'server-router', code: 425 },
        { kind: 'dropped', sender: 'client', device: 'client', noRoute: false, code: 425 },
      ];
}

function inputOf(s: Setup, variation: Variation): ScenarioInput {
  return applyVariation({ ...s }, variation);
}

function outcomeOf(cache: SimulationCache, input: ScenarioInput): Outcome {
  return transferOutcome(cache.run(input)).outcome;
}

/** Given a scenario, what happens to the transfer: success, or which packet dies where and which reply. */
export function verdictQuestion(ctx: GeneratorContext): ChoiceQuestion {
  const { random, cache } = ctx;
  const variation = randomVariation(random);
  // Most combinations succeed; ask about a failure a little more often than not, when one turns up.
  const wantFailure = random.next() < 0.6;
  let setup = randomSetup(ctx);
  let input = inputOf(setup, variation);
  let keyed = transferOutcome(cache.run(input));
  for (let draw = 0; draw < 8 && (keyed.outcome.kind !== 'success') !== wantFailure; draw++) {
    setup = randomSetup(ctx);
    input = inputOf(setup, variation);
    keyed = transferOutcome(cache.run(input));
  }
  const { same, otherMode } = neighbours(setup);
  const distractors: Message[] = [
    ...random.shuffle(same.map((s) => outcomeOf(cache, inputOf(s, variation)))),
    ...random.shuffle(typicalOutcomes(setup.mode)),
    ...otherMode.map((s) => outcomeOf(cache, inputOf(s, variation))),
  ].map(outcomeMessage);
  const { choices, answer } = buildChoices(outcomeMessage(keyed.outcome), distractors, random);
  return {
    kind: 'choice',
    id: ctx.id,
    topic: 'verdict',
    variant: `verdict-${keyed.outcome.kind}`,
    prompt: msg('quiz.verdict.prompt'),
    facts: scenarioFacts(input),
    context: [],
    choices,
    answer,
    explanation: [
      msg('quiz.verdict.explain', { outcome: outcomeMessage(keyed.outcome) }),
      ...keyed.explain.map((e) => e.narration),
    ],
    showMe: { scenario: input, step: keyed.step },
  };
}
