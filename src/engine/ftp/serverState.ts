import { advance, type VirtualTime } from '../clock/virtualTime';
import type { ConnId } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import type { SocketNotice } from '../tcp/endpoint';
import { at, dataConn, sendReply, type AppStep, type DialogueContext, type TimedOp } from './dialogue';
import type { FtpReply } from './messages';

/**
 * vsftpd 3.0.3 as configured for the reference captures: anonymous login, connect_from_port_20,
 * port_promiscuous=NO, pasv_min_port/pasv_max_port, connect_timeout, accept_timeout, and its two session
 * timers, idle_session_timeout and data_connection_timeout.
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
  /**
   * Connections the kernel completed but vsftpd never accepted: reset when vsftpd closes the listener they
   * wait on, at the next PORT/PASV/EPRT/EPSV (its pasv_cleanup) or when its process exits.
   */
  readonly unaccepted: readonly ConnId[];
  /** The transfer command read for each data connection k (index k): what vsftpd serves on it. */
  readonly requests: readonly (RequestedTransfer | undefined)[];
  /** When vsftpd began waiting for the next command (its idle timer runs from there), while it waits. */
  readonly idleSince?: VirtualTime;
  /** When an upload's data timer was armed (at 150), until the upload ends. */
  readonly dataSince?: VirtualTime;
  /** The session is over (221 or 421): nothing more is read. */
  readonly exited: boolean;
}

/** LIST, RETR or STOR as vsftpd read it. */
export type RequestedTransfer =
  { readonly verb: 'LIST' } | { readonly verb: 'RETR' | 'STOR'; readonly file: string };

export const SERVER_START: ServerState = {
  k: 0,
  queued: false,
  unaccepted: [],
  requests: [],
  exited: false,
};

/**
 * The connections the kernel completed and vsftpd never accepted: those it gave up on, and one still
 * waiting on the passive listener (curl connects before it asks; a refused SIZE leaves it there).
 */
export function queuedConnections(state: ServerState): readonly ConnId[] {
  const waiting = state.listening && state.queued ? [dataConn(state.k)] : [];
  return [...state.unaccepted, ...waiting.filter((c) => !state.unaccepted.includes(c))];
}

export type ServerStep = AppStep<ServerState>;

/**
 * A reply after which vsftpd reads the next command: its idle timer (idle_session_timeout) starts when the
 * reply leaves, as measured in tests/lab.
 */
export function answer(
  state: ServerState,
  t: VirtualTime,
  reply: FtpReply,
  ctx: DialogueContext,
  { before = [], tell }: { readonly before?: readonly TimedOp[]; readonly tell?: SocketNotice } = {},
): ServerStep {
  const wakeAt = advance(t, ctx.s.server.idleTimeout * 1_000_000);
  return {
    state: { ...state, idleSince: t },
    ops: [...before, sendReply(t, reply, tell), at(wakeAt, { kind: 'wake', timer: 'idle', armed: t })],
  };
}
