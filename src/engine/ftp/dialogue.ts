import { advance, type VirtualTime } from '../clock/virtualTime';
import type { ConnId, DraftEvent, FailureReason, HostId } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import type { Topology } from '../net/topology';
import type { Chance } from '../random';
import type { Scenario } from '../scenario/scenario';
import type { Application, SocketNotice } from '../tcp/endpoint';
import { commandLine, replyLine, type FtpCommand, type FtpReply } from './messages';

/** A timer a program set for itself: vsftpd's idle_session_timeout and data_connection_timeout. */
export type AppTimer = 'idle' | 'data';

/** What an FTP program (the client, vsftpd) learns: that it starts, what its sockets tell it, its own timers. */
export type AppInput =
  | { readonly kind: 'start' }
  | SocketNotice
  /** A timer armed at `armed` runs out; it counts only if nothing has re-armed or stopped it since. */
  | { readonly kind: 'timer'; readonly timer: AppTimer; readonly armed: VirtualTime };

/** What an FTP program does, through its host's sockets, or notes for the record. */
export type AppOp =
  | {
      readonly kind: 'open';
      readonly conn: ConnId;
      readonly local: Endpoint;
      readonly remote: Endpoint;
      readonly peer: HostId;
    }
  | { readonly kind: 'connect'; readonly conn: ConnId; readonly limitUs: number }
  | { readonly kind: 'accept'; readonly conn: ConnId }
  /** Start TLS on the connection (SSL_connect on the client, SSL_accept on vsftpd). */
  | { readonly kind: 'secure'; readonly conn: ConnId }
  | {
      readonly kind: 'send';
      readonly conn: ConnId;
      readonly payload: string;
      readonly app: Application;
      readonly tell?: SocketNotice;
    }
  | { readonly kind: 'send-bulk'; readonly conn: ConnId; readonly bytes: string }
  | { readonly kind: 'close' | 'abandon' | 'reset' | 'abort'; readonly conn: ConnId }
  /** Wake this program up later with its own timer. */
  | { readonly kind: 'wake'; readonly timer: AppTimer; readonly armed: VirtualTime }
  | { readonly kind: 'listen' | 'unlisten'; readonly conn: ConnId; readonly endpoint: Endpoint }
  | { readonly kind: 'record'; readonly event: DraftEvent }
  /**
   * Why the data connection `conn` (the transfer it served) failed, as the side that knows it sees it, and
   * the packet that shows it, when one does.
   */
  | {
      readonly kind: 'note';
      readonly conn: ConnId;
      readonly reason: FailureReason;
      readonly packetId?: number;
    }
  /**
   * The client is done with transfer k: the reply codes it read, and the data connections it tried for it
   * (one for the classic client; curl tries again after a failed EPSV or a refused EPRT).
   */
  | {
      readonly kind: 'finished';
      readonly k: number;
      readonly codes: readonly number[];
      readonly attempts: readonly ConnId[];
    }
  /** The client has closed its control connection: the session is over. */
  | { readonly kind: 'end' }
  /** A client program that reports a result (curl): its exit status so far and the error it printed. */
  | { readonly kind: 'exit'; readonly status: number; readonly error?: string };

export interface TimedOp {
  readonly at: VirtualTime;
  readonly op: AppOp;
}

export interface AppStep<S> {
  readonly state: S;
  readonly ops: readonly TimedOp[];
}

/** What both programs know of the session: the scenario, the addresses, and their own random choices. */
export interface DialogueContext {
  readonly s: Scenario;
  readonly topo: Topology;
  readonly chance: Chance;
}

export const at = (t: VirtualTime, op: AppOp): TimedOp => ({ at: t, op });

/** A pause of the program named `label` (see random.ts): how long it takes to answer or go on. */
export function pause(
  ctx: DialogueContext,
  t: VirtualTime,
  label: string,
  min: number,
  max: number,
): VirtualTime {
  return advance(t, ctx.chance.int(label, min, max));
}

export function sendCommand(t: VirtualTime, conn: ConnId, command: FtpCommand): TimedOp {
  return at(t, { kind: 'send', conn, payload: commandLine(command), app: { kind: 'command', command } });
}

export function sendReply(t: VirtualTime, reply: FtpReply, tell?: SocketNotice): TimedOp {
  return at(t, {
    kind: 'send',
    conn: 'control',
    payload: replyLine(reply),
    app: { kind: 'reply', reply },
    ...(tell ? { tell } : {}),
  });
}

/**
 * Logging in: USER after the 220 (step 0), PASS after the 331 (step 1). Both clients do it alike; only how
 * soon the password follows differs (`passPause`, µs).
 */
export function loginCommand(
  step: 0 | 1,
  now: VirtualTime,
  ctx: DialogueContext,
  passPause: readonly [number, number],
): TimedOp {
  if (step === 0)
    return sendCommand(pause(ctx, now, 'client:user', 100, 300), 'control', {
      verb: 'USER',
      argument: ctx.s.user,
    });
  return sendCommand(pause(ctx, now, 'client:pass', passPause[0], passPause[1]), 'control', {
    verb: 'PASS',
    argument: ctx.s.password,
  });
}

/**
 * What the client sends before its first transfer, one command per reply: USER and PASS, and under explicit
 * FTPS AUTH before them and PBSZ 0, PROT P after (RFC 4217 §§6, 9), as both clients do (tests/lab B1).
 */
export type OpeningStep = 'AUTH' | 'USER' | 'PASS' | 'PBSZ' | 'PROT';

export function openingSteps(ctx: DialogueContext): readonly OpeningStep[] {
  return ctx.s.tls === 'explicit' ? ['AUTH', 'USER', 'PASS', 'PBSZ', 'PROT'] : ['USER', 'PASS'];
}

/**
 * The opening command `step`. `auth` is what the client says to AUTH: TLS for the classic client, SSL for
 * curl 7.88 (its default --ftp-ssl-auth). After the 234 it starts TLS; USER waits for the handshake.
 */
export function openingCommand(
  step: OpeningStep,
  now: VirtualTime,
  ctx: DialogueContext,
  passPause: readonly [number, number],
  auth: 'TLS' | 'SSL',
): readonly TimedOp[] {
  switch (step) {
    case 'AUTH':
      return [
        sendCommand(pause(ctx, now, 'client:auth', 100, 300), 'control', { verb: 'AUTH', argument: auth }),
      ];
    case 'USER': {
      const user = loginCommand(0, now, ctx, passPause);
      return ctx.s.tls === 'explicit' ? [at(now, { kind: 'secure', conn: 'control' }), user] : [user];
    }
    case 'PASS':
      return [loginCommand(1, now, ctx, passPause)];
    case 'PBSZ':
      return [
        sendCommand(pause(ctx, now, 'client:pbsz', 40, 150), 'control', { verb: 'PBSZ', argument: '0' }),
      ];
    case 'PROT':
      return [
        sendCommand(pause(ctx, now, 'client:prot', 40, 150), 'control', { verb: 'PROT', argument: 'P' }),
      ];
  }
}

export const dataConn = (k: number): ConnId => `data-${k}`;

/** The transfer number of a data connection, or undefined for the control connection. */
export function transferOf(conn: ConnId): number | undefined {
  return conn === 'control' ? undefined : Number(conn.slice(5));
}

/** Linux's ephemeral range (net.ipv4.ip_local_port_range). */
export const EPHEMERAL = { min: 32768, max: 60999 } as const;

/**
 * After 221 the client and vsftpd both close the control connection, and which FIN comes first varies
 * (tests/lab: the server's in about two runs of three; the reference capture of passive mode has the
 * client's). The seed chooses; both programs read the same choice.
 */
export function clientClosesFirst(ctx: DialogueContext): boolean {
  // Under TLS vsftpd sends its FIN right after the 221 record, every time (tests/lab, issue 14 B1).
  if (ctx.s.tls === 'explicit') return false;
  return ctx.chance.int('session:client-closes-first', 1, 10) <= 3;
}
