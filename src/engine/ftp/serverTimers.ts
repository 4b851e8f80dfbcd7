import { advance, type VirtualTime } from '../clock/virtualTime';
import {
  at,
  clientClosesFirst,
  dataConn,
  pause,
  sendReply,
  type AppTimer,
  type DialogueContext,
  type TimedOp,
} from './dialogue';
import { REPLIES } from './replies';
import { queuedConnections, type ServerState, type ServerStep } from './serverState';

/**
 * vsftpd's session timers, as measured in tests/lab (timers.lab.test.ts):
 * - idle_session_timeout runs from the reply after which vsftpd reads the next command; when it runs out
 *   vsftpd replies `421 Timeout.` (0.3–0.6 ms later) and exits.
 * - data_connection_timeout runs from an upload's 150; with no data by then vsftpd closes the data
 *   connection, replies `421 Data timeout. Reconnect. Sorry.` 0.1–0.4 ms later, and exits.
 */
export function onServerTimer(
  state: ServerState,
  timer: AppTimer,
  armed: VirtualTime,
  now: VirtualTime,
  ctx: DialogueContext,
): ServerStep {
  if (state.exited) return { state, ops: [] };
  if (timer === 'idle') {
    if (state.idleSince !== armed) return { state, ops: [] };
    const expired = record(now, 'server-idle-timeout', ctx.s.server.idleTimeout, 'control');
    const replyAt = pause(ctx, now, 'server:idle-timeout', 300, 600);
    const exitAt = pause(ctx, replyAt, 'server:exit', 80, 380);
    return exit(state, exitAt, [expired, sendReply(replyAt, REPLIES.idleTimeout)], ctx);
  }
  if (state.dataSince !== armed) return { state, ops: [] };
  const conn = dataConn(state.k);
  const expired = record(now, 'server-data-timeout', ctx.s.server.dataTimeout, conn);
  const replyAt = pause(ctx, now, 'server:data-timeout', 100, 400);
  const exitAt = pause(ctx, replyAt, 'server:exit', 80, 380);
  return exit(
    state,
    exitAt,
    [expired, at(now, { kind: 'close', conn }), sendReply(replyAt, REPLIES.dataTimeout)],
    ctx,
  );
}

function record(
  t: VirtualTime,
  timer: 'server-idle-timeout' | 'server-data-timeout',
  after: number,
  conn: 'control' | `data-${number}`,
): TimedOp {
  return at(t, {
    kind: 'record',
    event: { kind: 'timer/expired', at: t, host: 'server', conn, timer, after },
  });
}

/** QUIT: 221, and vsftpd's session process exits. */
export function closeOnQuit(state: ServerState, now: VirtualTime, ctx: DialogueContext): ServerStep {
  const byeAt = pause(ctx, now, 'server:goodbye', 60, 200);
  const exitAt = clientClosesFirst(ctx) ? pause(ctx, byeAt, 'server:exit', 1000, 5000) : advance(byeAt, 20);
  return exit(state, exitAt, [sendReply(byeAt, REPLIES.goodbye)], ctx);
}

/** The client closed the control connection without QUIT (curl after a failure): vsftpd reads EOF and exits. */
export function exitOnEof(state: ServerState, now: VirtualTime, ctx: DialogueContext): ServerStep {
  return exit(state, pause(ctx, now, 'server:exit', 80, 380), [], ctx);
}

/**
 * vsftpd's session process exits: its control connection closes (after a 421, 80–380 µs later), its
 * passive listener with it, and 0.1–1 ms after the FIN the kernel resets the connections it never accepted.
 */
function exit(
  state: ServerState,
  exitAt: VirtualTime,
  before: readonly TimedOp[],
  ctx: DialogueContext,
): ServerStep {
  const listener = state.listening
    ? [at(exitAt, { kind: 'unlisten', conn: dataConn(state.k), endpoint: state.listening } as const)]
    : [];
  const resets = queuedConnections(state).map((conn) =>
    at(pause(ctx, exitAt, `server:reset:${conn}`, 100, 1000), { kind: 'reset', conn } as const),
  );
  return {
    state: { ...state, exited: true, idleSince: undefined, dataSince: undefined, listening: undefined },
    ops: [...before, at(exitAt, { kind: 'close', conn: 'control' }), ...listener, ...resets],
  };
}
