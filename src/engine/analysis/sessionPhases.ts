import { isPacketEvent, type StepEvent } from '../events/stepEvent';

/**
 * The phases every FTP session goes through, in order: the control connection (handshake, banner,
 * login), then for each transfer the mode command (PORT/EPRT or PASV/EPSV and its reply), the data
 * connection (its TCP handshake, or the attempts that fail), the transfer itself (the data, its end, the
 * final reply), and at last the end of the session (QUIT, 221, the control connection's teardown). Active
 * and passive mode go through the same phases in the same order, so two sessions can be replayed side by
 * side phase by phase.
 */
export const SESSION_PHASES = ['control', 'mode', 'data', 'transfer', 'end'] as const;
export type SessionPhaseName = (typeof SESSION_PHASES)[number];

export interface SessionPhase {
  readonly phase: SessionPhaseName;
  /**
   * Which transfer the phase belongs to: 1 for the first command's mode, data and transfer phases, 2 for
   * the second's…; 0 for the control phase; for the end, one more than the last transfer.
   */
  readonly transfer: number;
}

const MODE_VERBS: ReadonlySet<string> = new Set(['PORT', 'EPRT', 'PASV', 'EPSV']);
const TRANSFER_VERBS: ReadonlySet<string> = new Set(['LIST', 'RETR', 'STOR']);

/**
 * The phase of each event (same length and order as `events`). Phases only move forward:
 * - the mode phase starts with the mode command, or with the data socket the client opens for it just
 *   before (active mode: the client listens, then sends PORT);
 * - the data phase starts with the first data SYN, or with the transfer command when it comes first (in
 *   active mode the LIST that makes the server connect back belongs to the data connection's story);
 * - the transfer phase starts after the data connection's handshake is complete, or with a reply that
 *   starts or refuses the transfer (150, 425…) when there is no handshake;
 * - the end starts with QUIT (or the session's last event).
 */
export function sessionPhases(events: readonly StepEvent[]): SessionPhase[] {
  let phase: SessionPhaseName = 'control';
  let transfer = 0;
  /** Data connections whose SYN-ACK has been seen: their next segment without SYN completes the handshake. */
  const answered = new Set<string>();
  /** Set when the handshake completed at the previous event: the transfer phase starts at the next. */
  let handshakeDone = false;

  return events.map((e) => {
    if (handshakeDone) {
      handshakeDone = false;
      if (phase === 'data') phase = 'transfer';
    }
    const command = e.kind === 'ftp/command-sent' ? e.command.verb : undefined;
    const dataSocket = e.kind === 'socket/listening' && e.conn !== 'control';

    if (command === 'QUIT' || e.kind === 'session/finished') {
      if (phase !== 'end') {
        phase = 'end';
        transfer += 1;
      }
    } else if (phase !== 'end' && ((command && MODE_VERBS.has(command)) || dataSocket)) {
      // A new transfer begins, unless this is the mode command right after its own data socket.
      if (phase !== 'mode') {
        transfer += 1;
        phase = 'mode';
      }
    } else if (phase === 'mode' || (phase === 'control' && command && TRANSFER_VERBS.has(command))) {
      const dataSyn = isPacketEvent(e) && e.packet.conn !== 'control' && e.packet.segment.flags.syn;
      if (dataSyn || (command && TRANSFER_VERBS.has(command))) {
        if (phase === 'control') transfer += 1;
        phase = 'data';
      }
    }

    if (phase === 'data') {
      if (isPacketEvent(e) && e.packet.conn !== 'control') {
        const { syn, ack } = e.packet.segment.flags;
        if (syn && ack && e.packet.fate.kind === 'delivered') answered.add(e.packet.conn);
        else if (!syn && answered.has(e.packet.conn)) handshakeDone = true;
      } else if (e.kind === 'ftp/reply-sent' && (e.reply.code === 150 || e.reply.code >= 400)) {
        phase = 'transfer';
      }
    }
    return { phase, transfer };
  });
}
