import {
  CLIENT_FIREWALLS,
  CLIENT_PROGRAMS,
  formatEndpoint,
  isPacketEvent,
  NETWORKS,
  type Endpoint,
  type ScenarioInput,
  type Simulation,
  type StepEvent,
} from '../engine';
import { choiceQuestion, type BuiltQuestion } from './choices';
import { variantOf, type GeneratorContext } from './context';
import { outcomeMessage, transferOutcome } from './outcome';
import { randomSetup } from './verdict';
import { applyVariation, builtin, msg, randomVariation, scenarioFacts } from './scenarios';
import type { ChoiceQuestion, Message } from './types';

type Program = (typeof CLIENT_PROGRAMS)[number];

const programName = (program: Program): Message => msg(`options.clientProgram.${program}`);

/** The question's scenario with the client program chosen. */
const withProgram = (input: ScenarioInput, program: Program): ScenarioInput => ({
  ...input,
  client: { ...input.client, program },
});

/** The scenario in words, and which client runs it. */
const factsOf = (input: ScenarioInput, program: Program): Message[] => [
  msg('summary.clientProgram', { value: programName(program) }),
  ...scenarioFacts(input),
];

type Built = BuiltQuestion;

/** The first SYN the client sends to open a data connection (its first transmission). */
function clientDataSyn(sim: Simulation): Extract<StepEvent, { kind: 'tcp/segment-sent' }> | undefined {
  return sim.events.find(
    (e): e is Extract<StepEvent, { kind: 'tcp/segment-sent' }> =>
      e.kind === 'tcp/segment-sent' &&
      e.packet.conn !== 'control' &&
      e.packet.from === 'client' &&
      e.packet.segment.flags.syn &&
      !e.packet.segment.flags.ack &&
      e.packet.retransmission === 0,
  );
}

const sameEndpoint = (a: Endpoint, b: Endpoint): boolean => a.ip === b.ip && a.port === b.port;

/**
 * The server is behind NAT without the helper, so its 227 names its private address: where does this
 * client send the data connection's SYN? The classic client dials the 227's address, curl the control
 * connection's peer at the 227's port (its --ftp-skip-pasv-ip); the key is the SYN the engine sends.
 */
function dataTarget(ctx: GeneratorContext): Built {
  const { random, cache } = ctx;
  const program = random.pick(CLIENT_PROGRAMS);
  const base: ScenarioInput = {
    mode: 'passive',
    serverNat: 'private',
    helper: false,
    clientFirewall: random.pick(CLIENT_FIREWALLS),
    clientNat: random.next() < 0.5,
    network: random.pick(NETWORKS),
  };
  const input = applyVariation(withProgram(base, program), randomVariation(random));
  const sim = cache.run(input);
  const reply = sim.events.find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
  const control = sim.events.find((e) => isPacketEvent(e) && e.packet.conn === 'control');
  const syn = clientDataSyn(sim);
  if (reply?.kind !== 'ftp/reply-sent' || !reply.reply.address || !control || !isPacketEvent(control) || !syn)
    throw new Error('a passive session behind server NAT has a 227 and a data SYN');
  const announced = reply.reply.address;
  const peer = { ip: control.packet.segment.dst.ip, port: announced.port };
  const candidates: { key: string; endpoint: Endpoint }[] = [
    { key: 'announced', endpoint: announced },
    { key: 'peer', endpoint: peer },
    { key: 'control', endpoint: { ip: peer.ip, port: 21 } },
    { key: 'port20', endpoint: { ip: announced.ip, port: 20 } },
  ];
  const choice = (c: (typeof candidates)[number]) =>
    msg(`quiz.clients.target.${c.key}`, { endpoint: formatEndpoint(c.endpoint) });
  const keyed = candidates.find((c) => sameEndpoint(c.endpoint, syn.packet.segment.dst));
  if (!keyed) throw new Error(`no choice names ${formatEndpoint(syn.packet.segment.dst)}`);
  return {
    variant: `clients-target-${program}`,
    prompt: msg('quiz.clients.target.prompt', {
      client: programName(program),
      reply: `227 ${reply.reply.text}`,
    }),
    facts: factsOf(input, program),
    correct: choice(keyed),
    distractors: candidates.map(choice),
    keepOrder: true,
    explanation: [
      msg(`quiz.clients.target.explain.${keyed.key === 'peer' ? 'peer' : 'announced'}`, {
        client: programName(program),
        endpoint: formatEndpoint(syn.packet.segment.dst),
      }),
      reply.narration,
      syn.narration,
    ],
    input,
    step: syn.index,
  };
}

/** How curl ends a failed session: its exit status, and whether it said QUIT before closing. */
interface CurlEnding {
  readonly status: number;
  readonly quit: boolean;
}

function curlEnding(sim: Simulation): CurlEnding {
  if (sim.clientExit?.program !== 'curl') throw new Error('curl reports an exit status');
  return {
    status: sim.clientExit.status,
    quit: sim.events.some((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'QUIT'),
  };
}

const endingMessage = (e: CurlEnding): Message =>
  msg('quiz.clients.exit.choice', {
    status: e.status,
    ending: msg(`quiz.clients.exit.${e.quit ? 'quit' : 'noQuit'}`),
  });

/** The endings the lab measured for curl's failed data connections (findings A1–A4). */
const TYPICAL_ENDINGS: readonly CurlEnding[] = [
  { status: 7, quit: false },
  { status: 28, quit: false },
  { status: 19, quit: true },
  { status: 30, quit: true },
];

/**
 * curl cannot make the transfer: which exit status does it report, and does it send QUIT first? Keyed from
 * the engine's curl: its exit status and the QUIT it did or did not send.
 */
function exitStatus(ctx: GeneratorContext): Built {
  const { random, cache } = ctx;
  const variation = randomVariation(random);
  const run = (setup: ScenarioInput) => {
    const input = applyVariation(withProgram(setup, 'curl'), variation);
    return { input, sim: cache.run(input) };
  };
  let drawn = run(randomSetup(ctx));
  for (let draw = 0; draw < 12 && drawn.sim.outcome === 'success'; draw++) drawn = run(randomSetup(ctx));
  // Most combinations work; if none of the draws failed, the lab's own case A1.
  if (drawn.sim.outcome === 'success') drawn = run(builtin('passive-server-nat-private').input);
  const { input, sim } = drawn;
  const ending = curlEnding(sim);
  const finished = sim.events.find((e) => e.kind === 'session/finished');
  if (!finished) throw new Error('no session/finished event');
  const failedAt = transferOutcome(sim).step;
  return {
    variant: `clients-exit-${ending.quit ? 'quit' : 'close'}`,
    prompt: msg('quiz.clients.exit.prompt'),
    facts: factsOf(input, 'curl'),
    correct: endingMessage(ending),
    distractors: [
      endingMessage({ ...ending, quit: !ending.quit }),
      ...random.shuffle(TYPICAL_ENDINGS.map(endingMessage)),
    ],
    explanation: [
      msg(`quiz.clients.exit.explain.${ending.quit ? 'quit' : 'noQuit'}`, { status: ending.status }),
      sim.events[failedAt]?.narration ?? finished.narration,
      finished.narration,
    ],
    input,
    step: finished.index,
  };
}

type Listing = 'both' | 'curl' | 'classic' | 'neither';

/**
 * The server is behind NAT: which client gets the listing? Both runs are simulated; the key is which of
 * them succeeded. (Skipping the 227's address only helps where the router forwards the passive port.)
 */
function listing(ctx: GeneratorContext): Built {
  const { random, cache } = ctx;
  const variation = randomVariation(random);
  const setup: ScenarioInput = {
    mode: 'passive',
    serverNat: random.pick(['private', 'private', 'public'] as const),
    helper: random.next() < 0.5,
    clientFirewall: random.pick(CLIENT_FIREWALLS),
    serverFirewall: random.pick(['none', 'port21+range'] as const),
  };
  const classicInput = applyVariation(withProgram(setup, 'classic'), variation);
  const curlInput = applyVariation(withProgram(setup, 'curl'), variation);
  const classic = cache.run(classicInput);
  const curl = cache.run(curlInput);
  const works = (sim: Simulation) => sim.outcome === 'success';
  const answer: Listing =
    works(classic) && works(curl) ? 'both' : works(curl) ? 'curl' : works(classic) ? 'classic' : 'neither';
  const choice = (l: Listing) => msg(`quiz.clients.listing.${l}`);
  const finished = curl.events.find((e) => e.kind === 'session/finished');
  if (!finished) throw new Error('no session/finished event');
  const curlOutcome = transferOutcome(curl);
  return {
    variant: `clients-listing-${answer}`,
    prompt: msg('quiz.clients.listing.prompt'),
    facts: scenarioFacts(classicInput),
    correct: choice(answer),
    distractors: (['both', 'curl', 'classic', 'neither'] as const).map(choice),
    keepOrder: true,
    explanation: [
      msg(`quiz.clients.listing.explain.${answer}`),
      msg('quiz.clients.listing.classicOutcome', {
        outcome: outcomeMessage(transferOutcome(classic).outcome),
      }),
      curl.events[curlOutcome.step]?.narration ?? finished.narration,
      finished.narration,
    ],
    input: curlInput,
    step: curlOutcome.step,
  };
}

const VARIANTS = [dataTarget, exitStatus, listing] as const;

/** The classic client and curl: where they send the data connection, how curl ends, who gets the file. */
export function clientsQuestion(ctx: GeneratorContext): ChoiceQuestion {
  return choiceQuestion(ctx, 'clients', variantOf(ctx, VARIANTS)(ctx));
}
