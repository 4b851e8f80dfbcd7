import { advance, type VirtualTime } from '../clock/virtualTime';
import type { ConnId } from '../events/stepEvent';
import { isIpv4, UNSPECIFIED_IPV4, type Endpoint } from '../net/address';
import { usesPassive, type TransferCommand } from '../scenario/scenario';
import type { SocketNotice } from '../tcp/endpoint';
import {
  decodeExtendedPassivePort,
  decodeHostPort,
  encodeExtendedAddress,
  encodeHostPort,
} from './dataAddress';
import {
  at,
  clientClosesFirst,
  dataConn,
  openingCommand,
  openingSteps,
  EPHEMERAL,
  pause,
  sendCommand,
  transferOf,
  type AppInput,
  type AppStep,
  type DialogueContext,
  type TimedOp,
} from './dialogue';
import type { FtpCommand } from './messages';
import { fileContents } from './serverFiles';

/**
 * The FTP client of the reference captures (a scripted client much like inetutils ftp or Python's
 * ftplib): it logs in, sends TYPE A before LIST and TYPE I before RETR/STOR, sets up each data connection
 * with PORT/EPRT or PASV/EPSV, and QUITs. Like the captured client, when it cannot reach a passive port it
 * still sends the transfer command and reads the server's answer.
 */
export interface ClientState {
  /** `paused`: the client went quiet after login; `ended`: vsftpd ended the session with 421. */
  readonly phase:
    'login' | 'paused' | 'type' | 'mode' | 'connecting' | 'transfer' | 'quit' | 'ended' | 'done';
  /** The replies read during login: 220, 331, 230 (under FTPS also 234 first, and PBSZ's and PROT's 200). */
  readonly login: number;
  /** The transfer under way (1-based), 0 during login. */
  readonly k: number;
  readonly type?: 'A' | 'I';
  /** Reply codes read since the transfer's PORT/PASV/EPRT/EPSV. */
  readonly codes: readonly number[];
  /** Active mode: where the client listens for the data connection. */
  readonly listening?: Endpoint;
  /** Passive mode: when connect() started, to say how long it took to give up. */
  readonly connectAt?: VirtualTime;
  readonly connected: boolean;
  readonly got150: boolean;
  /** A 421 arrived while the client was blocked in connect(): it reads it once connect() returns. */
  readonly pending421: boolean;
  /** The server closed the control connection while the client was blocked in connect(). */
  readonly controlEof: boolean;
  /** LIST/RETR: done once the 226 is read and the data connection has closed, in either order. */
  readonly got226: boolean;
  readonly dataClosed: boolean;
}

export const CLIENT_START: ClientState = {
  phase: 'login',
  login: 0,
  k: 0,
  codes: [],
  connected: false,
  got150: false,
  pending421: false,
  controlEof: false,
  got226: false,
  dataClosed: false,
};

type Step = AppStep<ClientState>;

export function stepClient(
  state: ClientState,
  input: AppInput,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  if (input.kind === 'start') return openControl(state, now, ctx);
  // The client sets no timers of its own; its connect() time-out lives in its socket.
  if (input.kind === 'timer') return { state, ops: [] };
  if (input.conn === 'control') return onControl(state, input, now, ctx);
  return onData(state, input, now, ctx);
}

function openControl(state: ClientState, now: VirtualTime, ctx: DialogueContext): Step {
  const local = { ip: ctx.topo.addresses.client, port: ctx.s.client.controlPort };
  const remote = { ip: ctx.topo.serverPublicIp, port: 21 };
  return {
    state,
    ops: [
      at(now, { kind: 'open', conn: 'control', local, remote, peer: 'server' }),
      // The client's own patience for the control connection, longer than the kernel's SYN retries.
      at(now, { kind: 'connect', conn: 'control', limitUs: 75_000_000 }),
    ],
  };
}

function onControl(state: ClientState, notice: SocketNotice, now: VirtualTime, ctx: DialogueContext): Step {
  switch (notice.kind) {
    case 'connect-failed':
      return { state: { ...state, phase: 'done' }, ops: [at(now, { kind: 'end' })] };
    case 'received':
      return onReply(state, Number(notice.payload.slice(0, 3)), notice, now, ctx);
    case 'peer-closed':
      // Blocked in connect(), the client notices the end of the session only once connect() returns.
      if (state.phase === 'connecting') return { state: { ...state, controlEof: true }, ops: [] };
      if (stalledUpload(state, ctx)) {
        // The stalled uploader learns of the end only now, and closes its data connection, then control.
        const t = pause(ctx, now, 'client:close-data-after-421', 300, 700);
        return {
          state,
          ops: [
            at(t, { kind: 'close', conn: dataConn(state.k) }),
            at(advance(t, 40), { kind: 'close', conn: 'control' }),
          ],
        };
      }
      return { state, ops: [closeControl(now, ctx)] };
    case 'closed':
      return { state: { ...state, phase: 'done' }, ops: [at(now, { kind: 'end' })] };
    default:
      return { state, ops: [] };
  }
}

function onReply(
  state: ClientState,
  code: number,
  notice: Extract<SocketNotice, { kind: 'received' }>,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  if (code === 421 && state.phase === 'connecting') return { state: { ...state, pending421: true }, ops: [] };
  if (code === 421) return onSessionEnd(state, now, ctx);
  switch (state.phase) {
    case 'login':
      return login(state, now, ctx);
    case 'type':
      return startMode(state, state.k, now, ctx);
    case 'mode':
      return usesPassive(ctx.s.mode)
        ? onPassiveReply(state, code, notice, now, ctx)
        : onPortReply(state, code, notice, now, ctx);
    case 'transfer':
      return onTransferReply({ ...state, codes: [...state.codes, code] }, code, now, ctx);
    case 'quit':
      // 221 Goodbye: both ends close the control connection; the seed says whose FIN comes first.
      if (!clientClosesFirst(ctx)) return { state, ops: [] };
      return {
        state,
        ops: [at(pause(ctx, now, 'client:close-control', 40, 80), { kind: 'close', conn: 'control' })],
      };
    default:
      return { state, ops: [] };
  }
}

/** A client stalling its upload (client.pause `during-upload`) reads neither connection until a 421. */
function stalledUpload(state: ClientState, ctx: DialogueContext): boolean {
  return (
    ctx.s.client.pause === 'during-upload' &&
    state.got150 &&
    !state.dataClosed &&
    ctx.s.commands[state.k - 1]?.verb === 'STOR'
  );
}

function closeControl(now: VirtualTime, ctx: DialogueContext): TimedOp {
  return at(pause(ctx, now, 'client:close-control', 300, 700), { kind: 'close', conn: 'control' });
}

/**
 * Login: after 220 the client sends USER, after 331 PASS (under FTPS: AUTH TLS first, PBSZ and PROT after
 * the 230); after the last reply it starts the first transfer.
 */
function login(state: ClientState, now: VirtualTime, ctx: DialogueContext): Step {
  const step = openingSteps(ctx)[state.login];
  if (step)
    return {
      state: { ...state, login: state.login + 1 },
      ops: openingCommand(step, now, ctx, [60, 300], 'TLS'),
    };
  // A client that goes quiet after login: vsftpd's idle timer will end the session.
  if (ctx.s.client.pause === 'after-login') return { state: { ...state, phase: 'paused' }, ops: [] };
  return beginTransfer(state, 1, now, ctx);
}

function beginTransfer(state: ClientState, k: number, now: VirtualTime, ctx: DialogueContext): Step {
  const transfer = ctx.s.commands[k - 1];
  if (!transfer)
    return {
      state: { ...state, phase: 'quit', k },
      ops: [sendCommand(pause(ctx, now, 'client:quit', 100, 800), 'control', { verb: 'QUIT' })],
    };
  const fresh: ClientState = {
    ...state,
    k,
    codes: [],
    connected: false,
    got150: false,
    got226: false,
    dataClosed: false,
  };
  const wanted = transfer.verb === 'LIST' ? 'A' : 'I';
  if (state.type === wanted) return startMode(fresh, k, now, ctx);
  const type = sendCommand(pause(ctx, now, `client:type:${k}`, 100, 800), 'control', {
    verb: 'TYPE',
    argument: wanted,
  });
  return { state: { ...fresh, phase: 'type', type: wanted }, ops: [type] };
}

function startMode(state: ClientState, k: number, now: VirtualTime, ctx: DialogueContext): Step {
  const start = pause(ctx, now, `client:setup:${k}`, 100, 800);
  if (usesPassive(ctx.s.mode)) {
    const verb = ctx.s.mode === 'epsv' ? 'EPSV' : 'PASV';
    return { state: { ...state, phase: 'mode' }, ops: [sendCommand(start, 'control', { verb })] };
  }
  const ip = ctx.topo.addresses.client;
  const listen: Endpoint = { ip, port: activePort(k, ctx) };
  // PORT has room for an IPv4 address only: on IPv6 the client sends EPRT |2| instead, as Python's ftplib
  // and curl do (tests/lab, issue 14 C2).
  const setup: FtpCommand =
    ctx.s.mode === 'active' && isIpv4(ip)
      ? { verb: 'PORT', argument: encodeHostPort(listen), address: listen }
      : { verb: 'EPRT', argument: encodeExtendedAddress(listen), address: listen };
  return {
    state: { ...state, phase: 'mode', listening: listen },
    ops: [
      at(start, { kind: 'listen', conn: dataConn(k), endpoint: listen }),
      sendCommand(advance(start, 20), 'control', setup),
    ],
  };
}

/** Active mode: the port the client listens on and announces: N+k in the textbook, else an ephemeral one. */
function activePort(k: number, ctx: DialogueContext): number {
  return ctx.s.client.dataPort === 'textbook'
    ? ctx.s.client.controlPort + k
    : ctx.chance.int(`client:data-port:${k}`, EPHEMERAL.min, EPHEMERAL.max);
}

function transferCommand(transfer: TransferCommand): FtpCommand {
  return transfer.verb === 'LIST' ? { verb: 'LIST' } : { verb: transfer.verb, argument: transfer.file };
}

function sendTransfer(state: ClientState, t: VirtualTime, ctx: DialogueContext): TimedOp {
  return sendCommand(t, 'control', transferCommand(ctx.s.commands[state.k - 1] as TransferCommand));
}

function onPortReply(
  state: ClientState,
  code: number,
  notice: Extract<SocketNotice, { kind: 'received' }>,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  if (code === 200) {
    const next: ClientState = { ...state, phase: 'transfer', codes: [200] };
    return {
      state: next,
      ops: [sendTransfer(next, pause(ctx, now, `client:transfer:${state.k}`, 60, 300), ctx)],
    };
  }
  // 500 Illegal PORT command: vsftpd refused the address it read.
  const failed = { ...state, codes: [code] };
  const note = at(now, {
    kind: 'note',
    conn: dataConn(state.k),
    reason: 'port-rejected',
    packetId: notice.packetId,
  });
  const done = finish(failed, now, ctx);
  return { state: done.state, ops: [note, ...done.ops] };
}

function onPassiveReply(
  state: ClientState,
  code: number,
  notice: Extract<SocketNotice, { kind: 'received' }>,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  const k = state.k;
  // The client connects where the reply, as it arrived, tells it to: 229 names only a port (RFC 2428 §3).
  const port = decodeExtendedPassivePort(notice.payload);
  const target =
    ctx.s.mode === 'epsv' && port !== undefined
      ? { ip: ctx.topo.serverPublicIp, port }
      : decodeHostPort(notice.payload.slice(4));
  if (!target) throw new Error(`unreadable passive reply: ${notice.payload}`);
  if (target.ip === UNSPECIFIED_IPV4) {
    // vsftpd's 227 on IPv6 (0,0,0,0). The client believes it, as it believes every 227: 0.0.0.0 is its own
    // host, where nothing listens, so connect() is refused at once without a packet on the network
    // (measured: ECONNREFUSED in 0.1 ms). ftplib and curl never send PASV on IPv6 for this reason.
    const refused: ClientState = { ...state, phase: 'connecting', codes: [code], connectAt: now };
    return afterConnect(refused, now, ctx, { unspecifiedAddress: notice.packetId });
  }
  // Whatever the data-port policy, a client connecting out takes an ephemeral port: the textbook's N+1
  // belongs to active mode, where the client must announce a port to listen on.
  const local = {
    ip: ctx.topo.addresses.client,
    port: ctx.chance.int(`client:data-port:${k}`, EPHEMERAL.min, EPHEMERAL.max),
  };
  const connectAt = pause(ctx, now, `client:connect:${k}`, 200, 400);
  const conn = dataConn(k);
  return {
    state: { ...state, phase: 'connecting', codes: [code], connectAt },
    ops: [
      at(now, { kind: 'open', conn, local, remote: target, peer: 'server' }),
      at(connectAt, { kind: 'connect', conn, limitUs: ctx.s.client.connectTimeout * 1_000_000 }),
    ],
  };
}

function onTransferReply(state: ClientState, code: number, now: VirtualTime, ctx: DialogueContext): Step {
  const transfer = ctx.s.commands[state.k - 1] as TransferCommand;
  const k = state.k;
  if (code === 150) {
    const started = { ...state, got150: true };
    // ftplib wraps the data socket in TLS once it has read the 150 (FTP_TLS.ntransfercmd).
    const secure = ctx.s.tls === 'explicit' ? [at(now, { kind: 'secure', conn: dataConn(k) } as const)] : [];
    // A client that stalls its upload sends nothing: vsftpd's data timer will run out.
    if (transfer.verb !== 'STOR' || ctx.s.client.pause === 'during-upload')
      return { state: started, ops: secure };
    const bytes = fileContents(transfer.file, transfer.size);
    const upload = at(pause(ctx, now, `client:upload:${k}`, 100, 400), {
      kind: 'send-bulk',
      conn: dataConn(k),
      bytes,
    });
    return { state: started, ops: [...secure, upload] };
  }
  // A download is done when the 226 is read and the data connection has closed, whichever comes last.
  if (code === 226 && transfer.verb !== 'STOR' && !state.dataClosed)
    return { state: { ...state, got226: true }, ops: [] };
  if (code === 226) return finish(state, now, ctx);
  const abandon =
    usesPassive(ctx.s.mode) && state.connected
      ? [at(pause(ctx, now, `client:abandon:${k}`, 60, 200), { kind: 'abandon', conn: dataConn(k) } as const)]
      : [];
  // 425 or a refusal (550, 553): the transfer is over without data.
  const done = finish(state, now, ctx);
  return { state: done.state, ops: [...abandon, ...done.ops] };
}

/**
 * 421: vsftpd ends the session (RFC 959 §4.2: the service is closing the control connection). The client
 * notes why the transfer under way (or the next one) failed and stops; it closes its end once vsftpd has.
 */
function onSessionEnd(
  state: ClientState,
  now: VirtualTime,
  ctx: DialogueContext,
  before: readonly TimedOp[] = [],
): Step {
  const k = Math.max(state.k, 1);
  const ended: ClientState = { ...state, phase: 'ended' };
  if (k > ctx.s.commands.length) return { state: ended, ops: [] };
  const inTransfer = state.phase === 'transfer' || state.phase === 'connecting' || state.phase === 'mode';
  const reason = state.phase === 'transfer' && state.got150 ? 'data-timeout' : 'session-timeout';
  const abort =
    state.phase === 'connecting' ? [at(now, { kind: 'abort', conn: dataConn(k) } as const)] : before;
  const unlisten = state.listening
    ? [at(now, { kind: 'unlisten', conn: dataConn(k), endpoint: state.listening } as const)]
    : [];
  return {
    state: { ...ended, listening: undefined },
    ops: [
      ...abort,
      ...unlisten,
      at(now, { kind: 'note', conn: dataConn(k), reason }),
      at(now, {
        kind: 'finished',
        k,
        codes: [...(inTransfer ? state.codes : []), 421],
        attempts: [dataConn(k)],
      }),
    ],
  };
}

/** The client is done with the transfer: it closes its unused listener and goes on with the next. */
function finish(state: ClientState, now: VirtualTime, ctx: DialogueContext): Step {
  const unlisten = state.listening
    ? [
        at(advance(now, 30), {
          kind: 'unlisten',
          conn: dataConn(state.k),
          endpoint: state.listening,
        } as const),
      ]
    : [];
  const finished = at(now, {
    kind: 'finished',
    k: state.k,
    codes: state.codes,
    attempts: [dataConn(state.k)],
  });
  const next = beginTransfer({ ...state, listening: undefined }, state.k + 1, now, ctx);
  return { state: next.state, ops: [finished, ...unlisten, ...next.ops] };
}

function onData(state: ClientState, notice: SocketNotice, now: VirtualTime, ctx: DialogueContext): Step {
  const k = transferOf(notice.conn) as number;
  const conn: ConnId = notice.conn;
  switch (notice.kind) {
    case 'accepted':
      // Active mode: the server's connection arrived; the client needs the listening socket no more.
      return {
        state: { ...state, listening: undefined },
        ops: [
          at(now, { kind: 'accept', conn }),
          ...(state.listening
            ? [at(now, { kind: 'unlisten', conn, endpoint: state.listening } as const)]
            : []),
        ],
      };
    case 'connected':
      return afterConnect({ ...state, connected: true }, now, ctx);
    case 'connect-failed':
      return afterConnect(state, now, ctx, notice.why);
    case 'peer-closed':
      if (stalledUpload(state, ctx)) return { state, ops: [] };
      return {
        state,
        ops: [at(pause(ctx, now, `client:close-data:${k}`, ...closeDelay(ctx)), { kind: 'close', conn })],
      };
    case 'bulk-sent':
      return { state, ops: [at(advance(now, 20), { kind: 'close', conn })] };
    case 'closed':
      if (state.got226 && state.phase === 'transfer') return finish({ ...state, dataClosed: true }, now, ctx);
      return { state: { ...state, dataClosed: true }, ops: [] };
    default:
      return { state, ops: [] };
  }
}

/** How long the client takes to close its end after the server's FIN (as captured). */
function closeDelay(ctx: DialogueContext): [number, number] {
  return usesPassive(ctx.s.mode) ? [60, 300] : [150, 300];
}

/** Passive mode: connected or not, the client sends the transfer command and reads the answer. */
function afterConnect(
  state: ClientState,
  now: VirtualTime,
  ctx: DialogueContext,
  failed?:
    | 'timeout'
    | 'syn-retries-exhausted'
    | 'refused'
    /** Refused on the client's own host, before any packet: the packet that told it to go there. */
    | { readonly unspecifiedAddress: number },
): Step {
  const k = state.k;
  const next: ClientState = { ...state, phase: 'transfer' };
  // Back from connect(), the client reads the control connection: a 421 there ends the session.
  const then = state.pending421
    ? onSessionEnd(next, now, ctx, [
        ...(failed ? [] : [at(now, { kind: 'close', conn: dataConn(k) } as const)]),
        ...(state.controlEof ? [closeControl(now, ctx)] : []),
      ])
    : { state: next, ops: [sendTransfer(next, pause(ctx, now, `client:transfer:${k}`, 40, 120), ctx)] };
  if (!failed) return then;
  if (typeof failed === 'object') {
    const packetId = failed.unspecifiedAddress;
    const note = at(now, { kind: 'note', conn: dataConn(k), reason: 'unspecified-address', packetId });
    return { state: then.state, ops: [note, ...then.ops] };
  }
  const note = at(now, {
    kind: 'note',
    conn: dataConn(k),
    reason: failed === 'refused' ? 'connection-refused' : 'data-syn-dropped',
  });
  if (failed === 'refused') return { state: then.state, ops: [note, ...then.ops] };
  const timer = failed === 'timeout' ? 'client-connect-timeout' : 'syn-retries-exhausted';
  const after = (now - (state.connectAt ?? now)) / 1e6;
  const expired = at(now, {
    kind: 'record',
    event: { kind: 'timer/expired', at: now, host: 'client', conn: dataConn(k), timer, after },
  });
  return { state: then.state, ops: [expired, note, ...then.ops] };
}
