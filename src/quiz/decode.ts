import {
  decodeExtendedPassivePort,
  decodeHostPort,
  encodeExtendedAddress,
  encodeHostPort,
  formatEndpoint,
  type FtpCommand,
  type ScenarioInput,
  type StepEvent,
} from '../engine';
import { variantOf, type GeneratorContext } from './context';
import { applyVariation, msg, randomVariation } from './scenarios';
import type { FreeFormat, FreeQuestion, Message } from './types';

type CommandEvent = Extract<StepEvent, { kind: 'ftp/command-sent' }>;
type ReplyEvent = Extract<StepEvent, { kind: 'ftp/reply-sent' }>;

interface Keyed {
  readonly format: FreeFormat;
  readonly answer: string;
  readonly prompt: Message;
  readonly event: StepEvent;
}

/** Each variant: the scenario to run, and how to turn its events into a prompt and a keyed answer. */
interface DecodeVariant {
  readonly id: string;
  readonly input: (ctx: GeneratorContext) => ScenarioInput;
  readonly key: (events: readonly StepEvent[]) => Keyed;
}

function firstReply(events: readonly StepEvent[], code: number): ReplyEvent {
  const e = events.find((x): x is ReplyEvent => x.kind === 'ftp/reply-sent' && x.reply.code === code);
  if (!e) throw new Error(`no ${code} reply`);
  return e;
}

type AddressCommand = Extract<FtpCommand, { verb: 'PORT' | 'EPRT' }>;

/** The first PORT or EPRT the client sends, with its parsed address. */
function firstCommand(
  events: readonly StepEvent[],
  verb: 'PORT' | 'EPRT',
): { event: CommandEvent; command: AddressCommand } {
  for (const e of events) {
    if (e.kind !== 'ftp/command-sent') continue;
    const c = e.command;
    if ((c.verb === 'PORT' || c.verb === 'EPRT') && c.verb === verb) return { event: e, command: c };
  }
  throw new Error(`no ${verb} command`);
}

const replyLine = (e: ReplyEvent) => `${e.reply.code} ${e.reply.text}`;

const VARIANTS: readonly DecodeVariant[] = [
  {
    // RFC 959 §4.1.2: 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2) → address h1.h2.h3.h4, port p1*256+p2.
    id: 'decode-227',
    // A server behind NAT that announces its public address is just as good to decode.
    input: (ctx) => ({ mode: 'passive', serverNat: ctx.random.next() < 0.25 ? 'public' : 'none' }),
    key: (events) => {
      const e = firstReply(events, 227);
      const ep = decodeHostPort(e.reply.text);
      if (!ep) throw new Error(`unreadable 227: ${e.reply.text}`);
      return {
        format: 'endpoint',
        answer: formatEndpoint(ep),
        prompt: msg('quiz.decode.227', { reply: replyLine(e) }),
        event: e,
      };
    },
  },
  {
    // The server's view of PORT: which port it will connect to.
    id: 'decode-port',
    input: () => ({ mode: 'active' }),
    key: (events) => {
      const { event: e, command } = firstCommand(events, 'PORT');
      const ep = decodeHostPort(command.argument);
      if (!ep) throw new Error(`unreadable PORT: ${command.argument}`);
      return {
        format: 'port',
        answer: String(ep.port),
        prompt: msg('quiz.decode.portArgument', { command: `PORT ${command.argument}` }),
        event: e,
      };
    },
  },
  {
    // The client's side of PORT: write its listening address as h1,h2,h3,h4,p1,p2.
    id: 'encode-port',
    input: () => ({ mode: 'active' }),
    key: (events) => {
      const { event: e, command } = firstCommand(events, 'PORT');
      return {
        format: 'hostPort',
        answer: encodeHostPort(command.address),
        prompt: msg('quiz.decode.encodePort', { endpoint: formatEndpoint(command.address) }),
        event: e,
      };
    },
  },
  {
    // RFC 2428 §3: 229 Entering Extended Passive Mode (|||port|): the port only.
    id: 'decode-229',
    input: () => ({ mode: 'epsv' }),
    key: (events) => {
      const e = firstReply(events, 229);
      const port = decodeExtendedPassivePort(e.reply.text);
      if (port === undefined) throw new Error(`unreadable 229: ${e.reply.text}`);
      return {
        format: 'port',
        answer: String(port),
        prompt: msg('quiz.decode.229', { reply: replyLine(e) }),
        event: e,
      };
    },
  },
  {
    // RFC 2428 §2: EPRT |1|address|port|.
    id: 'encode-eprt',
    input: () => ({ mode: 'eprt' }),
    key: (events) => {
      const { event: e, command } = firstCommand(events, 'EPRT');
      return {
        format: 'eprt',
        answer: encodeExtendedAddress(command.address),
        prompt: msg('quiz.decode.encodeEprt', { endpoint: formatEndpoint(command.address) }),
        event: e,
      };
    },
  },
  {
    // RFC 2428 §2 over IPv6: EPRT |2|address|port| (2 = IPv6), the client's own global address (no NAT).
    id: 'encode-eprt6',
    input: () => ({ mode: 'eprt', ipVersion: 6 }),
    key: (events) => {
      const { event: e, command } = firstCommand(events, 'EPRT');
      return {
        format: 'eprt',
        answer: encodeExtendedAddress(command.address),
        prompt: msg('quiz.decode.encodeEprt', { endpoint: formatEndpoint(command.address) }),
        event: e,
      };
    },
  },
];

export const DECODE_VARIANTS = VARIANTS.map((v) => v.id);

/** Decode or encode the data address of a real PORT, 227, 229 or EPRT from a simulated session. */
export function decodeQuestion(ctx: GeneratorContext): FreeQuestion {
  const variant = variantOf(ctx, VARIANTS);
  const input = applyVariation(variant.input(ctx), randomVariation(ctx.random));
  const { format, answer, prompt, event } = variant.key(ctx.cache.run(input).events);
  return {
    kind: 'free',
    id: ctx.id,
    topic: 'decode',
    variant: variant.id,
    prompt,
    facts: [],
    context: [],
    format,
    answer,
    explanation: [msg(`quiz.decode.explain.${format}`, { answer }), event.narration],
    showMe: { scenario: input, step: event.index },
  };
}
