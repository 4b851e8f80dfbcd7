import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever, eventOfPacket, formatEndpoint, type Endpoint, type StepEvent } from '../../engine';
import { capitalize } from '../../i18n/language';
import { selectEvents } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { connPhrase } from '../narration/localizeParams';

type NonPacketEvent = Exclude<StepEvent, { packet: unknown }>;

const tuple = (x: { readonly src: Endpoint; readonly dst: Endpoint }) =>
  `${formatEndpoint(x.src)} → ${formatEndpoint(x.dst)}`;

/** A step that is not a packet: what it is (verdict, translation, expectation, timer…) field by field. */
export function EventDetails({ event }: { readonly event: NonPacketEvent }) {
  const { t } = useTranslation();
  const device = (id: string) => capitalize(t(`devices.${id}`));
  const rows: [string, ReactNode][] = [];
  let packetId: number | undefined;

  switch (event.kind) {
    case 'fw/verdict': {
      const drop = event.verdict.action === 'drop';
      packetId = event.packetId;
      rows.push(
        [t('inspector.event.device'), device(event.device)],
        [t('inspector.event.connection'), connPhrase(event.conn, t)],
        [t('inspector.event.packet'), <code key="p">{tuple(event.tuple)}</code>],
        [t('inspector.event.chain'), <code key="c">{event.verdict.rule.chain}</code>],
        [
          t('inspector.event.state'),
          <span key="s">
            <code>{event.verdict.state.toUpperCase()}</code> — {t(`inspector.states.${event.verdict.state}`)}
          </span>,
        ],
        [
          t('inspector.event.action'),
          <span key="a" className={drop ? 'verdict-drop' : 'verdict-accept'}>
            <span aria-hidden="true">{drop ? '✗ ' : '✓ '}</span>
            <code>{drop ? 'DROP' : 'ACCEPT'}</code> —{' '}
            {t(drop ? 'inspector.actions.drop' : 'inspector.actions.accept')}
          </span>,
        ],
        [t('inspector.event.rule'), <code key="r">{event.verdict.rule.text}</code>],
      );
      break;
    }
    case 'nat/translated':
      packetId = event.packetId;
      rows.push(
        [t('inspector.event.device'), device(event.device)],
        [t('inspector.event.connection'), connPhrase(event.conn, t)],
        [
          t('inspector.event.natType'),
          <span key="n">
            <code>{event.type.toUpperCase()}</code> — {t(`inspector.nat.${event.type}`)}
          </span>,
        ],
        [t('inspector.event.before'), <code key="b">{tuple(event.before)}</code>],
        [t('inspector.event.after'), <code key="a">{tuple(event.after)}</code>],
      );
      break;
    case 'nat/payload-rewritten':
      packetId = event.packetId;
      rows.push(
        [t('inspector.event.device'), device(event.device)],
        [t('inspector.event.connection'), connPhrase(event.conn, t)],
        [t('inspector.event.before'), <code key="b">{event.before}</code>],
        [t('inspector.event.after'), <code key="a">{event.after}</code>],
        [t('inspector.event.sizeDelta'), <code key="d">{signed(event.sizeDelta)}</code>],
      );
      break;
    case 'conntrack/expectation-created': {
      const x = event.expectation;
      rows.push(
        [t('inspector.event.device'), device(x.device)],
        [t('inspector.event.reason'), <code key="r">{x.reason}</code>],
        [t('inspector.event.expectedFrom'), <code key="f">{x.sourceIp}</code>],
        [t('inspector.event.expectedTo'), <code key="t">{formatEndpoint(x.destination)}</code>],
      );
      if (x.translatedTo)
        rows.push([t('inspector.event.translatedTo'), <code key="x">{formatEndpoint(x.translatedTo)}</code>]);
      break;
    }
    case 'conntrack/helper-blind':
      packetId = event.packetId;
      rows.push(
        [t('inspector.event.device'), device(event.device)],
        [t('inspector.event.connection'), connPhrase(event.conn, t)],
        [t('inspector.event.unreadLine'), <code key="l">{event.line}</code>],
        [t('inspector.event.reason'), <code key="r">{event.reason}</code>],
      );
      break;
    case 'socket/listening':
    case 'socket/closed':
      rows.push(
        [t('inspector.event.host'), device(event.host)],
        [t('inspector.event.connection'), connPhrase(event.conn, t)],
        [t('inspector.event.endpoint'), <code key="e">{formatEndpoint(event.endpoint)}</code>],
        [
          t('inspector.event.socketState'),
          <code key="s">{event.kind === 'socket/listening' ? 'LISTEN' : 'CLOSED'}</code>,
        ],
      );
      break;
    case 'timer/expired':
      rows.push(
        [t('inspector.event.host'), device(event.host)],
        [t('inspector.event.connection'), connPhrase(event.conn, t)],
        [t('inspector.event.timer'), t(`inspector.timers.${event.timer}`)],
        [t('inspector.event.after'), t('inspector.values.seconds', { value: event.after })],
      );
      break;
    case 'transfer/finished': {
      const x = event.transfer;
      rows.push(
        [t('inspector.event.transfer'), <code key="c">{`${x.index}: ${x.command}`}</code>],
        [t('inspector.event.outcome'), outcome(x.outcome, t)],
        [t('inspector.event.replies'), <code key="r">{x.replyCodes.join(' ')}</code>],
      );
      if (x.reason) rows.push([t('inspector.event.failure'), t(`inspector.reasons.${x.reason}`)]);
      break;
    }
    case 'session/finished':
      rows.push([t('inspector.event.outcome'), outcome(event.outcome, t)]);
      break;
    default:
      assertNever(event);
  }

  return (
    <div className="event-details">
      <dl className="event-fields">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {packetId !== undefined && <PacketLink packetId={packetId} />}
    </div>
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function outcome(value: 'success' | 'failed', t: ReturnType<typeof useTranslation>['t']): ReactNode {
  return (
    <span className={`verdict-${value === 'success' ? 'accept' : 'drop'}`}>
      <span aria-hidden="true">{value === 'success' ? '✓ ' : '✗ '}</span>
      {t(value === 'success' ? 'outcome.success' : 'outcome.failed')}
    </span>
  );
}

/** Firewall and NAT steps act on a packet shown at another step: one click (or Enter) goes there. */
function PacketLink({ packetId }: { readonly packetId: number }) {
  const { t } = useTranslation();
  const events = useSim(selectEvents);
  const seek = useSim((s) => s.seek);
  const target = eventOfPacket(events, packetId);
  if (!target) return null;
  return (
    <button type="button" className="link-button" onClick={() => seek(target.index)}>
      {t('inspector.event.showPacket', { id: packetId, step: target.index + 1 })}
    </button>
  );
}
