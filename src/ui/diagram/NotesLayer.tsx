import { useRef, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { AcceptIcon, ClockIcon, DropIcon, HelperIcon, NatIcon, RstIcon } from './icons';
import {
  charsFitting,
  nearestPoint,
  noteAnchor,
  noteArea,
  rowNotes,
  stackNotes,
  textWidth,
  wrapText,
  type DiagramLayout,
  type Point,
  type Rect,
} from './layout';
import type { Note } from './scene';
import { useFadeIn } from './webAnimation';

type Tone = 'bad' | 'ok' | 'nat' | 'info' | 'timer';
type IconKind = 'drop' | 'accept' | 'rst' | 'nat' | 'helper' | 'clock';

interface Line {
  readonly text: string;
  /** Protocol notation (rules, addresses, payloads): set in monospace. */
  readonly code: boolean;
}

interface NoteContent {
  readonly tone: Tone;
  readonly icon: IconKind;
  readonly title: string;
  readonly lines: readonly Line[];
}

const code = (text: string): Line => ({ text, code: true });
const words = (text: string): Line => ({ text, code: false });

/** What a note says, in the current language. Rules, addresses and payloads stay as the engine wrote them. */
export function noteContent(note: Note, t: TFunction): NoteContent {
  switch (note.kind) {
    case 'dropped':
      return { tone: 'bad', icon: 'drop', title: t('diagram.note.dropped'), lines: [code(note.rule)] };
    case 'refused':
      return {
        tone: 'bad',
        icon: 'rst',
        title: t('diagram.note.refused'),
        lines: [words(t('diagram.note.refusedBody'))],
      };
    case 'nat':
      return {
        tone: 'nat',
        icon: 'nat',
        title: note.type
          ? t('diagram.note.natType', { type: note.type.toUpperCase() })
          : t('diagram.note.nat'),
        lines: note.changes.map((c) => code(`${t(`diagram.note.${c.field}`)} ${c.before} → ${c.after}`)),
      };
    case 'payload':
      return {
        tone: 'nat',
        icon: 'helper',
        title: t('diagram.note.payload'),
        lines: [code(`${note.before} → ${note.after}`)],
      };
    case 'blind':
      return {
        tone: 'bad',
        icon: 'helper',
        title: t('diagram.note.blind'),
        lines: [code(note.line), words(t('diagram.note.blindBody'))],
      };
    case 'verdict':
      return {
        tone: note.action === 'accept' ? 'ok' : 'bad',
        icon: note.action === 'accept' ? 'accept' : 'drop',
        title: `${note.action === 'accept' ? 'ACCEPT' : 'DROP'} · ${t(`diagram.state.${note.state}`)}`,
        lines: [code(note.rule)],
      };
    case 'expectation':
      return {
        tone: 'info',
        icon: 'helper',
        title: t('diagram.note.expects'),
        lines: [
          code(`${note.source} → ${note.destination}`),
          ...(note.translatedTo ? [words(t('diagram.note.forwardedTo', { to: note.translatedTo }))] : []),
        ],
      };
    case 'timer':
      return {
        tone: 'timer',
        icon: 'clock',
        title: t(`diagram.timer.${note.timer}`),
        lines: [words(t('diagram.note.timerAfter', { seconds: note.after }))],
      };
  }
}

function NoteIcon({ kind, x, y }: { readonly kind: IconKind; readonly x: number; readonly y: number }) {
  switch (kind) {
    case 'drop':
      return <DropIcon x={x} y={y} />;
    case 'accept':
      return <AcceptIcon x={x} y={y} />;
    case 'rst':
      return <RstIcon x={x} y={y} />;
    case 'nat':
      return <NatIcon x={x} y={y} />;
    case 'helper':
      return <HelperIcon x={x} y={y} />;
    case 'clock':
      return <ClockIcon x={x} y={y} />;
  }
}

/** Enough for the longest iptables rule in the narrow notes of the vertical layout. */
const MAX_BODY_LINES = 6;
/** Between notes side by side. */
const ROW_GAP = 10;

interface PlacedNote {
  readonly key: string;
  readonly note: Note;
  readonly content: NoteContent;
  readonly titleLines: readonly string[];
  readonly body: readonly Line[];
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly anchor: Point;
  readonly delay: number;
}

/**
 * Wraps each note's text to its area and places it: horizontal, the notes share the band under the
 * routers side by side (each under its device as far as the others allow); vertical, each device's notes
 * stack beside it.
 */
function placeNotes(
  layout: DiagramLayout,
  notes: readonly Note[],
  t: TFunction,
  delayOf: (note: Note) => number,
): PlacedNote[] {
  const side = layout.orientation === 'horizontal';
  const { pad, iconSpace, lineHeight, maxWidth: widest, titleWider } = layout.type.note;
  const font = layout.type.font.note;
  const sharing = (area: Rect) => notes.filter((n) => sameRect(noteArea(layout, n.device), area)).length;
  const sized = notes.map((note, i) => {
    const area = noteArea(layout, note.device);
    const share = side ? sharing(area) : 1;
    const maxWidth = Math.min((area.width - ROW_GAP * (share - 1)) / share, widest);
    const inner = maxWidth - 2 * pad - iconSpace;
    const content = noteContent(note, t);
    const titleLines = wrapText(content.title, charsFitting(inner, font * titleWider.wrap), 2);
    // Horizontal notes must fit the band's height; vertical ones may run down into the gap below.
    const room = side ? Math.floor((area.height - 2 * pad) / lineHeight) - titleLines.length : MAX_BODY_LINES;
    const wrapped = content.lines.flatMap((line) =>
      wrapText(line.text, charsFitting(inner, font, line.code ? 'mono' : 'sans'), MAX_BODY_LINES).map(
        (text) => ({ text, code: line.code }),
      ),
    );
    const body = wrapped.length > room ? ellipsize(wrapped.slice(0, Math.max(1, room))) : wrapped;
    const longest = Math.max(
      ...titleLines.map((l) => textWidth(l, font) * titleWider.width),
      ...body.map((l) => textWidth(l.text, font, l.code ? 'mono' : 'sans')),
    );
    const width = Math.min(maxWidth, longest + 2 * pad + iconSpace);
    const height = 2 * pad + (titleLines.length + body.length) * lineHeight;
    const anchor = noteAnchor(layout, note.device);
    return {
      key: `${i}-${note.kind}-${note.device}`,
      note,
      area,
      content,
      titleLines,
      body,
      width,
      height,
      anchor,
    };
  });
  const areas = new Map<string, typeof sized>();
  for (const s of sized) {
    const k = `${s.area.x},${s.area.y}`;
    areas.set(k, [...(areas.get(k) ?? []), s]);
  }
  const placed = new Map<string, Point>();
  for (const group of areas.values()) {
    const first = group[0];
    if (!first) continue;
    const ordered = side ? [...group].sort((a, b) => a.anchor.x - b.anchor.x) : group;
    const items = ordered.map((s) => ({ width: s.width, height: s.height, anchorX: s.anchor.x }));
    const corners = side ? rowNotes(first.area, items, ROW_GAP) : stackNotes(first.area, items);
    ordered.forEach((s, i) => placed.set(s.key, corners[i] ?? { x: s.area.x, y: s.area.y }));
  }
  return sized.map((s) => {
    const corner = placed.get(s.key) ?? { x: s.area.x, y: s.area.y };
    return { ...s, x: corner.x, y: corner.y, delay: delayOf(s.note) };
  });
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Marks the last kept line as cut short. */
function ellipsize(lines: readonly Line[]): Line[] {
  return lines.map((l, i) => (i === lines.length - 1 ? { ...l, text: `${l.text.replace(/…$/, '')}…` } : l));
}

export interface NotesLayerProps {
  readonly layout: DiagramLayout;
  readonly notes: readonly Note[];
  readonly stepKey: number;
  /** When each note appears (seconds): once the packet has reached its device. */
  readonly delayOf: (note: Note) => number;
}

/** Callouts beside the devices: drops, verdicts, NAT rewrites, expectations, time-outs. */
export function NotesLayer({ layout, notes, stepKey, delayOf }: NotesLayerProps) {
  const { t } = useTranslation();
  const placed = placeNotes(layout, notes, t, delayOf);
  const { pad, iconSpace, lineHeight } = layout.type.note;
  return (
    <g className="notes">
      {placed.map((n) => {
        const rect = { x: n.x, y: n.y, width: n.width, height: n.height };
        const meet = nearestPoint(rect, n.anchor);
        return (
          <NoteGroup
            key={`${stepKey}-${n.key}`}
            className={`note note-${n.content.tone}`}
            kind={n.note.kind}
            delay={n.delay}
          >
            <line className="note-connector" x1={n.anchor.x} y1={n.anchor.y} x2={meet.x} y2={meet.y} />
            <circle className="note-anchor" cx={n.anchor.x} cy={n.anchor.y} r={3.5} />
            <rect className="note-frame" x={n.x} y={n.y} width={n.width} height={n.height} rx={8} />
            <rect className="note-bar" x={n.x} y={n.y} width={5} height={n.height} rx={2} />
            <NoteIcon kind={n.content.icon} x={n.x + pad + 9} y={n.y + pad + lineHeight / 2} />
            {n.titleLines.map((line, i) => (
              <text
                key={`t${i}`}
                className="note-title"
                x={n.x + pad + iconSpace}
                y={n.y + pad + (i + 0.75) * lineHeight}
              >
                {line}
              </text>
            ))}
            {n.body.map((line, i) => (
              <text
                key={`b${i}`}
                className={line.code ? 'note-text note-code' : 'note-text'}
                x={n.x + pad + iconSpace}
                y={n.y + pad + (n.titleLines.length + i + 0.75) * lineHeight}
              >
                {line.text}
              </text>
            ))}
          </NoteGroup>
        );
      })}
    </g>
  );
}

/** A note's group: it fades in once the packet reaches its device (`delay`, seconds; 0: at once). */
function NoteGroup({
  className,
  kind,
  delay,
  children,
}: {
  readonly className: string;
  readonly kind: Note['kind'];
  readonly delay: number;
  readonly children: ReactNode;
}) {
  const ref = useRef<SVGGElement>(null);
  // Drawn anew at each step (keyed by it): one fade per note and step.
  useFadeIn(ref, delay, 0.2, undefined);
  return (
    <g ref={ref} className={className} data-note={kind}>
      {children}
    </g>
  );
}
