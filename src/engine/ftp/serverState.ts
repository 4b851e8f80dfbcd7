import { advance, type VirtualTime } from '../clock/virtualTime';
import type { ConnId } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import type { SocketNotice } from '../tcp/endpoint';
import { at, sendReply, type AppStep, type DialogueContext, type TimedOp } from './dialogue';
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
  /** Connections the kernel completed but vsftpd never accepted: reset when its process exits. */
  readonly unaccepted: readonly ConnId[];
  /** When vsftpd began waiting for the next command (its idle timer runs from there), while it waits. */
  readonly idleSince?: VirtualTime;
  /** When an upload's data timer was armed (at 150), until the upload ends. */
  readonly dataSince?: VirtualTime;
  /** The session is over (221 or 421): nothing more is read. */
  readonly exited: boolean;
}

export const SERVER_START: ServerState = { k: 0, queued: false, unaccepted: [], exited: false };

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
