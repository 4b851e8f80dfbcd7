import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { packetRoute, type HostId, type PacketEvent } from '../../engine';
import { capitalize } from '../../i18n/language';
import { eventConnLabel } from '../../store/selectors';
import { ConnTag } from '../timeline/ConnTag';
import type { ByteRange } from './frameLayout';
import { capturedFrame } from './frameBytes';
import { HexDump } from './HexDump';
import { fieldLabel, LayerTables, type LayerColumn } from './LayerTables';
import { fieldKey, packetLayers, type FieldKey, type Layer, type LayerId } from './packetLayers';
import { capturePoints, packetColumns, type MissingView, type PacketColumn } from './packetViews';

interface PacketDetailsProps {
  readonly event: PacketEvent;
  readonly open: ReadonlySet<LayerId>;
  readonly onToggle: (layer: LayerId) => void;
  /** The capture point last chosen for the bytes; kept from step to step where the packet was captured. */
  readonly preferredPoint: HostId | undefined;
  readonly onChoosePoint: (point: HostId) => void;
}

/** Where a field or layer sits in a frame's layers. */
function pointedAt(
  layers: readonly Layer[],
  target: FieldKey | LayerId | undefined,
): { readonly range?: ByteRange; readonly label: (t: T) => string } | undefined {
  if (!target) return undefined;
  for (const layer of layers) {
    if (layer.id === target)
      return {
        ...(layer.range ? { range: layer.range } : {}),
        label: (t) => t(`inspector.layers.${layer.id}`),
      };
    const hit = layer.fields.find((f) => fieldKey(f) === target);
    if (hit) return { ...(hit.range ? { range: hit.range } : {}), label: (t) => fieldLabel(hit, t) };
  }
  return undefined;
}

/** A packet step: its summary and fate, its layers at the client and at the server, and its bytes. */
export function PacketDetails({ event, open, onToggle, preferredPoint, onChoosePoint }: PacketDetailsProps) {
  const { t } = useTranslation();
  const { packet } = event;
  const points = useMemo(() => capturePoints(packet), [packet]);
  const view = useMemo(() => packetColumns(packet), [packet]);
  const frames = useMemo(
    () => ({ client: capturedFrame(packet, 'client'), server: capturedFrame(packet, 'server') }),
    [packet],
  );
  const firstPoint = view.columns[0]?.kind === 'sent' ? points[0] : view.columns[0]?.point;
  const point = preferredPoint && points.includes(preferredPoint) ? preferredPoint : firstPoint;
  const [pointed, setPointed] = useState<FieldKey | LayerId | undefined>(undefined);

  const columns: LayerColumn[] = view.columns.map((c) => ({
    heading: columnHeading(c, t),
    layers: packetLayers(event, c.segment, c.kind === 'sent' ? undefined : frames[c.point]),
  }));
  const frame = point ? frames[point] : undefined;
  const segment = point ? packet.views[point]?.segment : undefined;
  const dumpLayers = useMemo(
    () => (frame && segment ? packetLayers(event, segment, frame) : []),
    [event, segment, frame],
  );
  const target = pointedAt(dumpLayers, pointed);
  const highlight = target?.range;
  const route = packetRoute(packet);
  const device = (id: string) => t(`devices.${id}`);

  return (
    <div className="packet-details">
      <dl className="packet-summary">
        <div>
          <dt>{t('inspector.packet.id')}</dt>
          <dd>
            #{packet.id}
            {packet.retransmission > 0 && (
              <> · {t('inspector.packet.retransmission', { n: packet.retransmission })}</>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('inspector.packet.connection')}</dt>
          <dd>
            <ConnTag label={eventConnLabel(event)} />
          </dd>
        </div>
        <div>
          <dt>{t('inspector.packet.path')}</dt>
          <dd>{t('inspector.packet.fromTo', { from: device(packet.from), to: device(route.headedFor) })}</dd>
        </div>
        <div>
          <dt>{t('inspector.packet.fate')}</dt>
          <dd className={`fate fate-${packet.fate.kind}`}>
            <span aria-hidden="true">
              {packet.fate.kind === 'delivered' ? '✓ ' : packet.fate.kind === 'unanswered' ? '? ' : '✗ '}
            </span>
            {packet.fate.kind === 'delivered'
              ? t('inspector.fate.delivered', { host: device(route.headedFor) })
              : packet.fate.kind === 'dropped'
                ? t(packet.fate.device === 'internet' ? 'inspector.fate.lost' : 'inspector.fate.dropped', {
                    device: device(packet.fate.device),
                    rule: packet.fate.rule.text,
                  })
                : packet.fate.kind === 'unanswered'
                  ? t('inspector.fate.unanswered', { host: device(packet.fate.device) })
                  : t('inspector.fate.refused', { device: device(packet.fate.device) })}
          </dd>
        </div>
      </dl>

      {packet.fate.kind === 'dropped' &&
        (packet.fate.device === 'client' || packet.fate.device === 'server') &&
        packet.views[packet.fate.device] && (
          <p className="inspector-note">
            {t('inspector.fate.capturedBeforeDrop', { host: device(packet.fate.device) })}
          </p>
        )}
      {view.missing.map((m) => (
        <p key={m.host} className="inspector-note inspector-missing">
          <span aria-hidden="true">⊘ </span>
          {missingText(m, t)}
        </p>
      ))}
      {view.ttl && <p className="inspector-note">{t('inspector.ttlOnly', view.ttl)}</p>}
      {columns.length > 1 && <p className="inspector-note">{t('inspector.sideBySide')}</p>}
      {packet.tls && (
        <p className="inspector-note inspector-simulated">
          <span aria-hidden="true">⚠ </span>
          {t('inspector.tls.simulated')}
        </p>
      )}

      <LayerTables columns={columns} open={open} onToggle={onToggle} onPoint={setPointed} pointed={pointed} />

      <section className="bytes" aria-labelledby="inspector-bytes-heading">
        <h3 id="inspector-bytes-heading">{t('inspector.bytes.heading')}</h3>
        {points.length === 0 || !point || !frame ? (
          <p className="inspector-note">{t('inspector.bytes.none')}</p>
        ) : (
          <>
            <fieldset className="capture-point">
              <legend>{t('inspector.bytes.capturedAt')}</legend>
              {(['client', 'server'] as const).map((p) => (
                <label key={p}>
                  <input
                    type="radio"
                    name={`capture-point-${packet.id}`}
                    value={p}
                    checked={point === p}
                    disabled={!points.includes(p)}
                    onChange={() => onChoosePoint(p)}
                  />
                  {capitalize(device(p))}
                  {!points.includes(p) && (
                    <span className="capture-missing"> ({t('inspector.bytes.notRecorded')})</span>
                  )}
                </label>
              ))}
            </fieldset>
            <p className="inspector-note">
              {highlight
                ? t('inspector.bytes.highlighted', {
                    field: target?.label(t) ?? '',
                    from: highlight.start,
                    to: highlight.end - 1,
                    length: highlight.end - highlight.start,
                  })
                : t('inspector.bytes.hint')}
            </p>
            <HexDump
              frame={frame}
              {...(highlight ? { highlight } : {})}
              label={t('inspector.bytes.label', { host: device(point), n: frame.length })}
            />
          </>
        )}
      </section>
    </div>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function columnHeading(c: PacketColumn, t: T): string {
  switch (c.kind) {
    case 'view':
      return t(`inspector.columns.${c.point}`);
    case 'both':
      return t('inspector.columns.both');
    case 'sent':
      return t('inspector.columns.sent', { device: t(`devices.${c.device}`) });
  }
}

function missingText(m: MissingView, t: T): string {
  const host = t(`devices.${m.host}`);
  switch (m.reason) {
    case 'from-router':
      return t('inspector.never.fromRouter', { host, device: t(`devices.${m.device}`) });
    case 'dropped':
      return t(m.device === 'internet' ? 'inspector.never.lost' : 'inspector.never.dropped', {
        host,
        device: t(`devices.${m.device}`),
        rule: m.rule,
      });
    case 'refused':
      return t('inspector.never.refused', { host, device: t(`devices.${m.device}`) });
    case 'not-captured':
      return t('inspector.never.notCaptured', { host });
  }
}
