/**
 * Geometry of the sequence (ladder) diagram: where the lifelines stand, where each step's row sits and
 * where its arrow or note goes. Pure: events in, coordinates out (SVG user units, roughly CSS pixels).
 * No text is measured here; the component supplies the words.
 */
import { DEVICE_PATH, isPacketEvent, packetRoute, type DeviceId, type StepEvent } from '../../engine';
import { connLabel } from '../../store/selectors';

/** Width of the time column on the left. */
export const TIME_COLUMN = 104;
/** Room between the outermost lifelines and the edges. */
export const SIDE_MARGIN = 72;
/** Distance between neighbouring lifelines: wide enough for an FTP reply line between two hosts. */
export const MIN_LANE_GAP = 220;
export const TWO_LANE_SPAN = 560;

export const ARROW_ROW = 38;
export const DROP_ROW = 54;
export const NOTE_ROW = 24;
/** How far an arrow falls from its start to its end: the ladder's slope (time runs downwards). */
export const ARROW_SLANT = 8;
/** Extra room above a step that comes after a long wait, for the "+N s" mark. */
export const GAP_ROW = 20;
/** A wait longer than this (virtual microseconds) is marked, since rows follow order, not time. */
export const GAP_THRESHOLD_MICROS = 500_000;
export const TOP_PADDING = 8;
export const BOTTOM_PADDING = 16;

const ARROW_HEAD_LENGTH = 10;
const ARROW_HEAD_HALF_WIDTH = 4.5;
const CROSS_HALF = 6;
const NOTE_OFFSET = 10;

export interface Lane {
  readonly id: DeviceId;
  readonly x: number;
}

export type TextAnchor = 'start' | 'middle' | 'end';

export interface ArrowShape {
  readonly kind: 'arrow';
  /** Which connection: drawn solid (control) or dashed (data), in different colours. */
  readonly conn: 'control' | 'data';
  readonly from: DeviceId;
  readonly to: DeviceId;
  readonly end: 'delivered' | 'dropped' | 'refused';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Arrowhead triangle (`x,y x,y x,y`), absent for a dropped packet (it ends in a cross). */
  readonly head?: string;
  /** The ✗ of a dropped packet: two strokes. */
  readonly cross?: readonly [Segment, Segment];
  readonly label: Point & { readonly anchor: TextAnchor };
  /** Where the dropping rule (or "refused") is written: under the arrow's end, towards the sender. */
  readonly endNote?: Point & { readonly anchor: TextAnchor };
}

export interface NoteShape {
  readonly kind: 'note';
  /** The lifeline it belongs to; none for session-level steps (transfer and session outcomes). */
  readonly lane: DeviceId | undefined;
  /** Marker on the lifeline. */
  readonly marker: Point;
  readonly text: Point & { readonly anchor: TextAnchor };
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface LadderRow {
  /** The event's index (the store's cursor value for this step). */
  readonly index: number;
  /** The band the row occupies (clickable, highlighted when current). */
  readonly top: number;
  readonly height: number;
  /** Baseline of the time on the left. */
  readonly timeY: number;
  /** Seconds of virtual time since the previous step, when that wait is long enough to mark. */
  readonly gap?: { readonly y: number; readonly seconds: number };
  readonly shape: ArrowShape | NoteShape;
}

export interface LadderLayout {
  readonly width: number;
  readonly height: number;
  readonly lanes: readonly Lane[];
  readonly rows: readonly LadderRow[];
}

/** The devices an event names: where a firewall or NAT acted, who sent, where a packet stopped. */
function devicesOf(e: StepEvent): DeviceId[] {
  if (isPacketEvent(e)) {
    const fate = e.packet.fate;
    return fate.kind === 'delivered' ? [e.packet.from] : [e.packet.from, fate.device];
  }
  switch (e.kind) {
    case 'fw/verdict':
    case 'nat/translated':
    case 'nat/payload-rewritten':
      return [e.device];
    case 'conntrack/expectation-created':
      return [e.expectation.device];
    case 'socket/listening':
    case 'socket/closed':
    case 'timer/expired':
      return [e.host];
    default:
      return [];
  }
}

/**
 * The lifelines: always the client and the server; a router or the Internet only when some event happens
 * there (NAT, a firewall verdict, a drop, a refusal, an expectation), so a plain session stays two columns.
 */
export function laneIds(events: readonly StepEvent[]): DeviceId[] {
  const used = new Set<DeviceId>(['client', 'server']);
  for (const e of events) for (const d of devicesOf(e)) used.add(d);
  return DEVICE_PATH.filter((d) => used.has(d));
}

export function laneGap(laneCount: number): number {
  return laneCount <= 1 ? 0 : Math.max(MIN_LANE_GAP, TWO_LANE_SPAN / (laneCount - 1));
}

export function placeLanes(ids: readonly DeviceId[]): { lanes: Lane[]; width: number } {
  const gap = laneGap(ids.length);
  const lanes = ids.map((id, i) => ({ id, x: TIME_COLUMN + SIDE_MARGIN + i * gap }));
  const last = lanes[lanes.length - 1]?.x ?? TIME_COLUMN;
  return { lanes, width: last + SIDE_MARGIN };
}

/** The arrowhead at (x, y) for a shaft coming from (fromX, fromY). */
export function arrowHead(fromX: number, fromY: number, x: number, y: number): string {
  const dx = x - fromX;
  const dy = y - fromY;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x - ux * ARROW_HEAD_LENGTH;
  const by = y - uy * ARROW_HEAD_LENGTH;
  const px = -uy * ARROW_HEAD_HALF_WIDTH;
  const py = ux * ARROW_HEAD_HALF_WIDTH;
  return [
    [x, y],
    [bx + px, by + py],
    [bx - px, by - py],
  ]
    .map(([a, b]) => `${round(a ?? 0)},${round(b ?? 0)}`)
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function cross(x: number, y: number): [Segment, Segment] {
  return [
    { x1: x - CROSS_HALF, y1: y - CROSS_HALF, x2: x + CROSS_HALF, y2: y + CROSS_HALF },
    { x1: x - CROSS_HALF, y1: y + CROSS_HALF, x2: x + CROSS_HALF, y2: y - CROSS_HALF },
  ];
}

/** Where a lifeline's note text goes: inwards from the outermost lanes, to the right of the others. */
function noteAnchor(laneIndex: number, laneCount: number): { dx: number; anchor: TextAnchor } {
  if (laneIndex === laneCount - 1 && laneCount > 1) return { dx: -NOTE_OFFSET, anchor: 'end' };
  return { dx: NOTE_OFFSET, anchor: 'start' };
}

/** The lifeline a step that is not a packet belongs to; none for transfer and session outcomes. */
export function noteLane(e: StepEvent): DeviceId | undefined {
  return isPacketEvent(e) ? undefined : devicesOf(e)[0];
}

/** The whole diagram. Rows follow the event order, so a 60 s wait takes no more room than 60 µs. */
export function ladderLayout(events: readonly StepEvent[]): LadderLayout {
  const { lanes, width } = placeLanes(laneIds(events));
  const xOf = new Map(lanes.map((l) => [l.id, l.x] as const));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i] as const));
  const first = lanes[0]?.x ?? 0;
  const last = lanes[lanes.length - 1]?.x ?? 0;
  const rows: LadderRow[] = [];
  let y = TOP_PADDING;
  let previousAt: number | undefined;

  for (const e of events) {
    let gap: LadderRow['gap'];
    if (previousAt !== undefined && e.at - previousAt > GAP_THRESHOLD_MICROS) {
      gap = { y: y + GAP_ROW - 6, seconds: (e.at - previousAt) / 1_000_000 };
      y += GAP_ROW;
    }
    previousAt = e.at;
    const top = y;

    if (isPacketEvent(e)) {
      const route = packetRoute(e.packet);
      const from = e.packet.from;
      const to = route.stopsAt;
      const x1 = xOf.get(from) ?? first;
      const x2 = xOf.get(to) ?? last;
      const dir = x2 >= x1 ? 1 : -1;
      const end = e.packet.fate.kind;
      const height = end === 'delivered' ? ARROW_ROW : DROP_ROW;
      const y1 = top + 18;
      const y2 = y1 + ARROW_SLANT;
      const shape: ArrowShape = {
        kind: 'arrow',
        conn: connLabel(e.packet.conn).kind === 'data' ? 'data' : 'control',
        from,
        to,
        end,
        x1,
        y1,
        x2,
        y2,
        head: end === 'dropped' ? undefined : arrowHead(x1, y1, x2, y2),
        cross: end === 'dropped' ? cross(x2, y2) : undefined,
        label: { x: (x1 + x2) / 2, y: y1 - 6, anchor: 'middle' },
        endNote:
          end === 'delivered'
            ? undefined
            : { x: x2 - dir * 4, y: y2 + 20, anchor: dir > 0 ? 'end' : 'start' },
      };
      rows.push({ index: e.index, top, height, timeY: y1 + 4, gap, shape });
      y += height;
    } else {
      const lane = noteLane(e);
      const x = lane === undefined ? undefined : xOf.get(lane);
      const mid = top + NOTE_ROW / 2;
      let shape: NoteShape;
      if (lane === undefined || x === undefined) {
        const cx = (first + last) / 2;
        shape = {
          kind: 'note',
          lane: undefined,
          marker: { x: cx, y: mid },
          text: { x: cx, y: mid + 4, anchor: 'middle' },
        };
      } else {
        const { dx, anchor } = noteAnchor(laneIndex.get(lane) ?? 0, lanes.length);
        shape = { kind: 'note', lane, marker: { x, y: mid }, text: { x: x + dx, y: mid + 4, anchor } };
      }
      rows.push({ index: e.index, top, height: NOTE_ROW, timeY: mid + 4, gap, shape });
      y += NOTE_ROW;
    }
  }
  return { width, height: y + BOTTOM_PADDING, lanes, rows };
}

/** The header above the diagram: the legend, wrapped onto as many lines as needed, then the lane titles. */
export const LEGEND_LINE = 22;
export const LEGEND_SAMPLE = 34;
const LEGEND_TOP = 20;
const LEGEND_GAP = 24;
/** Rough width of a character at the legend's size (no text is measured: this only spaces the items). */
const LEGEND_CHAR = 7;

export interface LegendItem {
  /** Left end of the sample (line, cross or dot). */
  readonly x: number;
  /** Baseline of the words. */
  readonly y: number;
  /** Where the words start. */
  readonly textX: number;
}

export interface HeaderLayout {
  readonly legend: readonly LegendItem[];
  /** Baseline of the lane titles. */
  readonly titleY: number;
  readonly height: number;
}

export function headerLayout(labels: readonly string[], width: number): HeaderLayout {
  const left = 12;
  const right = width - 12;
  const legend: LegendItem[] = [];
  let x = left;
  let y = LEGEND_TOP;
  for (const label of labels) {
    const w = LEGEND_SAMPLE + 6 + label.length * LEGEND_CHAR;
    if (x > left && x + w > right) {
      x = left;
      y += LEGEND_LINE;
    }
    legend.push({ x, y, textX: x + LEGEND_SAMPLE + 6 });
    x += w + LEGEND_GAP;
  }
  const titleY = y + 32;
  return { legend, titleY, height: titleY + 12 };
}

/**
 * How far to scroll a box so that an item inside it is visible with `margin` to spare; 0 when it already is.
 * `top`/`bottom` in the same coordinates (e.g. client rects); `reserved` is what covers the box's top edge
 * (a sticky header).
 */
export function scrollDelta(
  box: { readonly top: number; readonly bottom: number },
  item: { readonly top: number; readonly bottom: number },
  margin: number,
  reserved = 0,
): number {
  const viewTop = box.top + reserved;
  const room = box.bottom - viewTop;
  const m = Math.max(0, Math.min(margin, (room - (item.bottom - item.top)) / 2));
  if (item.top < viewTop + m) return item.top - viewTop - m;
  if (item.bottom > box.bottom - m) return item.bottom - box.bottom + m;
  return 0;
}
