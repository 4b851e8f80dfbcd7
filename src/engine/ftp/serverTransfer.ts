import { advance, type VirtualTime } from '../clock/virtualTime';
import type { FailureReason } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import { usesPassive } from '../scenario/scenario';
import type { SocketNotice } from '../tcp/endpoint';
import { at, dataConn, pause, sendReply, transferOf, type DialogueContext, type TimedOp } from './dialogue';
import type { FtpReply } from './messages';
import { REPLIES, retrStartingText } from './replies';
import {
  answer,
  queuedConnections,
  type RequestedTransfer,
  type ServerState,
  type ServerStep,
} from './serverState';
import { directoryListing, fileContents } from './serverFiles';

/** vsftpd checks the file before it touches the data connection (postlogin.c handle_retr/handle_stor). */
function refusal(
  transfer: RequestedTransfer,
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

/** What vsftpd serves on data connection k: the transfer command it read for it. */
const requestOf = (state: ServerState, k: number): RequestedTransfer => state.requests[k] ?? { verb: 'LIST' };

/** LIST, RETR or STOR: refused, or the data connection is made (active) or taken (passive). */
export function onTransferCommand(
  read: ServerState,
  request: RequestedTransfer,
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  const k = read.k;
  const requests = [...read.requests];
  requests[k] = request;
  const state: ServerState = { ...read, requests };
  const conn = dataConn(k);
  const refused = refusal(request, ctx);
  if (refused) return refuse(state, refused, now, ctx);
  if (!usesPassive(ctx.s.mode)) {
    // connect_from_port_20=YES: vsftpd connects from port 20 (ftp-data) to the address it was given.
    const connectAt = pause(ctx, now, `server:connect:${k}`, 100, 200);
    const local = { ip: ctx.topo.addresses.server, port: 20 };
    return {
      state: { ...state, connectAt },
      ops: [
        at(now, { kind: 'open', conn, local, remote: state.target as Endpoint, peer: 'client' }),
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
  const timer = 'server-accept-timeout';
  const event = {
    kind: 'timer/expired',
    at: expiry,
    host: 'server',
    conn,
    timer,
    after: ctx.s.server.acceptTimeout,
  } as const;
  const failed = answer(
    { ...state, listening: undefined },
    pause(ctx, expiry, `server:failed:${k}`, 40, 120),
    REPLIES.dataFailed,
    ctx,
  );
  return {
    state: failed.state,
    ops: [
      at(expiry, { kind: 'record', event }),
      at(expiry, { kind: 'unlisten', conn, endpoint: listening }),
      ...failed.ops,
    ],
  };
}

function refuse(
  state: ServerState,
  refused: { reply: FtpReply; reason: FailureReason },
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  const k = state.k;
  const note = at(now, { kind: 'note', conn: dataConn(k), reason: refused.reason });
  const answerAt = pause(ctx, now, `server:refusal:${k}`, 60, 300);
  if (!usesPassive(ctx.s.mode)) return answer(state, answerAt, refused.reply, ctx, { before: [note] });
  // Passive: the listener closes once the client has the answer; a connection vsftpd never accepted
  // stays in the kernel's queue until the session ends.
  const unaccepted = state.queued ? [...state.unaccepted, dataConn(k)] : state.unaccepted;
  return answer({ ...state, unaccepted }, answerAt, refused.reply, ctx, {
    before: [note],
    tell: { kind: 'delivered', conn: 'control' },
  });
}

function starting(transfer: RequestedTransfer, ctx: DialogueContext): FtpReply {
  if (transfer.verb === 'LIST') return REPLIES.listStarting;
  if (transfer.verb === 'STOR') return REPLIES.storStarting;
  const size = ctx.s.server.files.find((f) => f.name === transfer.file)?.size ?? 0;
  return { code: 150, text: retrStartingText(transfer.file, size, true) };
}

/** Both ends hold the data connection: 150, then the bytes (the server's, or the client's upload). */
function moveData(state: ServerState, t: VirtualTime, ctx: DialogueContext): ServerStep {
  const k = state.k;
  const transfer = requestOf(state, k);
  const conn = dataConn(k);
  const accept: TimedOp[] = usesPassive(ctx.s.mode) ? [at(t, { kind: 'accept', conn })] : [];
  // PROT P: vsftpd starts the data connection's TLS after its 150 (a ClientHello that came earlier waits).
  const start: TimedOp[] = [
    sendReply(t, starting(transfer, ctx)),
    ...(ctx.s.tls === 'explicit' ? [at(t, { kind: 'secure', conn } as const)] : []),
  ];
  if (transfer.verb === 'STOR') {
    // data_connection_timeout: the upload must make progress; the timer starts with the 150.
    const wake = at(advance(t, ctx.s.server.dataTimeout * 1_000_000), {
      kind: 'wake',
      timer: 'data',
      armed: t,
    });
    return { state: { ...state, dataSince: t }, ops: [...accept, ...start, wake] };
  }
  const files = ctx.s.server.files;
  const bytes =
    transfer.verb === 'LIST'
      ? directoryListing(files)
      : fileContents(transfer.file, files.find((f) => f.name === transfer.file)?.size ?? 0);
  return {
    state,
    ops: [
      ...accept,
      ...start,
      at(pause(ctx, t, `server:send:${k}`, 40, 120), { kind: 'send-bulk', conn, bytes }),
    ],
  };
}

/**
 * After the last byte of a download, vsftpd closes the data connection and writes 226; which reaches the
 * wire first varies from run to run (tests/lab: the FIN first in 18 of 20 active and 19 of 20 passive
 * runs; the reference capture of active mode has the 226 first). The seed chooses.
 */
export function finFirst(k: number, ctx: DialogueContext): boolean {
  return ctx.chance.int(`server:fin-first:${k}`, 1, 20) <= 18;
}

export function onServerData(
  state: ServerState,
  notice: SocketNotice,
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  const k = transferOf(notice.conn) as number;
  const conn = notice.conn;
  const done = requestOf(state, k).verb === 'LIST' ? REPLIES.listDone : REPLIES.transferDone;
  switch (notice.kind) {
    case 'accepted':
      return { state: { ...state, queued: true }, ops: [] };
    case 'connected':
      return moveData(state, pause(ctx, now, `server:accepted:${k}`, 60, 120), ctx);
    case 'connect-failed':
      return connectFailed(state, notice.why, now, ctx);
    case 'peer-closed':
      // A connection vsftpd never accepted: only the kernel holds it (until the listener closes).
      if (queuedConnections(state).includes(conn)) return { state, ops: [] };
      // The end of an upload: its timer stops.
      return {
        state: { ...state, dataSince: undefined },
        ops: [at(pause(ctx, now, `server:close-data:${k}`, 60, 200), { kind: 'close', conn })],
      };
    case 'bulk-sent': {
      if (finFirst(k, ctx)) return { state, ops: [at(advance(now, 20), { kind: 'close', conn })] };
      const confirmAt = pause(ctx, now, `server:done:${k}`, 20, 40);
      const confirmed = answer(state, confirmAt, done, ctx);
      return {
        state: confirmed.state,
        ops: [
          ...confirmed.ops,
          at(pause(ctx, confirmAt, `server:close-data:${k}`, 20, 30), { kind: 'close', conn }),
        ],
      };
    }
    case 'closed': {
      const upload = requestOf(state, k).verb === 'STOR';
      if (!upload && !finFirst(k, ctx)) return { state, ops: [] };
      return answer(state, pause(ctx, now, `server:done:${k}`, 40, 150), done, ctx);
    }
    default:
      return { state, ops: [] };
  }
}

function connectFailed(
  state: ServerState,
  why: 'timeout' | 'syn-retries-exhausted' | 'refused',
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  const k = state.k;
  const note = at(now, {
    kind: 'note',
    conn: dataConn(k),
    reason: why === 'refused' ? 'connection-refused' : 'data-syn-dropped',
  });
  const failed = answer(state, pause(ctx, now, `server:failed:${k}`, 40, 120), REPLIES.dataFailed, ctx, {
    before: [note],
  });
  if (why === 'refused') return failed;
  const timer = why === 'timeout' ? 'server-connect-timeout' : 'syn-retries-exhausted';
  const after = (now - (state.connectAt ?? now)) / 1e6;
  const event = { kind: 'timer/expired', at: now, host: 'server', conn: dataConn(k), timer, after } as const;
  return { state: failed.state, ops: [at(now, { kind: 'record', event }), ...failed.ops] };
}
