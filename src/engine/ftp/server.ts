import type { VirtualTime } from '../clock/virtualTime';
import { advance } from '../clock/virtualTime';
import type { ConnId, FailureReason } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import type { SocketNotice } from '../tcp/endpoint';
import { usesPassive, type TransferCommand } from '../scenario/scenario';
import { decodeExtendedAddress, decodeHostPort, encodeHostPort } from './dataAddress';
import {
  at,
  dataConn,
  pause,
  sendReply,
  transferOf,
  type AppInput,
  type AppStep,
  type DialogueContext,
  type TimedOp,
} from './dialogue';
import type { FtpReply } from './messages';
import { REPLIES, retrStartingText } from './replies';
import { directoryListing, fileContents } from './serverFiles';

/**
 * vsftpd 3.0.3 as configured for the reference captures: anonymous login, connect_from_port_20,
 * port_promiscuous=NO, pasv_min_port/pasv_max_port, connect_timeout and accept_timeout.
 */
export interface ServerState {
  /** How many PORT/PASV/EPRT/EPSV commands it has read: the number of the transfer being set up. */
  readonly k: number;
  /** Active mode: where PORT/EPRT said to connect. */
  readonly target?: Endpoint;
  /** Passive mode: the socket listening for transfer k's data connection. */
  readonly listening?: Endpoint;
  /** Passive mode: the client's connection completed its handshake in the kernel, waiting for accept(). */
  readonly queued: boolean;
  readonly connectAt?: VirtualTime;
  /** Connections the kernel completed but vsftpd never accepted: reset when its process exits. */
  readonly unaccepted: readonly ConnId[];
}

export const SERVER_START: ServerState = { k: 0, queued: false, unaccepted: [] };

type Step = AppStep<ServerState>;

export function stepServer(
  state: ServerState,
  input: AppInput,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  const control: Endpoint = { ip: ctx.topo.addresses.server, port: 21 };
  if (input.kind === 'start')
    return { state, ops: [at(now, { kind: 'listen', conn: 'control', endpoint: control })] };
  if (input.conn !== 'control') return onData(state, input, now, ctx);
  if (input.kind === 'accepted')
    return {
      state,
      ops: [
        at(now, { kind: 'accept', conn: 'control' }),
        sendReply(pause(ctx, now, 'server:welcome', 2300, 4600), REPLIES.welcome),
      ],
    };
  if (input.kind === 'received') return onCommand(state, input, now, ctx);
  if (input.kind === 'delivered' && state.listening)
    return {
      state: { ...state, listening: undefined },
      ops: [at(now, { kind: 'unlisten', conn: dataConn(state.k), endpoint: state.listening })],
    };
  return { state, ops: [] };
}

function onCommand(
  state: ServerState,
  notice: Extract<SocketNotice, { kind: 'received' }>,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  const [verb = '', argument = ''] = notice.payload.trim().split(' ');
  const reply = (label: string, min: number, max: number, r: FtpReply): Step => ({
    state,
    ops: [sendReply(pause(ctx, now, label, min, max), r)],
  });
  switch (verb) {
    case 'USER':
      return reply('server:need-password', 60, 400, REPLIES.needPassword);
    case 'PASS':
      return reply('server:logged-in', 1500, 8500, REPLIES.loggedIn);
    case 'TYPE':
      return reply(
        `server:type:${state.k + 1}`,
        50,
        160,
        argument === 'A' ? REPLIES.typeAscii : REPLIES.typeBinary,
      );
    case 'PORT':
    case 'EPRT':
      return onPort({ ...state, k: state.k + 1 }, verb, argument, notice.from, now, ctx);
    case 'PASV':
    case 'EPSV':
      return onPassive({ ...state, k: state.k + 1, queued: false }, verb, now, ctx);
    case 'QUIT':
      return goodbye(state, now, ctx);
    default:
      return onTransfer(state, now, ctx);
  }
}

/** vsftpd port_promiscuous=NO: the data address must be the control connection's own peer. */
function onPort(
  state: ServerState,
  verb: 'PORT' | 'EPRT',
  argument: string,
  peer: Endpoint,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  // What the server read: a NAT helper on the way may have rewritten the address.
  const target = verb === 'EPRT' ? decodeExtendedAddress(argument) : decodeHostPort(argument);
  const label = `server:port-reply:${state.k}`;
  if (!target || target.ip !== peer.ip) {
    const illegal = verb === 'EPRT' ? REPLIES.illegalEprt : REPLIES.illegalPort;
    return { state, ops: [sendReply(pause(ctx, now, label, 60, 300), illegal)] };
  }
  const ok = verb === 'EPRT' ? REPLIES.eprtOk : REPLIES.portOk;
  return { state: { ...state, target }, ops: [sendReply(pause(ctx, now, label, 60, 400), ok)] };
}

function onPassive(state: ServerState, verb: 'PASV' | 'EPSV', now: VirtualTime, ctx: DialogueContext): Step {
  const { s, topo } = ctx;
  const k = state.k;
  const port = ctx.chance.int(
    `server:passive-port:${k}`,
    s.server.passivePorts.min,
    s.server.passivePorts.max,
  );
  const listening: Endpoint = { ip: topo.addresses.server, port };
  const replyAt = pause(ctx, now, `server:passive-reply:${k}`, 70, 320);
  // pasv_address: behind NAT with the range forwarded, vsftpd is told to announce the public address.
  const announced: Endpoint = {
    ip: s.serverNat === 'public' ? topo.addresses.serverRouter.wan : topo.addresses.server,
    port,
  };
  const r: FtpReply =
    verb === 'EPSV'
      ? { code: 229, text: `Entering Extended Passive Mode (|||${port}|)`, port }
      : { code: 227, text: `Entering Passive Mode (${encodeHostPort(announced)}).`, address: announced };
  return {
    state: { ...state, listening },
    ops: [at(replyAt, { kind: 'listen', conn: dataConn(k), endpoint: listening }), sendReply(replyAt, r)],
  };
}

/** vsftpd checks the file before it touches the data connection (postlogin.c handle_retr/handle_stor). */
function refusal(
  transfer: TransferCommand,
  ctx: DialogueContext,
): { reply: FtpReply; reason: FailureReason } | undefined {
  const { files, uploads } = ctx.s.server;
  if (transfer.verb === 'RETR' && !files.some((f) => f.name === transfer.file))
    return { reply: REPLIES.cannotOpen, reason: 'file-unavailable' };
  if (transfer.verb === 'STOR' && !uploads)
    return { reply: REPLIES.permissionDenied, reason: 'permission-denied' };
  // anon_other_write_enable=NO: an anonymous upload may create a file but never overwrite one.
  if (transfer.verb === 'STOR' && files.some((f) => f.name === transfer.file))
    return { reply: REPLIES.cannotCreate, reason: 'cannot-create' };
  return undefined;
}

function onTransfer(state: ServerState, now: VirtualTime, ctx: DialogueContext): Step {
  const k = state.k;
  const conn = dataConn(k);
  const refused = refusal(ctx.s.commands[k - 1] as TransferCommand, ctx);
  if (refused) return refuse(state, refused, now, ctx);
  if (state.target && !usesPassive(ctx.s.mode)) {
    // connect_from_port_20=YES: vsftpd connects from port 20 (ftp-data) to the address it was given.
    const connectAt = pause(ctx, now, `server:connect:${k}`, 100, 200);
    const local = { ip: ctx.topo.addresses.server, port: 20 };
    return {
      state: { ...state, connectAt },
      ops: [
        at(now, { kind: 'open', conn, local, remote: state.target, peer: 'client' }),
        at(connectAt, { kind: 'connect', conn, limitUs: ctx.s.server.connectTimeout * 1_000_000 }),
      ],
    };
  }
  const listening = state.listening as Endpoint;
  if (state.queued) {
    const unlisten = at(pause(ctx, now, `server:accept:${k}`, 30, 80), {
      kind: 'unlisten',
      conn,
      endpoint: listening,
    });
    const moved = moveData(state, pause(ctx, now, `server:start:${k}`, 200, 320), ctx);
    return { state: { ...moved.state, listening: undefined }, ops: [unlisten, ...moved.ops] };
  }
  // vsftpd waits accept_timeout for a connection to its passive port, then gives up.
  const expiry = advance(now, ctx.s.server.acceptTimeout * 1_000_000);
  const event = {
    kind: 'timer/expired',
    at: expiry,
    host: 'server',
    conn,
    timer: 'server-accept-timeout',
    after: ctx.s.server.acceptTimeout,
  } as const;
  return {
    state: { ...state, listening: undefined },
    ops: [
      at(expiry, { kind: 'record', event }),
      at(expiry, { kind: 'unlisten', conn, endpoint: listening }),
      sendReply(pause(ctx, expiry, `server:failed:${k}`, 40, 120), REPLIES.dataFailed),
    ],
  };
}

function refuse(
  state: ServerState,
  refused: { reply: FtpReply; reason: FailureReason },
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  const k = state.k;
  const note = at(now, { kind: 'note', k, reason: refused.reason });
  const answerAt = pause(ctx, now, `server:refusal:${k}`, 60, 300);
  if (!usesPassive(ctx.s.mode)) return { state, ops: [note, sendReply(answerAt, refused.reply)] };
  // Passive: the listener closes once the client has the answer; a connection vsftpd never accepted
  // stays in the kernel's queue until the session ends.
  const unaccepted = state.queued ? [...state.unaccepted, dataConn(k)] : state.unaccepted;
  return {
    state: { ...state, unaccepted },
    ops: [note, sendReply(answerAt, refused.reply, { kind: 'delivered', conn: 'control' })],
  };
}

function starting(transfer: TransferCommand, ctx: DialogueContext): FtpReply {
  if (transfer.verb === 'LIST') return REPLIES.listStarting;
  if (transfer.verb === 'STOR') return REPLIES.storStarting;
  const size = ctx.s.server.files.find((f) => f.name === transfer.file)?.size ?? 0;
  return { code: 150, text: retrStartingText(transfer.file, size, true) };
}

/** Both ends hold the data connection: 150, then the bytes (the server's or the client's). */
function moveData(state: ServerState, t: VirtualTime, ctx: DialogueContext): Step {
  const k = state.k;
  const transfer = ctx.s.commands[k - 1] as TransferCommand;
  const conn = dataConn(k);
  const accept: TimedOp[] = usesPassive(ctx.s.mode) ? [at(t, { kind: 'accept', conn })] : [];
  const start = sendReply(t, starting(transfer, ctx));
  if (transfer.verb === 'STOR') return { state, ops: [...accept, start] };
  const bytes =
    transfer.verb === 'LIST'
      ? directoryListing(ctx.s.server.files)
      : fileContents(transfer.file, ctx.s.server.files.find((f) => f.name === transfer.file)?.size ?? 0);
  return {
    state,
    ops: [
      ...accept,
      start,
      at(pause(ctx, t, `server:send:${k}`, 40, 120), { kind: 'send-bulk', conn, bytes }),
    ],
  };
}

function onData(state: ServerState, notice: SocketNotice, now: VirtualTime, ctx: DialogueContext): Step {
  const k = transferOf(notice.conn) as number;
  const conn = notice.conn;
  const transfer = ctx.s.commands[k - 1] as TransferCommand;
  const done = transfer.verb === 'LIST' ? REPLIES.listDone : REPLIES.transferDone;
  switch (notice.kind) {
    case 'accepted':
      return { state: { ...state, queued: true }, ops: [] };
    case 'connected':
      return moveData(state, pause(ctx, now, `server:accepted:${k}`, 60, 120), ctx);
    case 'connect-failed':
      return connectFailed(state, notice.why, now, ctx);
    case 'peer-closed':
      return {
        state,
        ops: [at(pause(ctx, now, `server:close-data:${k}`, 60, 200), { kind: 'close', conn })],
      };
    case 'bulk-sent': {
      if (usesPassive(ctx.s.mode)) return { state, ops: [at(advance(now, 20), { kind: 'close', conn })] };
      // Active mode, as captured: vsftpd writes 226 a few tens of µs before its FIN reaches the wire.
      const confirmAt = pause(ctx, now, `server:done:${k}`, 20, 40);
      return {
        state,
        ops: [
          sendReply(confirmAt, done),
          at(pause(ctx, confirmAt, `server:close-data:${k}`, 20, 30), { kind: 'close', conn }),
        ],
      };
    }
    case 'closed':
      if (!usesPassive(ctx.s.mode) && transfer.verb !== 'STOR') return { state, ops: [] };
      return { state, ops: [sendReply(pause(ctx, now, `server:done:${k}`, 40, 150), done)] };
    default:
      return { state, ops: [] };
  }
}

function connectFailed(
  state: ServerState,
  why: 'timeout' | 'syn-retries-exhausted' | 'refused',
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  const k = state.k;
  const note = at(now, {
    kind: 'note',
    k,
    reason: why === 'refused' ? 'connection-refused' : 'data-syn-dropped',
  });
  const reply = sendReply(pause(ctx, now, `server:failed:${k}`, 40, 120), REPLIES.dataFailed);
  if (why === 'refused') return { state, ops: [note, reply] };
  const timer = why === 'timeout' ? 'server-connect-timeout' : 'syn-retries-exhausted';
  const after = (now - (state.connectAt ?? now)) / 1e6;
  const event = { kind: 'timer/expired', at: now, host: 'server', conn: dataConn(k), timer, after } as const;
  return { state, ops: [at(now, { kind: 'record', event }), note, reply] };
}

/**
 * QUIT: 221, and vsftpd's session process exits: its control connection closes first, then the kernel
 * resets the connections vsftpd never accepted, 0.1–1 ms later (measured in tests/lab).
 */
function goodbye(state: ServerState, now: VirtualTime, ctx: DialogueContext): Step {
  const byeAt = pause(ctx, now, 'server:goodbye', 60, 200);
  const exitAt = advance(byeAt, 20);
  return {
    state,
    ops: [
      sendReply(byeAt, REPLIES.goodbye),
      at(exitAt, { kind: 'close', conn: 'control' }),
      ...state.unaccepted.map((conn) =>
        at(pause(ctx, exitAt, `server:reset:${conn}`, 100, 1000), { kind: 'reset', conn }),
      ),
    ],
  };
}
