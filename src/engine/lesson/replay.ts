import { decodeExtendedPassivePort } from '../ftp/dataAddress';
import { isPacketEvent, type Narration, type PacketEvent, type StepEvent } from '../events/stepEvent';
import { formatEndpoint } from '../net/address';
import { defaultScenario, type Scenario } from '../scenario/scenario';
import { simulate, type Simulation } from '../simulate';
import { flagLabel } from '../tcp/segment';
import { assertNever } from '../events/assertNever';
import type { CheckpointDefinition, LessonAsk, LessonPartDefinition } from './chapters';
import { findStop } from './stops';

/** How the learner answers: one of the choices, or a number typed in. */
export type PredictionInput = 'choice' | 'number';

/**
 * A checkpoint of one simulated session: where the replay stops, what it asks, and the answer, read from
 * the event it stops before (and the ones after it), never written by hand.
 */
export interface PredictionPoint {
  /** The checkpoint's id (unique within its chapter). */
  readonly id: string;
  readonly ask: LessonAsk;
  /** The replay stops before this event: the learner has seen events 0 … index − 1. Always ≥ 1. */
  readonly index: number;
  readonly input: PredictionInput;
  /** For `choice`: the ids offered (`client`, `20`, `passes`, `425`…), in the order to show them. */
  readonly choices: readonly string[];
  /** The question: `lesson.ask.*` and its params. */
  readonly question: Narration;
  /** The right choice id, or the number as decimal digits. */
  readonly answer: string;
  /** Why that is the answer: `lesson.explain.*` and its params, read from the same events. */
  readonly explanation: Narration;
}

/** A teaching note shown with one step. */
export interface LessonNote {
  readonly index: number;
  readonly narration: Narration;
}

/**
 * A step whose own narration would give away a question's answer before it is asked (the client's
 * listening socket "waits for the server to connect"; PORT's narration decodes the port): shown with this
 * narration instead while the question is unanswered.
 */
export interface WithheldNarration {
  readonly index: number;
  /** The checkpoint whose answer it would give away. */
  readonly point: string;
  readonly narration: Narration;
}

/** One part of a chapter, simulated: the session, how far the part shows it, its checkpoints and notes. */
export interface LessonReplay {
  readonly part: LessonPartDefinition;
  readonly simulation: Simulation;
  /** The index of the last event the part shows. */
  readonly end: number;
  /** In replay order (by `index`; checkpoints at the same event in the chapter's order). */
  readonly points: readonly PredictionPoint[];
  readonly notes: readonly LessonNote[];
  readonly withheld: readonly WithheldNarration[];
  /** What the part showed, for its last step: `lesson.parts.<id>.end`. */
  readonly summary: Narration;
}

/** The scenario a part replays: the textbook example with the part's changes. */
export function partScenario(part: LessonPartDefinition, seed = defaultScenario().seed): Scenario {
  const { program, ...changes } = part.scenario;
  const textbook = defaultScenario();
  return {
    ...textbook,
    ...changes,
    client: { ...textbook.client, program: program ?? textbook.client.program },
    seed,
  };
}

/**
 * A part of the lesson, simulated, with every checkpoint's question and answer read from the events.
 * A checkpoint (or note) whose moment never comes in this session is left out; the lesson's own scenarios
 * have every one of them (tested over many seeds).
 */
export function lessonReplay(
  part: LessonPartDefinition,
  scenario: Scenario = partScenario(part),
): LessonReplay {
  const simulation = simulate(scenario);
  const { events } = simulation;
  const until = part.until === undefined ? undefined : findStop(events, part.until);
  const end = until ?? events.length - 1;

  const points: PredictionPoint[] = [];
  for (const checkpoint of part.checkpoints) {
    const index = findStop(events, checkpoint.before);
    if (index === undefined || index < 1 || index > end) continue;
    const point = predictionPoint(checkpoint, index, simulation);
    if (point) points.push(point);
  }
  // Stable: checkpoints at the same event keep the chapter's order.
  points.sort((a, b) => a.index - b.index);

  const notes: LessonNote[] = [];
  for (const note of part.notes) {
    const index = findStop(events, note.at);
    const e = index === undefined ? undefined : events[index];
    if (index === undefined || !e || index > end) continue;
    notes.push({ index, narration: { key: `lesson.notes.${note.key}`, params: noteParams(e, events) } });
  }
  notes.sort((a, b) => a.index - b.index);
  return {
    part,
    simulation,
    end,
    points,
    notes,
    withheld: points.flatMap((p) => withheldBefore(p, events)),
    summary: { key: `lesson.parts.${part.id}.end`, params: { n: clientControlPort(events) } },
  };
}

/** What every point shares, whatever it asks. */
type PointBase = Pick<PredictionPoint, 'id' | 'ask' | 'index'>;

/** The question a checkpoint asks at event `index`, with its answer read from that event and those before. */
function predictionPoint(
  checkpoint: CheckpointDefinition,
  index: number,
  simulation: Simulation,
): PredictionPoint | undefined {
  const { events } = simulation;
  const e = events[index];
  if (!e) return undefined;
  const base: PointBase = { id: checkpoint.id, ask: checkpoint.ask, index };
  switch (checkpoint.ask) {
    case 'who-opens':
      return isPacketEvent(e) ? whoOpensPoint(base, e) : undefined;
    case 'destination-port':
      return isPacketEvent(e) ? destinationPortPoint(base, e, events) : undefined;
    case 'source-port':
      return isPacketEvent(e) ? sourcePortPoint(base, e, events) : undefined;
    case 'will-it-pass':
      return isPacketEvent(e) ? willItPassPoint(base, e, events) : undefined;
    case 'which-reply':
      return e.kind === 'ftp/reply-sent' ? whichReplyPoint(base, checkpoint, e, events) : undefined;
    default:
      return assertNever(checkpoint.ask);
  }
}

/** Who opens the connection this SYN starts: the side that sent it. */
function whoOpensPoint(base: PointBase, e: PacketEvent): PredictionPoint {
  const conn = e.packet.conn === 'control' ? 'control' : 'data';
  const answer = e.packet.from === 'server' ? 'server' : 'client';
  return {
    ...base,
    input: 'choice',
    choices: ['client', 'server'],
    question: { key: `lesson.ask.who-opens.${conn}`, params: {} },
    answer,
    explanation: {
      key: `lesson.explain.who-opens.${conn}-${answer}`,
      params: { src: formatEndpoint(e.packet.segment.src), dst: formatEndpoint(e.packet.segment.dst) },
    },
  };
}

/** The port this packet goes to, typed in; for a data connection, as the last announcement said. */
function destinationPortPoint(
  base: PointBase,
  e: PacketEvent,
  events: readonly StepEvent[],
): PredictionPoint {
  const port = e.packet.segment.dst.port;
  const announcement = e.packet.conn === 'control' ? undefined : lastAnnouncement(events, base.index);
  return {
    ...base,
    input: 'number',
    choices: [],
    question: {
      key: `lesson.ask.destination-port.${announcement?.kind ?? 'control'}`,
      params: { sender: e.packet.from, announced: announcement?.text ?? '' },
    },
    answer: String(port),
    explanation: destinationExplanation(announcement, port),
  };
}

/** The port this packet comes from: 20, 21, the client's N+1 or an ephemeral port. */
function sourcePortPoint(base: PointBase, e: PacketEvent, events: readonly StepEvent[]): PredictionPoint {
  const port = e.packet.segment.src.port;
  const n = clientControlPort(events);
  const answer = port === 20 ? '20' : port === 21 ? '21' : port === n + 1 ? 'n-plus-one' : 'ephemeral';
  return {
    ...base,
    input: 'choice',
    choices: ['20', '21', 'n-plus-one', 'ephemeral'],
    question: { key: 'lesson.ask.source-port', params: { sender: e.packet.from, n, next: n + 1 } },
    answer,
    explanation: {
      key: `lesson.explain.source-port.${answer}`,
      params: { sender: e.packet.from, port, n },
    },
  };
}

/** Whether this packet gets through: the fate the engine gave it. */
function willItPassPoint(base: PointBase, e: PacketEvent, events: readonly StepEvent[]): PredictionPoint {
  const answer = e.packet.fate.kind === 'delivered' ? 'passes' : 'blocked';
  return {
    ...base,
    input: 'choice',
    choices: ['passes', 'blocked'],
    question: {
      key: 'lesson.ask.will-it-pass',
      params: {
        sender: e.packet.from,
        flags: flagLabel(e.packet.segment.flags),
        src: formatEndpoint(e.packet.segment.src),
        dst: formatEndpoint(e.packet.segment.dst),
      },
    },
    answer,
    explanation: passExplanation(e, events),
  };
}

/** The reply code the client reads, among the checkpoint's codes (the real one always offered). */
function whichReplyPoint(
  base: PointBase,
  checkpoint: CheckpointDefinition,
  e: Extract<StepEvent, { kind: 'ftp/reply-sent' }>,
  events: readonly StepEvent[],
): PredictionPoint {
  const code = e.reply.code;
  const offered = checkpoint.codes ?? [];
  const codes = offered.includes(code) ? [...offered] : [...offered, code];
  const command = lastCommand(events, base.index);
  return {
    ...base,
    input: 'choice',
    choices: codes.sort((a, b) => a - b).map(String),
    question: command
      ? { key: 'lesson.ask.which-reply.after', params: { command } }
      : { key: 'lesson.ask.which-reply.first', params: {} },
    answer: String(code),
    explanation: {
      key: `lesson.explain.reply.${EXPLAINED_REPLIES.has(code) ? code : 'other'}`,
      params: { code, text: e.reply.text },
    },
  };
}

/** Reply codes the catalogs explain one by one (`lesson.explain.reply.<code>`). */
const EXPLAINED_REPLIES: ReadonlySet<number> = new Set([150, 200, 220, 226, 227, 229, 230, 331, 425, 500]);

/** What announced a data connection's address before it opened: the text the receiving side read. */
interface Announcement {
  readonly kind: 'port' | 'eprt' | 'pasv' | 'epsv';
  /** The argument (PORT/EPRT) or the reply's text (227/229), as it arrived, after any helper's rewrite. */
  readonly text: string;
}

function lastAnnouncement(events: readonly StepEvent[], before: number): Announcement | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const e = events[i];
    if (!e) continue;
    if (e.kind === 'ftp/command-sent' && (e.command.verb === 'PORT' || e.command.verb === 'EPRT'))
      return {
        kind: e.command.verb === 'PORT' ? 'port' : 'eprt',
        text: arrived(events, e, e.command.argument),
      };
    if (e.kind === 'ftp/reply-sent' && (e.reply.code === 227 || e.reply.code === 229))
      return { kind: e.reply.code === 227 ? 'pasv' : 'epsv', text: arrived(events, e, e.reply.text) };
  }
  return undefined;
}

/** A message's text as its receiver read it: an FTP helper on the way may have rewritten the address. */
function arrived(events: readonly StepEvent[], sent: PacketEvent, text: string): string {
  let result = text;
  for (const e of events) {
    if (e.kind === 'nat/payload-rewritten' && e.packetId === sent.packet.id)
      result = result.replace(e.before, e.after);
  }
  return result;
}

/** RFC 959 §4.1.2: h1,h2,h3,h4,p1,p2 — the port is p1×256+p2. */
function hostPortNumbers(text: string): { ip: string; p1: number; p2: number } | undefined {
  const m = /(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})/.exec(text);
  if (!m) return undefined;
  return { ip: [m[1], m[2], m[3], m[4]].join('.'), p1: Number(m[5]), p2: Number(m[6]) };
}

function destinationExplanation(announcement: Announcement | undefined, port: number): Narration {
  if (!announcement) return { key: 'lesson.explain.destination-port.control', params: { port } };
  if (announcement.kind === 'port' || announcement.kind === 'pasv') {
    const numbers = hostPortNumbers(announcement.text);
    if (numbers)
      return {
        key: `lesson.explain.destination-port.${announcement.kind}`,
        params: { announced: announcement.text, ip: numbers.ip, p1: numbers.p1, p2: numbers.p2, port },
      };
  }
  if (announcement.kind === 'epsv')
    return {
      key: 'lesson.explain.destination-port.epsv',
      params: { announced: announcement.text, port: decodeExtendedPassivePort(announcement.text) ?? port },
    };
  return { key: 'lesson.explain.destination-port.eprt', params: { announced: announcement.text, port } };
}

/** Why a packet got through or not: the fate the engine gave it and the verdicts on its way. */
function passExplanation(e: PacketEvent, events: readonly StepEvent[]): Narration {
  const { fate } = e.packet;
  const dst = formatEndpoint(e.packet.segment.dst);
  const verdicts = events.filter(
    (v): v is Extract<StepEvent, { kind: 'fw/verdict' }> =>
      v.kind === 'fw/verdict' && v.packetId === e.packet.id,
  );
  switch (fate.kind) {
    case 'dropped': {
      if (fate.rule.id === 'no-route-private')
        return {
          key: 'lesson.explain.will-it-pass.no-route',
          params: { device: fate.device, ip: e.packet.segment.dst.ip },
        };
      const verdict = verdicts.find((v) => v.device === fate.device);
      return {
        key: `lesson.explain.will-it-pass.dropped-${verdict?.verdict.state ?? 'new'}`,
        params: { device: fate.device, rule: fate.rule.text, dst },
      };
    }
    case 'refused':
    case 'unanswered':
      return { key: 'lesson.explain.will-it-pass.refused', params: { device: fate.device, dst } };
    case 'delivered': {
      // The most telling verdict: RELATED (the helper's expectation), then ESTABLISHED, then a rule for NEW.
      const pick =
        verdicts.find((v) => v.verdict.state === 'related') ??
        verdicts.find((v) => v.verdict.state === 'established') ??
        verdicts[0];
      if (!pick) return { key: 'lesson.explain.will-it-pass.open', params: { dst } };
      return {
        key: `lesson.explain.will-it-pass.passes-${pick.verdict.state}`,
        params: { device: pick.device, rule: pick.verdict.rule.text, dst },
      };
    }
    default:
      return assertNever(fate);
  }
}

/** N: the port the client's control connection comes from, as the client sent it. */
function clientControlPort(events: readonly StepEvent[]): number {
  const syn = events.find(
    (e) => isPacketEvent(e) && e.packet.conn === 'control' && e.packet.from === 'client',
  );
  return syn && isPacketEvent(syn) ? syn.packet.segment.src.port : 0;
}

/** The client's last command before an event, as a line (`LIST`, `PORT 198,51,100,10,218,205`). */
function lastCommand(events: readonly StepEvent[], before: number): string | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const e = events[i];
    if (e?.kind === 'ftp/command-sent')
      return e.command.argument === undefined ? e.command.verb : `${e.command.verb} ${e.command.argument}`;
  }
  return undefined;
}

/** What a note may say about its step. */
function noteParams(e: StepEvent, events: readonly StepEvent[]): Narration['params'] {
  switch (e.kind) {
    case 'ftp/command-sent': {
      const numbers = hostPortNumbers(e.command.argument ?? '');
      return {
        command: e.command.verb,
        argument: e.command.argument ?? '',
        n: clientControlPort(events),
        ...(numbers
          ? { ip: numbers.ip, p1: numbers.p1, p2: numbers.p2, port: numbers.p1 * 256 + numbers.p2 }
          : {}),
      };
    }
    case 'ftp/reply-sent': {
      const numbers = hostPortNumbers(e.reply.text);
      const port = e.reply.address?.port ?? e.reply.port;
      return {
        code: e.reply.code,
        text: e.reply.text,
        ...(numbers ? { ip: numbers.ip, p1: numbers.p1, p2: numbers.p2 } : {}),
        ...(port !== undefined ? { port } : {}),
      };
    }
    case 'tcp/segment-sent':
      return {
        sender: e.packet.from,
        src: formatEndpoint(e.packet.segment.src),
        dst: formatEndpoint(e.packet.segment.dst),
        n: clientControlPort(events),
      };
    case 'fw/verdict':
      return { device: e.device, rule: e.verdict.rule.text, state: e.verdict.state };
    case 'nat/payload-rewritten':
      return { device: e.device, before: e.before, after: e.after };
    case 'session/finished':
      return { outcome: e.outcome, ...(e.client ? { status: e.client.status } : {}) };
    default:
      return {};
  }
}

/** The steps before a point whose narration states its answer, each with a narration that does not. */
function withheldBefore(point: PredictionPoint, events: readonly StepEvent[]): WithheldNarration[] {
  const out: WithheldNarration[] = [];
  for (const e of events.slice(0, point.index)) {
    const narration = withheldNarration(point.ask, e);
    if (narration) out.push({ index: e.index, point: point.id, narration });
  }
  return out;
}

function withheldNarration(ask: LessonAsk, e: StepEvent): Narration | undefined {
  if (ask === 'who-opens' && e.kind === 'socket/listening' && e.conn !== 'control')
    return {
      key: 'lesson.withheld.listening',
      params: { host: e.host, endpoint: formatEndpoint(e.endpoint) },
    };
  if (ask !== 'destination-port') return undefined;
  if (e.kind === 'ftp/command-sent' && (e.command.verb === 'PORT' || e.command.verb === 'EPRT'))
    return {
      key: 'lesson.withheld.announce',
      params: { message: `${e.command.verb} ${e.command.argument}` },
    };
  if (e.kind === 'ftp/reply-sent' && (e.reply.code === 227 || e.reply.code === 229))
    return { key: 'lesson.withheld.announce', params: { message: `${e.reply.code} ${e.reply.text}` } };
  if (e.kind === 'socket/listening' && e.conn !== 'control')
    return { key: 'lesson.withheld.listeningHidden', params: { host: e.host } };
  return undefined;
}
