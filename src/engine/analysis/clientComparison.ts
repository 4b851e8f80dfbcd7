import { toSeconds } from '../clock/virtualTime';
import { isPacketEvent, type StepEvent } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import { dataTrouble, type ComparisonRow } from './modeComparison';

/**
 * What differs between two client programs on the same scenario (the classic client and curl), read
 * from one simulation: each row becomes known at a step (`index`), so a view can light it up as the
 * replay reaches it.
 */
export type ClientComparisonRow =
  /** The client's commands up to its first transfer command (or all of them, when it never sends one). */
  | { readonly row: 'commands'; readonly index: number; readonly commands: readonly string[] }
  /**
   * Where the data connection's first SYN goes. In passive mode the client sends it, to the address a 227
   * names (`announced`) or to the control connection's peer (`peer`, curl's --ftp-skip-pasv-ip); in
   * active mode the server sends it to the client (`client`).
   */
  | {
      readonly row: 'dataTarget';
      readonly index: number;
      readonly sender: 'client' | 'server';
      readonly to: Endpoint;
      readonly follows: 'announced' | 'peer' | 'client';
    }
  /** What stopped the data connection, as in the mode comparison. */
  | Extract<ComparisonRow, { row: 'firewallTrouble' }>
  /** How the client left: the last reply it read, whether it said QUIT, curl's exit status, and when. */
  | {
      readonly row: 'ending';
      readonly index: number;
      readonly outcome: 'success' | 'failed';
      readonly quit: boolean;
      readonly lastReply?: number;
      readonly exitStatus?: number;
      /** Seconds from the session's start (virtual time 0) to its end. */
      readonly seconds: number;
    };

export const CLIENT_COMPARISON_ROWS = ['commands', 'dataTarget', 'firewallTrouble', 'ending'] as const;

const TRANSFER_VERBS = new Set(['LIST', 'RETR', 'STOR']);

export function clientComparison(events: readonly StepEvent[]): ClientComparisonRow[] {
  const rows: ClientComparisonRow[] = [];
  const last = events.length - 1;
  const sent = events.filter((e) => e.kind === 'ftp/command-sent');
  const upTo = sent.findIndex((e) => TRANSFER_VERBS.has(e.command.verb));
  const shown = upTo < 0 ? sent : sent.slice(0, upTo + 1);
  rows.push({
    row: 'commands',
    index: upTo < 0 ? last : (sent[upTo]?.index ?? last),
    commands: shown.map((e) =>
      e.command.argument === undefined || e.command.verb === 'PASS'
        ? e.command.verb
        : `${e.command.verb} ${e.command.argument}`,
    ),
  });
  const syn = events.find(
    (e) =>
      isPacketEvent(e) &&
      e.packet.conn !== 'control' &&
      e.packet.segment.flags.syn &&
      !e.packet.segment.flags.ack &&
      e.packet.retransmission === 0,
  );
  if (syn && isPacketEvent(syn)) {
    const to = syn.packet.segment.dst;
    const sender = syn.packet.from === 'server' ? 'server' : 'client';
    const announced = events
      .slice(0, syn.index)
      .reverse()
      .find((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227 && e.reply.address);
    const named =
      announced?.kind === 'ftp/reply-sent' &&
      announced.reply.address?.ip === to.ip &&
      announced.reply.address.port === to.port;
    rows.push({
      row: 'dataTarget',
      index: syn.index,
      sender,
      to,
      // Without a 227 (EPSV) the client dials the control connection's peer, as RFC 2428 says.
      follows: sender === 'server' ? 'client' : named ? 'announced' : 'peer',
    });
  }
  rows.push(dataTrouble(events));
  const end = events[last];
  const replies = events.filter((e) => e.kind === 'ftp/reply-sent' && e.reply.code !== 221);
  const lastReply = replies.at(-1);
  rows.push({
    row: 'ending',
    index: last,
    outcome: end?.kind === 'session/finished' ? end.outcome : 'failed',
    quit: sent.some((e) => e.command.verb === 'QUIT'),
    ...(lastReply?.kind === 'ftp/reply-sent' ? { lastReply: lastReply.reply.code } : {}),
    ...(end?.kind === 'session/finished' && end.client ? { exitStatus: end.client.status } : {}),
    seconds: end ? toSeconds(end.at) : 0,
  });
  return rows;
}
