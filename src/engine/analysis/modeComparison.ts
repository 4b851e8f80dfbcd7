import { isPacketEvent, type DeviceId, type StepEvent } from '../events/stepEvent';
import { usesPassive, type Mode } from '../scenario/scenario';

/**
 * The classic table of differences between active and passive mode, filled in from one simulation:
 * each row becomes known at a step (`index`), so a view can light it up as the replay reaches it.
 */
export type ComparisonRow =
  | { readonly row: 'opener'; readonly index: number; readonly opener: 'client' | 'server' }
  | { readonly row: 'serverDataPort'; readonly index: number; readonly port: number }
  | { readonly row: 'clientMustAccept'; readonly index: number; readonly port?: number }
  | {
      readonly row: 'firewallTrouble';
      readonly index: number;
      readonly droppedBy?: DeviceId;
      /** A router whose own stack answered the data SYN with RST: nothing forwarded that port. */
      readonly refusedBy?: DeviceId;
    }
  | {
      readonly row: 'recommended';
      readonly index: number;
      /** The mode the textbooks recommend. */
      readonly mode: 'passive';
      /** What this session shows: whether every transfer worked in this mode, in this network. */
      readonly outcome: 'success' | 'failed';
    };

export const COMPARISON_ROWS = [
  'opener',
  'serverDataPort',
  'clientMustAccept',
  'firewallTrouble',
  'recommended',
] as const;

export function modeComparison(events: readonly StepEvent[], mode: Mode): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const last = events.length - 1;
  const firstDataSyn = events.find(
    (e) => isPacketEvent(e) && e.packet.conn !== 'control' && e.packet.segment.flags.syn,
  );
  if (firstDataSyn && isPacketEvent(firstDataSyn)) {
    rows.push({
      row: 'opener',
      index: firstDataSyn.index,
      opener: firstDataSyn.packet.from === 'server' ? 'server' : 'client',
    });
  }
  if (usesPassive(mode)) {
    const announce = events.find(
      (e) => e.kind === 'ftp/reply-sent' && (e.reply.code === 227 || e.reply.code === 229),
    );
    if (announce?.kind === 'ftp/reply-sent') {
      rows.push({
        row: 'serverDataPort',
        index: announce.index,
        port: announce.reply.address?.port ?? announce.reply.port ?? 0,
      });
    }
    if (firstDataSyn) rows.push({ row: 'clientMustAccept', index: firstDataSyn.index });
  } else {
    if (firstDataSyn && isPacketEvent(firstDataSyn)) {
      rows.push({
        row: 'serverDataPort',
        index: firstDataSyn.index,
        port: firstDataSyn.packet.segment.src.port,
      });
    }
    const port = events.find(
      (e) => e.kind === 'ftp/command-sent' && (e.command.verb === 'PORT' || e.command.verb === 'EPRT'),
    );
    if (port?.kind === 'ftp/command-sent' && (port.command.verb === 'PORT' || port.command.verb === 'EPRT')) {
      rows.push({ row: 'clientMustAccept', index: port.index, port: port.command.address.port });
    }
  }
  rows.push(dataTrouble(events));
  const end = events[last];
  const outcome = end?.kind === 'session/finished' ? end.outcome : 'failed';
  rows.push({ row: 'recommended', index: last, mode: 'passive', outcome });
  return rows;
}

/** What stopped the data connection: the first drop or refusal on it, or nothing (at the session's end). */
export function dataTrouble(
  events: readonly StepEvent[],
): Extract<ComparisonRow, { row: 'firewallTrouble' }> {
  const last = events.length - 1;
  const trouble = events.find(
    (e) =>
      (e.kind === 'fw/verdict' && e.verdict.action === 'drop' && e.conn !== 'control') ||
      (isPacketEvent(e) && e.packet.conn !== 'control' && e.packet.fate.kind === 'refused'),
  );
  if (trouble?.kind === 'fw/verdict')
    return { row: 'firewallTrouble', index: trouble.index, droppedBy: trouble.device };
  if (trouble && isPacketEvent(trouble) && trouble.packet.fate.kind === 'refused')
    return { row: 'firewallTrouble', index: trouble.index, refusedBy: trouble.packet.fate.device };
  return { row: 'firewallTrouble', index: last };
}
