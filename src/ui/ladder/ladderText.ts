/**
 * The words of the ladder: arrow labels in protocol notation (TCP flags the way Wireshark prints them,
 * the FTP line, or a byte count), short notes for what happens on a machine, and a sentence per step for
 * screen readers. Everything comes from the event's own fields through the engine's formatters.
 */
import type { TFunction } from 'i18next';
import {
  assertNever,
  commandLine,
  flagLabel,
  formatEndpoint,
  isPacketEvent,
  packetRoute,
  replyLine,
  type Endpoint,
  type PacketEvent,
  type StepEvent,
  tlsWireSummary,
} from '../../engine';
import { eventConnLabel } from '../../store/selectors';
import { formatSeconds } from '../format';
import { connShortText } from '../narration/localizeParams';
import { tlsLabel } from '../tlsText';
import { noteLane } from './layout';

export interface StepText {
  /** Above the arrow, or the note beside the lifeline. */
  readonly label: string;
  /** Under a dropped or refused arrow's end: the rule that dropped it. */
  readonly endNote?: string;
  /** The step read out as one sentence (the option's accessible name). */
  readonly spoken: string;
  /** More detail on hover (the firewall rule behind a verdict), when there is any. */
  readonly detail?: string;
}

/** The arrow's label: the FTP line, else the byte count of a data segment, else the TCP flags. */
export function arrowLabel(e: PacketEvent, t: TFunction): string {
  let label: string;
  // A box on the path sees only the records' headers: the FTP line inside is for the two ends.
  if (e.packet.tls) label = tlsLabel(tlsWireSummary(e.packet.tls), t);
  else if (e.kind === 'ftp/command-sent') label = commandLine(e.command).trim();
  else if (e.kind === 'ftp/reply-sent') label = replyLine(e.reply).trim();
  else if (e.packet.segment.payload.length > 0)
    label = t('ladder.bytes', { n: e.packet.segment.payload.length });
  else label = flagLabel(e.packet.segment.flags);
  return e.packet.retransmission > 0
    ? t('ladder.retransmission', { label, n: e.packet.retransmission })
    : label;
}

/** The FTP line an encrypted command or reply carries, as its two ends read it. */
function sealedLine(e: PacketEvent): string | undefined {
  if (!e.packet.tls) return undefined;
  if (e.kind === 'ftp/command-sent') return commandLine(e.command).trim();
  if (e.kind === 'ftp/reply-sent') return replyLine(e.reply).trim();
  return undefined;
}

function changes(before: { src: Endpoint; dst: Endpoint }, after: { src: Endpoint; dst: Endpoint }): string {
  const parts: string[] = [];
  for (const side of ['src', 'dst'] as const) {
    const a = formatEndpoint(before[side]);
    const b = formatEndpoint(after[side]);
    if (a !== b) parts.push(`${a} → ${b}`);
  }
  return parts.join(', ');
}

/** The note beside a lifeline for a step that is not a packet. */
export function noteLabel(e: Exclude<StepEvent, PacketEvent>, t: TFunction): string {
  switch (e.kind) {
    case 'fw/verdict':
      return t(e.verdict.action === 'accept' ? 'ladder.note.fwAccept' : 'ladder.note.fwDrop', {
        state: t(`ladder.note.state.${e.verdict.state}`),
      });
    case 'nat/translated':
      return t('ladder.note.nat', { type: e.type.toUpperCase(), change: changes(e.before, e.after) });
    case 'nat/payload-rewritten':
      return t('ladder.note.payload', { before: e.before, after: e.after });
    case 'conntrack/expectation-created':
      return t('ladder.note.expectation', {
        source: e.expectation.sourceIp,
        destination: formatEndpoint(e.expectation.translatedTo ?? e.expectation.destination),
        reason: e.expectation.reason,
      });
    case 'conntrack/helper-blind':
      return t('ladder.note.blind', { line: e.line });
    case 'socket/listening':
      return t('ladder.note.listening', { endpoint: formatEndpoint(e.endpoint) });
    case 'socket/closed':
      return t('ladder.note.closed', { endpoint: formatEndpoint(e.endpoint) });
    case 'timer/expired':
      return t(`ladder.note.timer.${e.timer}`, { seconds: e.after });
    case 'transfer/finished':
      return t(
        e.transfer.outcome === 'success' ? 'ladder.note.transferSuccess' : 'ladder.note.transferFailed',
        { command: e.transfer.command },
      );
    case 'session/finished':
      return t(e.outcome === 'success' ? 'ladder.note.sessionSuccess' : 'ladder.note.sessionFailed');
    default:
      return assertNever(e);
  }
}

function connName(e: StepEvent, t: TFunction): string {
  return connShortText(eventConnLabel(e), t);
}

/** Everything the ladder writes about one step, in the current language. */
export function stepText(e: StepEvent, t: TFunction, language: string): StepText {
  const time = t('ladder.seconds', { value: formatSeconds(e.at, language) });
  const step = e.index + 1;
  if (isPacketEvent(e)) {
    const label = arrowLabel(e, t);
    const route = packetRoute(e.packet);
    const fate = e.packet.fate;
    const endNote =
      fate.kind === 'dropped'
        ? t('ladder.dropped', { rule: fate.rule.text })
        : fate.kind === 'refused'
          ? t('ladder.refused')
          : fate.kind === 'unanswered'
            ? t('ladder.unanswered')
            : undefined;
    const spoken = t('ladder.option.packet', {
      step,
      time,
      conn: connName(e, t),
      from: t(`ladder.lanes.${e.packet.from}`),
      to: t(`ladder.lanes.${route.stopsAt}`),
      label,
    });
    const suffix =
      fate.kind === 'dropped'
        ? t('ladder.option.dropped', { device: t(`devices.${fate.device}`), rule: fate.rule.text })
        : fate.kind === 'refused'
          ? t('ladder.option.refused', { device: t(`devices.${fate.device}`) })
          : fate.kind === 'unanswered'
            ? t('ladder.option.unanswered')
            : '';
    // What an encrypted FTP line says, for the hover and the spoken step: the dialogue stays readable.
    const inside = sealedLine(e);
    const carrying = inside === undefined ? undefined : t('tls.label.carrying', { line: inside });
    const said = [spoken, carrying, suffix].filter(Boolean).join('; ');
    const detail = [carrying, endNote].filter(Boolean).join('; ') || undefined;
    return { label, endNote, spoken: said, ...(detail ? { detail } : {}) };
  }
  const label = noteLabel(e, t);
  const device = noteLane(e);
  const spoken =
    device === undefined
      ? t('ladder.option.session', { step, time, note: label })
      : t('ladder.option.note', {
          step,
          time,
          conn: connName(e, t),
          device: t(`devices.${device}`),
          note: label,
        });
  const detail = e.kind === 'fw/verdict' ? e.verdict.rule.text : undefined;
  return { label, spoken: detail ? `${spoken}: ${detail}` : spoken, detail };
}
