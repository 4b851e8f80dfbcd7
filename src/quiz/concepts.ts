import {
  isPacketEvent,
  modeComparison,
  type ComparisonRow,
  type Mode,
  type ScenarioInput,
  type Simulation,
} from '../engine';
import { choiceQuestion, type BuiltQuestion } from './choices';
import { variantOf, type GeneratorContext } from './context';
import { device } from './moves';
import { applyVariation, builtin, msg, randomVariation } from './scenarios';
import type { ChoiceQuestion, Message } from './types';

type Row<K extends ComparisonRow['row']> = Extract<ComparisonRow, { row: K }>;

/** The comparison row the engine fills in for this simulation. */
export function comparisonRow<K extends ComparisonRow['row']>(sim: Simulation, row: K): Row<K> {
  const found = modeComparison(sim.events, sim.scenario.mode).find((r): r is Row<K> => r.row === row);
  if (!found) throw new Error(`no ${row} row`);
  return found;
}

function narrationAt(sim: Simulation, index: number): Message {
  const e = sim.events[index];
  if (!e) throw new Error(`no event ${index}`);
  return e.narration;
}

const modeName = (mode: Mode): Message => msg(`options.mode.${mode}`);

/** A clean session in the mode (no firewall, no NAT): the comparison's own example. */
function plainSession(ctx: GeneratorContext, mode: Mode): { input: ScenarioInput; sim: Simulation } {
  const input = applyVariation({ mode }, randomVariation(ctx.random));
  return { input, sim: ctx.cache.run(input) };
}

type Built = BuiltQuestion;

/** Who opens the data connection: the client (passive) or the server (active). */
function opener(ctx: GeneratorContext): Built {
  const mode = ctx.random.pick(['active', 'passive', 'eprt', 'epsv'] as const);
  const { input, sim } = plainSession(ctx, mode);
  const row = comparisonRow(sim, 'opener');
  const choice = (who: 'client' | 'server' | 'control') => msg(`quiz.concepts.opener.${who}`);
  const all = (['client', 'server', 'control'] as const).map(choice);
  return {
    variant: 'concepts-opener',
    prompt: msg('quiz.concepts.opener.prompt', { mode: modeName(mode) }),
    correct: choice(row.opener),
    distractors: all,
    keepOrder: true,
    explanation: [msg(`quiz.concepts.opener.explain.${row.opener}`), narrationAt(sim, row.index)],
    input,
    step: row.index,
  };
}

/** The server's data port: 20 in active mode (connect_from_port_20), the announced one in passive mode. */
function serverPort(ctx: GeneratorContext): Built {
  const mode = ctx.random.pick(['active', 'passive', 'eprt', 'epsv'] as const);
  const { input, sim } = plainSession(ctx, mode);
  const row = comparisonRow(sim, 'serverDataPort');
  const passive = mode === 'passive' || mode === 'epsv';
  // The other ports in play in this session, as wrong answers: the control port, 20 (where it is not
  // the answer), and the client's own data port.
  const dataSyn = sim.events.find((e) => isPacketEvent(e) && e.packet.conn !== 'control');
  const clientPort =
    dataSyn && isPacketEvent(dataSyn)
      ? dataSyn.packet.from === 'client'
        ? dataSyn.packet.segment.src.port
        : dataSyn.packet.segment.dst.port
      : undefined;
  const announced = passive ? row.port : undefined;
  const choices: Message[] = [
    msg('quiz.concepts.serverPort.ftpData', { port: 20 }),
    msg('quiz.concepts.serverPort.control', { port: 21 }),
    ...(announced === undefined
      ? [
          msg('quiz.concepts.serverPort.range', {
            min: sim.scenario.server.passivePorts.min,
            max: sim.scenario.server.passivePorts.max,
          }),
        ]
      : [msg(`quiz.concepts.serverPort.announced.${mode}`, { port: announced })]),
    ...(clientPort === undefined ? [] : [msg('quiz.concepts.serverPort.clientPort', { port: clientPort })]),
  ];
  // Exactly one choice names the port the engine reports.
  const correct = choices.find((c) => c.params.port === row.port);
  if (!correct) throw new Error(`no choice names port ${row.port}`);
  return {
    variant: `concepts-serverPort-${passive ? 'passive' : 'active'}`,
    prompt: msg(
      passive ? 'quiz.concepts.serverPort.promptPassive' : 'quiz.concepts.serverPort.promptActive',
      {
        mode: modeName(mode),
      },
    ),
    correct,
    distractors: choices,
    keepOrder: true,
    explanation: [
      msg(passive ? 'quiz.concepts.serverPort.explainPassive' : 'quiz.concepts.serverPort.explainActive', {
        port: row.port,
      }),
      narrationAt(sim, row.index),
    ],
    input,
    step: row.index,
  };
}

/** What the client must accept: an incoming connection (active) or nothing (passive). */
function clientAccepts(ctx: GeneratorContext): Built {
  const mode = ctx.random.pick(['active', 'passive', 'eprt', 'epsv'] as const);
  const { input, sim } = plainSession(ctx, mode);
  const row = comparisonRow(sim, 'clientMustAccept');
  const dataSyn = sim.events.find((e) => isPacketEvent(e) && e.packet.conn !== 'control');
  // In passive mode the client's own data port is a tempting wrong answer; in active mode it is the answer.
  const clientPort =
    row.port ?? (dataSyn && isPacketEvent(dataSyn) ? dataSyn.packet.segment.src.port : undefined);
  const incoming = (port: number) => msg('quiz.concepts.accepts.incoming', { port });
  const nothing = msg('quiz.concepts.accepts.nothing');
  const all = [
    ...(clientPort === undefined ? [] : [incoming(clientPort)]),
    incoming(20),
    incoming(21),
    nothing,
  ];
  const correct = row.port === undefined ? nothing : incoming(row.port);
  return {
    variant: `concepts-accepts-${row.port === undefined ? 'nothing' : 'incoming'}`,
    prompt: msg('quiz.concepts.accepts.prompt', { mode: modeName(mode) }),
    correct,
    distractors: all,
    keepOrder: true,
    explanation: [
      row.port === undefined
        ? msg('quiz.concepts.accepts.explainNothing')
        : msg('quiz.concepts.accepts.explainIncoming', { port: row.port }),
      narrationAt(sim, row.index),
    ],
    input,
    step: row.index,
  };
}

/**
 * Which mode to use behind a client firewall, and why: the engine recommends a mode; the reason is who
 * opens the data connection in that mode, read from a session in it behind a stateful client firewall.
 */
function recommended(ctx: GeneratorContext): Built {
  const any = plainSession(ctx, ctx.random.pick(['active', 'passive'] as const)).sim;
  const mode = comparisonRow(any, 'recommended').mode;
  const input = applyVariation(builtin(`${mode}-client-firewall`).input, randomVariation(ctx.random));
  const sim = ctx.cache.run(input);
  const row = comparisonRow(sim, 'opener');
  const choice = (m: 'active' | 'passive', who: 'client' | 'server') =>
    msg(`quiz.concepts.recommended.${m}.${who}`);
  const all = [
    choice('passive', 'client'),
    choice('passive', 'server'),
    choice('active', 'server'),
    choice('active', 'client'),
  ];
  return {
    variant: 'concepts-recommended',
    prompt: msg('quiz.concepts.recommended.prompt'),
    correct: choice(mode, row.opener),
    distractors: all,
    explanation: [
      msg('quiz.concepts.recommended.explain', { mode: modeName(mode), opener: device(row.opener) }),
      narrationAt(sim, row.index),
    ],
    input,
    step: row.index,
  };
}

const VARIANTS = [opener, serverPort, clientAccepts, recommended] as const;

/** The classic active/passive comparison, each answer keyed from the engine's `modeComparison` rows. */
export function conceptsQuestion(ctx: GeneratorContext): ChoiceQuestion {
  return choiceQuestion(ctx, 'concepts', variantOf(ctx, VARIANTS)(ctx));
}
