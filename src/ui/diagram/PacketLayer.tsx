import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { connShortText } from '../narration/localizeParams';
import type { ConnLabel } from '../../store/selectors';
import { ControlMarker, DataMarker, DropIcon, RstIcon, UnansweredIcon } from './icons';
import {
  charsFitting,
  MARKER_SIZE,
  textWidth,
  tripKeyframes,
  wrapText,
  type DiagramLayout,
  type DiagramType,
} from './layout';
import type { PacketScene } from './scene';
import { tlsLabel } from '../tlsText';
import { translate, useFadeIn, useTrip } from './webAnimation';

export interface PacketLayerProps {
  readonly layout: DiagramLayout;
  readonly packet: PacketScene;
  /** Changes with every step, so each step's trip starts from the sender again. */
  readonly stepKey: number;
  readonly hatchId: string;
  /** Seconds the trip takes; 0 when motion is reduced (the packet appears where it ends). */
  readonly duration: number;
}

function useConnText(): (label: ConnLabel) => string {
  const { t } = useTranslation();
  return (label) => connShortText(label, t);
}

/** Where the packet is drawn: where it stops, or the device deciding about it at this step. */
export function shownStop(packet: PacketScene) {
  const parkedAt = packet.motion.kind === 'parked' ? packet.motion.at : undefined;
  return parkedAt && packet.path.includes(parkedAt) ? parkedAt : packet.stopsAt;
}

/** The stretch of the lane the packet covers, drawn under the boxes so that only the links light up. */
export function PacketRoute({
  layout,
  packet,
}: {
  readonly layout: DiagramLayout;
  readonly packet: PacketScene;
}) {
  const points = tripKeyframes(layout, packet.path, shownStop(packet)).marker;
  return (
    <polyline
      className={`packet-route packet-route-${packet.connLabel.kind === 'data' ? 'data' : 'control'}`}
      points={points.map((p) => `${p.x},${p.y}`).join(' ')}
    />
  );
}

/**
 * The current step's packet: a marker (control: rounded square; data: hatched diamond) that travels from
 * its sender along the lane and stops where the engine says it stops, with its label riding along and,
 * when it goes no further, a ✗ (dropped) or an RST sign (refused) where it stopped.
 */
export function PacketLayer({ layout, packet, stepKey, hatchId, duration }: PacketLayerProps) {
  const { t } = useTranslation();
  const connText = useConnText();
  const stopsAt = shownStop(packet);
  const isData = packet.connLabel.kind === 'data';
  const stopped = packet.fate !== 'delivered' && stopsAt === packet.stopsAt;

  const text =
    packet.label.kind === 'bytes'
      ? t('diagram.packet.bytes', { count: packet.label.count })
      : packet.label.kind === 'tls'
        ? tlsLabel(packet.label.summary, t)
        : packet.label.text;
  const tag = [
    connText(packet.connLabel),
    ...(packet.retransmission > 0 ? [t('diagram.packet.retry', { n: packet.retransmission })] : []),
  ].join(' · ');
  const label = labelBox(layout.type, layout.label.width, text, tag);
  // The desk's label box is laid out at full width, and a narrower label stays centred on it; an inline
  // label (a projector's) is centred on the marker at its own width.
  const inline = layout.type.label.tag === 'inline';
  const trip = tripKeyframes(layout, packet.path, stopsAt, inline ? label.width : layout.label.width);
  const markerEnd = trip.marker[trip.marker.length - 1] ?? { x: 0, y: 0 };
  const labelEnd = trip.label[trip.label.length - 1] ?? { x: 0, y: 0 };
  const travel = packet.motion.kind === 'travel' && duration > 0 && trip.marker.length > 1;
  const { width, height } = label;
  const inset = layout.orientation === 'horizontal' && !inline ? (layout.label.width - width) / 2 : 0;
  const leader = layout.orientation === 'horizontal' ? labelEnd.y + height - markerEnd.y : undefined;

  // Each step draws its packet anew (keyed by the step), so each trip starts from the sender.
  const markerRef = useRef<SVGGElement>(null);
  const labelRef = useRef<SVGGElement>(null);
  const stopRef = useRef<SVGGElement>(null);
  useTrip(markerRef, travel ? trip.marker : undefined, trip.times, duration, stepKey);
  useTrip(labelRef, travel ? trip.label : undefined, trip.times, duration, stepKey);
  // The ✗ or RST sign shows once the packet has got where it stops.
  useFadeIn(stopRef, travel ? duration : 0, 0.2, stepKey);

  return (
    <g
      className={`packet packet-${isData ? 'data' : 'control'}`}
      data-fate={stopsAt === packet.stopsAt ? packet.fate : 'in-flight'}
      data-stops-at={stopsAt}
    >
      <g
        key={`marker-${stepKey}`}
        ref={markerRef}
        className="packet-marker"
        style={{ transform: translate(markerEnd) }}
      >
        {leader !== undefined && (
          <line className="packet-leader" x1={0} y1={leader} x2={0} y2={-MARKER_SIZE / 2} />
        )}
        {isData ? <DataMarker hatchId={hatchId} /> : <ControlMarker />}
      </g>
      <g
        key={`label-${stepKey}`}
        ref={labelRef}
        className="packet-label"
        style={{ transform: translate(labelEnd) }}
      >
        <rect className="packet-label-frame" x={inset} y={0} width={width} height={height} rx={8} />
        <rect
          className="packet-tag"
          x={inset + label.tag.x}
          y={label.tag.y}
          width={label.tag.width}
          height={label.tag.height}
          rx={label.tag.height / 2}
        />
        <text className="packet-tag-text" x={inset + label.tag.x + 8} y={label.tag.baseline}>
          {tag}
        </text>
        {label.lines.map((line, i) => (
          <text key={i} className="packet-label-text" x={inset + line.x} y={line.y}>
            {line.text}
          </text>
        ))}
      </g>
      {stopped && (
        <g key={`stop-${stepKey}`} ref={stopRef} className={`packet-stop packet-${packet.fate}`}>
          <title>{t(`diagram.packet.${packet.fate}`)}</title>
          {packet.fate === 'dropped' ? (
            <DropIcon x={markerEnd.x} y={markerEnd.y} size={1.7} />
          ) : packet.fate === 'unanswered' ? (
            <UnansweredIcon x={markerEnd.x} y={markerEnd.y} size={1.7} />
          ) : (
            <RstIcon x={markerEnd.x} y={markerEnd.y} size={1.7} />
          )}
        </g>
      )}
    </g>
  );
}

interface LabelBox {
  readonly width: number;
  readonly height: number;
  /** The connection tag's pill, and its words' baseline. */
  readonly tag: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly baseline: number;
  };
  readonly lines: readonly { readonly text: string; readonly x: number; readonly y: number }[];
}

/**
 * The label's box, relative to its top-left corner. The desk's: the connection tag on the top edge, the
 * words in up to two lines under it. A projector's: one line, the tag first, then the words.
 */
function labelBox(type: DiagramType, maxWidth: number, text: string, tag: string): LabelBox {
  const { pad, lineHeight, maxLines } = type.label;
  const font = type.font.label;
  // Bold tag words run wider than the plain estimate.
  const tagWidth = textWidth(tag, type.font.tag * 1.08) + 16;
  if (type.label.tag === 'inline') {
    const tagHeight = type.font.tag + 8;
    const height = lineHeight + 2 * pad;
    const textX = pad + tagWidth + 10;
    const lines = wrapText(text, charsFitting(maxWidth - textX - 2 * pad, font, 'mono'), maxLines);
    const widest = Math.max(...lines.map((l) => textWidth(l, font, 'mono')), 0);
    return {
      width: Math.min(maxWidth, textX + widest + 2 * pad),
      height,
      tag: {
        x: pad,
        y: (height - tagHeight) / 2,
        width: tagWidth,
        height: tagHeight,
        baseline: height / 2 + type.font.tag * 0.36,
      },
      lines: lines.map((l) => ({ text: l, x: textX, y: height / 2 + font * 0.36 })),
    };
  }
  const lines = wrapText(text, charsFitting(maxWidth - 2 * pad, font, 'mono'), maxLines);
  return {
    width: Math.min(maxWidth, Math.max(...lines.map((l) => textWidth(l, font, 'mono')), 70) + 2 * pad),
    height: pad + lines.length * lineHeight,
    tag: { x: 8, y: -11, width: tagWidth, height: 20, baseline: 4 },
    lines: lines.map((l, i) => ({ text: l, x: pad, y: pad + 4 + (i + 0.6) * lineHeight })),
  };
}
