import { advance, seconds, type VirtualTime } from '../clock/virtualTime';
import type { ConnId, FailureReason } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import type { TransferCommand } from '../scenario/scenario';
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
  type AppInput,
  type AppStep,
  type DialogueContext,
  type TimedOp,
} from './dialogue';
import type { FtpCommand } from './messages';
import { fileContents } from './serverFiles';

/**
 * curl 7.88 (Debian 12) as tests/lab measured it against vsftpd 3.0.3
 * (tests/lab/findings/issue14-curl-ftps-ipv6.md, section A), one URL per transfer on one connection:
 * - login, then `PWD` once; per transfer the mode command first, then `TYPE` (only when it changes),
 *   `SIZE` before `RETR`, then the transfer command;
 * - passive: it connects as soon as the 229/227 arrives, before `TYPE`, and always to the control
 *   connection's peer at the announced port (`--ftp-skip-pasv-ip`, its default: the 227's address is
 *   ignored); a failed EPSV connection makes it say `Failed EPSV attempt. Disabling EPSV` and send `PASV`;
 * - active (`-P -`): it listens on an ephemeral port, never N+1; a `500` to EPRT makes it try `PORT`;
 * - its `--connect-timeout` (the scenario's client.connectTimeout) counts from the start of the whole
 *   session, not from the data SYN;
 * - when it cannot reach a data port it closes the control connection without `QUIT`; after a reply it can
 *   act on (425, 500) it sends `QUIT`; a refused SIZE or STOR ends that transfer and it goes on.
 */
export interface CurlState {
  readonly phase:
    'login' | 'pwd' | 'mode' | 'connecting' | 'type' | 'size' | 'transfer' | 'quit' | 'giving-up' | 'done';
  /** The replies read during login: 220, 331, 230. */
  readonly login: number;
  /** The transfer under way (1-based). */
  readonly k: number;
  /** Data connections tried in the whole session: the last one is `data-<attempt>`. */
  readonly attempt: number;
  /** The data connections tried for this transfer. */
  readonly attempts: readonly ConnId[];
  readonly type?: 'A' | 'I';
  /** EPSV/EPRT still allowed: curl disables them for the rest of the connection after one fails. */
  readonly extended: boolean;
  /** Reply codes read since this transfer's mode command. */
  readonly codes: readonly number[];
  readonly listening?: Endpoint;
  readonly connectAt?: VirtualTime;
  readonly connected: boolean;
  readonly got226: boolean;
  readonly dataClosed: boolean;
  /** A 421 came while curl waited for a data connection: it reads it only once it writes again. */
  readonly pending421: boolean;
  /** curl's result for the last transfer: its exit status at the end. */
  readonly status: number;
}

export const CURL_START: CurlState = {
  phase: 'login',
  login: 0,
  k: 0,
  attempt: 0,
  attempts: [],
  extended: true,
  codes: [],
  connected: false,
  got226: false,
  dataClosed: false,
  pending421: false,
  status: 0,
};

type Step = AppStep<CurlState>;
type Received = Extract<SocketNotice, { kind: 'received' }>;

/** curl 7.88.1's texts for the exits the lab saw (19, 30 carry a stale message from an earlier call). */
const STALE = 'sa_addr inet_ntop() failed with errno 97: Address family not supported by protocol';

export function stepCurl(state: CurlState, input: AppInput, now: VirtualTime, ctx: DialogueContext): Step {
  if (input.kind === 'start') return openControl(state, now, ctx);
  if (input.kind === 'timer') return { state, ops: [] };
  if (input.conn === 'control') return onControl(state, input, now, ctx);
  return onData(state, input, now, ctx);
}

function openControl(state: CurlState, now: VirtualTime, ctx: DialogueContext): Step {
  const local = { ip: ctx.topo.addresses.client, port: ctx.s.client.controlPort };
  const remote = { ip: ctx.topo.serverPublicIp, port: 21 };
  return {
    state,
    ops: [
      at(now, { kind: 'open', conn: 'control', local, remote, peer: 'server' }),
      at(now, { kind: 'connect', conn: 'control', limitUs: deadline(ctx) - now }),
    ],
  };
}

/** curl's --connect-timeout runs out this long after it started (time 0). */
const deadline = (ctx: DialogueContext): VirtualTime => seconds(ctx.s.client.connectTimeout);

/** `after N ms` in curl's messages: since curl started. */
const msSinceStart = (now: VirtualTime): number => Math.round(now / 1000);

const failedToConnect = (ctx: DialogueContext, now: VirtualTime, why: string): string =>
  `Failed to connect to ${ctx.topo.serverPublicIp} port 21 after ${msSinceStart(now)} ms: ${why}`;

function exitOp(now: VirtualTime, status: number, error?: string): TimedOp {
  return at(now, { kind: 'exit', status, ...(error ? { error: `curl: (${status}) ${error}` } : {}) });
}

function onControl(state: CurlState, notice: SocketNotice, now: VirtualTime, ctx: DialogueContext): Step {
  switch (notice.kind) {
    case 'connect-failed': {
      const why = notice.why === 'refused' ? "Couldn't connect to server" : 'Timeout was reached';
      return {
        state: { ...state, phase: 'done' },
        ops: [
          exitOp(now, notice.why === 'refused' ? 7 : 28, failedToConnect(ctx, now, why)),
          at(now, { kind: 'end' }),
        ],
      };
    }
    case 'received':
      return onReply(state, Number(notice.payload.slice(0, 3)), notice, now, ctx);
    case 'peer-closed':
      if (state.phase === 'connecting') return { state: { ...state, pending421: true }, ops: [] };
      // It closed first (giving up): the server's FIN only completes the close.
      if (state.phase === 'giving-up') return { state, ops: [] };
      return {
        state,
        ops: [at(pause(ctx, now, 'client:close-control', 40, 120), { kind: 'close', conn: 'control' })],
      };
    case 'closed':
      return {
        state: { ...state, phase: 'done' },
        ops: [exitOp(now, state.status), at(now, { kind: 'end' })],
      };
    default:
      return { state, ops: [] };
  }
}

function onReply(
  state: CurlState,
  code: number,
  notice: Received,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  if (code === 421 && state.phase === 'connecting') return { state: { ...state, pending421: true }, ops: [] };
  if (code === 421) return giveUp(state, now, ctx, 28, 'Timeout was reached', 'session-timeout');
  switch (state.phase) {
    case 'login':
      return login(state, now, ctx);
    case 'pwd':
      return beginTransfer(state, 1, now, ctx);
    case 'mode':
      return onModeReply({ ...state, codes: [...state.codes, code] }, code, notice, now, ctx);
    case 'type':
      return afterType({ ...state, codes: [...state.codes, code] }, now, ctx);
    case 'size':
      if (code === 213)
        return sendTransfer({ ...state, phase: 'transfer', codes: [...state.codes, code] }, now, ctx);
      return refused(
        { ...state, codes: [...state.codes, code] },
        notice,
        now,
        ctx,
        78,
        'The file does not exist',
      );
    case 'transfer':
      return onTransferReply({ ...state, codes: [...state.codes, code] }, code, notice, now, ctx);
    case 'quit':
      if (!clientClosesFirst(ctx)) return { state, ops: [] };
      return {
        state,
        ops: [at(pause(ctx, now, 'client:close-control', 40, 80), { kind: 'close', conn: 'control' })],
      };
    default:
      return { state, ops: [] };
  }
}

function login(state: CurlState, now: VirtualTime, ctx: DialogueContext): Step {
  const step = openingSteps(ctx)[state.login];
  if (step)
    return {
      state: { ...state, login: state.login + 1 },
      ops: openingCommand(step, now, ctx, [40, 120], 'SSL'),
    };
  // curl asks where it is once, to find its way back to the URL's directory on every later transfer.
  const pwd = sendCommand(pause(ctx, now, 'client:pwd', 60, 150), 'control', { verb: 'PWD' });
  return { state: { ...state, phase: 'pwd' }, ops: [pwd] };
}

function beginTransfer(state: CurlState, k: number, now: VirtualTime, ctx: DialogueContext): Step {
  if (!ctx.s.commands[k - 1])
    return {
      state: { ...state, phase: 'quit', k },
      ops: [sendCommand(pause(ctx, now, 'client:quit', 100, 300), 'control', { verb: 'QUIT' })],
    };
  const fresh: CurlState = {
    ...state,
    k,
    attempts: [],
    codes: [],
    connected: false,
    got226: false,
    dataClosed: false,
  };
  // Measured: EPSV 40 µs after the 257, about 0.3 ms after the previous transfer's end.
  const [min, max] = k === 1 ? [30, 100] : [150, 350];
  return sendMode(fresh, pause(ctx, now, `client:setup:${k}`, min, max), ctx);
}

/** EPSV or PASV, EPRT or PORT: each a fresh data connection attempt. */
function sendMode(state: CurlState, t: VirtualTime, ctx: DialogueContext): Step {
  const attempt = state.attempt + 1;
  const conn = dataConn(attempt);
  const next: CurlState = {
    ...state,
    phase: 'mode',
    attempt,
    attempts: [...state.attempts, conn],
    connected: false,
  };
  const { mode } = ctx.s;
  // On IPv6 curl sends EPSV and EPRT whatever it was told (--disable-epsv/--disable-eprt are ignored there):
  // PASV and PORT cannot carry an IPv6 address (tests/lab, issue 14 C2).
  const v6 = ctx.s.ipVersion === 6;
  if (mode === 'epsv' || mode === 'passive') {
    const verb = (mode === 'epsv' && state.extended) || v6 ? 'EPSV' : 'PASV';
    return { state: next, ops: [sendCommand(t, 'control', { verb })] };
  }
  // `-P -`: the kernel picks the port (bind to port 0), whatever the textbook's N+1.
  const listen: Endpoint = {
    ip: ctx.topo.addresses.client,
    port: ctx.chance.int(`client:data-port:${attempt}`, EPHEMERAL.min, EPHEMERAL.max),
  };
  const setup: FtpCommand =
    (mode === 'eprt' && state.extended) || v6
      ? { verb: 'EPRT', argument: encodeExtendedAddress(listen), address: listen }
      : { verb: 'PORT', argument: encodeHostPort(listen), address: listen };
  return {
    state: { ...next, listening: listen },
    ops: [at(t, { kind: 'listen', conn, endpoint: listen }), sendCommand(advance(t, 20), 'control', setup)],
  };
}

function onModeReply(
  state: CurlState,
  code: number,
  notice: Received,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  const conn = dataConn(state.attempt);
  if (code === 229 || code === 227) {
    // Its connect time-out spent while it waited (the EPSV fallback after a time-out): it stops here.
    if (now >= deadline(ctx)) return giveUp(state, now, ctx, 28, 'Connection time-out', 'data-syn-dropped');
    const port =
      code === 229
        ? decodeExtendedPassivePort(notice.payload)
        : decodeHostPort(notice.payload.slice(4))?.port;
    if (port === undefined) throw new Error(`unreadable passive reply: ${notice.payload}`);
    // --ftp-skip-pasv-ip: whatever address a 227 names, curl dials the host it is already talking to.
    const target = { ip: ctx.topo.serverPublicIp, port };
    const local = {
      ip: ctx.topo.addresses.client,
      port: ctx.chance.int(`client:data-port:${state.attempt}`, EPHEMERAL.min, EPHEMERAL.max),
    };
    const connectAt = pause(ctx, now, `client:connect:${state.attempt}`, 100, 250);
    return {
      state: { ...state, phase: 'connecting', connectAt },
      ops: [
        at(now, { kind: 'open', conn, local, remote: target, peer: 'server' }),
        at(connectAt, { kind: 'connect', conn, limitUs: Math.max(deadline(ctx) - connectAt, 1) }),
      ],
    };
  }
  if (code === 200) return afterSetup(state, now, ctx);
  // 500: vsftpd refused the address (port_promiscuous=NO). After EPRT curl tries PORT on a new socket.
  const note = at(now, { kind: 'note', conn, reason: 'port-rejected', packetId: notice.packetId });
  const unlisten = state.listening
    ? [at(now, { kind: 'unlisten', conn, endpoint: state.listening } as const)]
    : [];
  const cleared = { ...state, listening: undefined };
  if (ctx.s.mode === 'eprt' && state.extended && ctx.s.ipVersion === 4) {
    const retry = sendMode(
      { ...cleared, extended: false },
      pause(ctx, now, `client:port:${state.k}`, 60, 200),
      ctx,
    );
    return { state: retry.state, ops: [note, ...unlisten, ...retry.ops] };
  }
  const quit = quitAfter({ ...cleared, status: 30 }, now, ctx, STALE);
  return { state: quit.state, ops: [note, ...unlisten, ...quit.ops] };
}

/** Data connection ready (passive) or announced (active): TYPE if it changes, then SIZE or the transfer. */
function afterSetup(state: CurlState, now: VirtualTime, ctx: DialogueContext): Step {
  const transfer = currentTransfer(state, ctx);
  const wanted = transfer.verb === 'LIST' ? 'A' : 'I';
  if (state.type === wanted) return afterType({ ...state, phase: 'type' }, now, ctx);
  const type = sendCommand(pause(ctx, now, `client:type:${state.k}`, 50, 150), 'control', {
    verb: 'TYPE',
    argument: wanted,
  });
  return { state: { ...state, phase: 'type', type: wanted }, ops: [type] };
}

function afterType(state: CurlState, now: VirtualTime, ctx: DialogueContext): Step {
  const transfer = currentTransfer(state, ctx);
  if (transfer.verb !== 'RETR') return sendTransfer({ ...state, phase: 'transfer' }, now, ctx);
  // curl asks the size first, to know how much to expect (and whether the file is there at all).
  const size = sendCommand(pause(ctx, now, `client:size:${state.k}`, 20, 80), 'control', {
    verb: 'SIZE',
    argument: transfer.file,
  });
  return { state: { ...state, phase: 'size' }, ops: [size] };
}

const currentTransfer = (state: CurlState, ctx: DialogueContext): TransferCommand =>
  ctx.s.commands[state.k - 1] as TransferCommand;

function sendTransfer(state: CurlState, now: VirtualTime, ctx: DialogueContext): Step {
  const transfer = currentTransfer(state, ctx);
  const command: FtpCommand =
    transfer.verb === 'LIST' ? { verb: 'LIST' } : { verb: transfer.verb, argument: transfer.file };
  // Under TLS curl first waits for the data connection's handshake, which vsftpd answers only after the
  // transfer command: it sends the command when its ≈200 ms poll timer gives up (tests/lab B1: 0.12–0.21 s).
  const [min, max] = ctx.s.tls === 'explicit' ? [120_000, 210_000] : [20, 80];
  return {
    state,
    ops: [sendCommand(pause(ctx, now, `client:transfer:${state.k}`, min, max), 'control', command)],
  };
}

function onTransferReply(
  state: CurlState,
  code: number,
  notice: Received,
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  const transfer = currentTransfer(state, ctx);
  const conn = dataConn(state.attempt);
  if (code === 150) {
    if (transfer.verb !== 'STOR') return { state, ops: [] };
    const bytes = fileContents(transfer.file, transfer.size);
    return {
      state,
      ops: [at(pause(ctx, now, `client:upload:${state.k}`, 40, 150), { kind: 'send-bulk', conn, bytes })],
    };
  }
  if (code === 226 && transfer.verb !== 'STOR' && !state.dataClosed)
    return { state: { ...state, got226: true }, ops: [] };
  if (code === 226) return finish({ ...state, status: 0 }, now, ctx);
  // 425: vsftpd could not reach curl's port (active mode): curl says goodbye and stops.
  if (code === 425) return quitAfter({ ...state, status: 19 }, now, ctx, STALE);
  // 550/553 to STOR: the upload is refused; curl drops the data connection and goes on.
  return refused(state, notice, now, ctx, 25, `Failed FTP upload: ${code}`);
}

/** A refused SIZE or STOR: curl closes its data connection, records the error and goes on. */
function refused(
  state: CurlState,
  notice: Received,
  now: VirtualTime,
  ctx: DialogueContext,
  status: number,
  error: string,
): Step {
  const conn = dataConn(state.attempt);
  const reason: FailureReason = status === 78 ? 'file-unavailable' : 'permission-denied';
  // vsftpd notes its own refusal of STOR; SIZE never reaches its transfer code.
  const note =
    status === 78 ? [at(now, { kind: 'note', conn, reason, packetId: notice.packetId } as const)] : [];
  const drop = state.connected
    ? [at(pause(ctx, now, `client:abandon:${state.k}`, 30, 80), { kind: 'close', conn } as const)]
    : [];
  const unlisten = state.listening
    ? [at(now, { kind: 'unlisten', conn, endpoint: state.listening } as const)]
    : [];
  // It moves on once it has let go of the data connection.
  const done = finish({ ...state, status, listening: undefined }, drop[0]?.at ?? now, ctx);
  return { state: done.state, ops: [...note, exitOp(now, status, error), ...drop, ...unlisten, ...done.ops] };
}

/** curl sends QUIT after a reply it could act on, then stops with `status`. */
function quitAfter(state: CurlState, now: VirtualTime, ctx: DialogueContext, error: string): Step {
  const unlisten = state.listening
    ? [at(now, { kind: 'unlisten', conn: dataConn(state.attempt), endpoint: state.listening } as const)]
    : [];
  const finished = finishedOp(state, now);
  return {
    state: { ...state, phase: 'quit', listening: undefined },
    ops: [
      finished,
      exitOp(now, state.status, error),
      ...unlisten,
      sendCommand(pause(ctx, now, 'client:quit', 100, 300), 'control', { verb: 'QUIT' }),
    ],
  };
}

/**
 * curl cannot go on (no data connection, its time-out spent, the session gone): it closes the control
 * connection without QUIT and stops with `status`.
 */
function giveUp(
  state: CurlState,
  now: VirtualTime,
  ctx: DialogueContext,
  status: number,
  error: string,
  reason: FailureReason,
): Step {
  const conn = dataConn(state.attempt);
  const unlisten = state.listening
    ? [at(now, { kind: 'unlisten', conn, endpoint: state.listening } as const)]
    : [];
  return {
    state: { ...state, phase: 'giving-up', status, listening: undefined },
    ops: [
      at(now, { kind: 'note', conn, reason }),
      finishedOp(state, now),
      exitOp(now, status, error),
      ...unlisten,
      at(pause(ctx, now, 'client:give-up', 50, 200), { kind: 'close', conn: 'control' }),
    ],
  };
}

const finishedOp = (state: CurlState, now: VirtualTime): TimedOp =>
  at(now, { kind: 'finished', k: state.k, codes: state.codes, attempts: state.attempts });

function finish(state: CurlState, now: VirtualTime, ctx: DialogueContext): Step {
  const next = beginTransfer({ ...state, listening: undefined }, state.k + 1, now, ctx);
  return { state: next.state, ops: [finishedOp(state, now), ...next.ops] };
}

function onData(state: CurlState, notice: SocketNotice, now: VirtualTime, ctx: DialogueContext): Step {
  const conn: ConnId = notice.conn;
  // A data connection curl has moved on from (refused, reset, abandoned) tells it nothing more.
  if (conn !== dataConn(state.attempt)) return { state, ops: [] };
  switch (notice.kind) {
    case 'accepted':
      return {
        state: { ...state, listening: undefined, connected: true },
        ops: [
          at(now, { kind: 'accept', conn }),
          ...(state.listening
            ? [at(now, { kind: 'unlisten', conn, endpoint: state.listening } as const)]
            : []),
        ],
      };
    case 'connected': {
      if (state.pending421) return brokenPipe({ ...state, connected: true }, now, ctx);
      const next = afterSetup({ ...state, connected: true }, now, ctx);
      // PROT P: curl says its ClientHello as soon as it is connected, before TYPE (tests/lab B1).
      if (ctx.s.tls === 'none') return next;
      return { state: next.state, ops: [at(now, { kind: 'secure', conn }), ...next.ops] };
    }
    case 'connect-failed':
      return connectFailed(state, notice.why, now, ctx);
    case 'peer-closed':
      if (state.phase !== 'transfer') return { state, ops: [] };
      return {
        state,
        ops: [at(pause(ctx, now, `client:close-data:${state.k}`, 30, 100), { kind: 'close', conn })],
      };
    case 'bulk-sent':
      return { state, ops: [at(advance(now, 20), { kind: 'close', conn })] };
    case 'closed':
      if (state.got226 && state.phase === 'transfer')
        return finish({ ...state, dataClosed: true, status: 0 }, now, ctx);
      return { state: { ...state, dataClosed: true }, ops: [] };
    default:
      return { state, ops: [] };
  }
}

/** vsftpd ended the session while curl waited: its next write meets a closed socket (measured: exit 55). */
function brokenPipe(state: CurlState, now: VirtualTime, ctx: DialogueContext): Step {
  const conn = dataConn(state.attempt);
  const close = state.connected ? [at(now, { kind: 'close', conn } as const)] : [];
  const gone = giveUp(state, now, ctx, 55, 'Send failure: Broken pipe', 'session-timeout');
  return { state: gone.state, ops: [...close, ...gone.ops] };
}

/** The passive data connection failed: EPSV falls back to PASV; PASV failing ends curl. */
function connectFailed(
  state: CurlState,
  why: 'timeout' | 'syn-retries-exhausted' | 'refused',
  now: VirtualTime,
  ctx: DialogueContext,
): Step {
  const conn = dataConn(state.attempt);
  const reason: FailureReason = why === 'refused' ? 'connection-refused' : 'data-syn-dropped';
  const note = at(now, { kind: 'note', conn, reason });
  const timer =
    why === 'refused'
      ? []
      : [
          at(now, {
            kind: 'record',
            event: {
              kind: 'timer/expired',
              at: now,
              host: 'client',
              conn,
              timer: why === 'timeout' ? 'client-connect-timeout' : 'syn-retries-exhausted',
              after: (now - (state.connectAt ?? now)) / 1e6,
            },
          } as const),
        ];
  if (state.pending421) {
    const gone = brokenPipe(state, now, ctx);
    return { state: gone.state, ops: [...timer, note, ...gone.ops] };
  }
  // IPv6: no PASV to fall back to. `Failed EPSV attempt, exiting`, exit 8 (measured, whether refused or
  // timed out).
  if (ctx.s.ipVersion === 6) {
    const gone = giveUp(state, now, ctx, 8, failedToConnect(ctx, now, "Couldn't connect to server"), reason);
    return { state: gone.state, ops: [...timer, ...gone.ops] };
  }
  if (ctx.s.mode === 'epsv' && state.extended) {
    // `Failed EPSV attempt. Disabling EPSV`: PASV on the same control connection, 2 ms later.
    const retry = sendMode(
      { ...state, extended: false },
      pause(ctx, now, `client:pasv:${state.k}`, 1500, 2500),
      ctx,
    );
    return { state: retry.state, ops: [...timer, note, ...retry.ops] };
  }
  const status = why === 'refused' ? 7 : 28;
  const gone = giveUp(
    state,
    now,
    ctx,
    status,
    failedToConnect(ctx, now, "Couldn't connect to server"),
    reason,
  );
  return { state: gone.state, ops: [...timer, ...gone.ops] };
}
