/**
 * Geometry of the sequence (ladder) diagram: where the lifelines stand, where each step's row sits and
 * where its arrow or note goes. Pure: events in, coordinates out (SVG user units, roughly CSS pixels).
 * No text is measured here; the component supplies the words.
 */
import { DEVICE_PATH, isPacketEvent, packetRoute, type DeviceId, type StepEvent } from '../../engine';
import { connLabel } from '../../store/selectors';
import { FONT_SIZE } from './theme';

/** Font sizes of the drawing (user units). */
export interface LadderFonts {
  /** Arrow labels and session-level notes. */
  readonly label: number;
  /** Notes on a lifeline, and the rule under a dropped packet's cross. */
  readonly note: number;
  /** The time column, and the waits marked in it. */
  readonly time: number;
  readonly legend: number;
}

/** The horizontal proportions: wide for laptops and projectors, compact for a phone held upright. */
export interface LadderMetrics {
  /** Width of the time column on the left. */
  readonly timeColumn: number;
  /** Room between the outermost lifelines and the edges. */
  readonly sideMargin: number;
  /** Distance between neighbouring lifelines, at least. */
  readonly minLaneGap: number;
  /** Distance between the outermost lifelines when there are only a few (an FTP reply line fits between). */
  readonly span: number;
  /** Font size of the lane titles. */
  readonly titleSize: number;
  readonly font: LadderFonts;
  /** Every row's height and the offsets in it, as a multiple of the desk's (ARROW_ROW, NOTE_ROW, …). */
  readonly rowScale: number;
}

export const WIDE: LadderMetrics = {
  timeColumn: 104,
  sideMargin: 72,
  minLaneGap: 220,
  span: 640,
  titleSize: 15.5,
  font: FONT_SIZE,
  rowScale: 1,
};
export const COMPACT: LadderMetrics = {
  timeColumn: 76,
  sideMargin: 36,
  minLaneGap: 100,
  span: 260,
  titleSize: 13,
  font: FONT_SIZE,
  rowScale: 1,
};
/**
 * A projector's (presentation mode): 1184 units wide whatever the lanes, drawn at least 1:1 (the ladder
 * scrolls sideways rather than shrink), so that no type is under 18 px; rows grow with the type.
 */
export const PROJECTOR: LadderMetrics = {
  timeColumn: 116,
  sideMargin: 64,
  minLaneGap: 220,
  span: 940,
  titleSize: 19.5,
  font: { label: 19, note: 18.5, time: 18, legend: 18 },
  rowScale: 1.35,
};
/** Below this width (CSS px) the ladder switches to the compact proportions. */
export const COMPACT_BELOW = 600;

export const ARROW_ROW = 42;
export const DROP_ROW = 60;
export const NOTE_ROW = 26;
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
  readonly end: 'delivered' | 'dropped' | 'refused' | 'unanswered';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Arrowhead triangle (`x,y x,y x,y`), absent for a dropped packet (it ends in a cross). */
  readonly head?: string;
  /** The ✗ of a dropped packet: two strokes. */
  readonly cross?: readonly [Segment, Segment];
  readonly label: Point & { readonly anchor: TextAnchor };
  /** Horizontal room for the label: the whole width for a short hop, the arrow's span otherwise. */
  readonly labelRoom: number;
  /** Where the dropping rule (or "refused") is written: under the arrow's end, towards the sender. */
  readonly endNote?: Point & { readonly anchor: TextAnchor };
  readonly endNoteRoom: number;
}

export interface NoteShape {
  readonly kind: 'note';
  /** The lifeline it belongs to; none for session-level steps (transfer and session outcomes). */
  readonly lane: DeviceId | undefined;
  /** Marker on the lifeline. */
  readonly marker: Point;
  readonly text: Point & { readonly anchor: TextAnchor };
  /** Horizontal room for the words, from the anchor to the edge they run towards. */
  readonly textRoom: number;
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
  /** Width of the time column (the times are right-aligned against it). */
  readonly timeColumn: number;
  readonly titleSize: number;
  readonly font: LadderFonts;
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
    case 'conntrack/helper-blind':
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

export function laneGap(laneCount: number, metrics: LadderMetrics = WIDE): number {
  return laneCount <= 1 ? 0 : Math.max(metrics.minLaneGap, metrics.span / (laneCount - 1));
}

export function placeLanes(
  ids: readonly DeviceId[],
  metrics: LadderMetrics = WIDE,
): { lanes: Lane[]; width: number } {
  const gap = laneGap(ids.length, metrics);
  const left = metrics.timeColumn + metrics.sideMargin;
  const lanes = ids.map((id, i) => ({ id, x: left + i * gap }));
  const last = lanes[lanes.length - 1]?.x ?? left;
  return { lanes, width: last + metrics.sideMargin };
}

/** Rough width of a character, in ems, for fitting text (no text is measured: this errs on the wide side). */
const CHAR_EM = 0.62;

/** Room for a lifeline's title: up to halfway to its neighbours (the time column and the edges outside). */
export function laneTitleRoom(
  layout: Pick<LadderLayout, 'lanes' | 'width' | 'timeColumn'>,
  i: number,
): number {
  const lane = layout.lanes[i];
  if (!lane) return 0;
  const prev = layout.lanes[i - 1];
  const next = layout.lanes[i + 1];
  const left = prev ? (prev.x + lane.x) / 2 : layout.timeColumn;
  const right = next ? (lane.x + next.x) / 2 : layout.width;
  return 2 * Math.min(lane.x - left, right - lane.x) - 4;
}

/** Words onto at most `maxLines` lines of `room` units; the last line is cut with an ellipsis if need be. */
export function wrapText(text: string, room: number, fontSize: number, maxLines = 2): string[] {
  const max = Math.max(4, Math.floor(room / (fontSize * CHAR_EM)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= max || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => fitText(l, room, fontSize));
  const kept = lines.slice(0, maxLines - 1);
  kept.push(fitText(lines.slice(maxLines - 1).join(' '), room, fontSize));
  return kept;
}

/** The text, cut with an ellipsis if it would not fit in `room` units at `fontSize`. */
export function fitText(text: string, room: number, fontSize: number): string {
  const max = Math.max(4, Math.floor(room / (fontSize * CHAR_EM)));
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
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

/** Space kept free at the edges of the drawing. */
const EDGE = 8;

/** Room for text anchored at a point: up to the edge it runs towards (the time column on the left). */
function roomFrom(at: Point & { readonly anchor: TextAnchor }, left: number, right: number): number {
  if (at.anchor === 'start') return right - at.x - EDGE;
  if (at.anchor === 'end') return at.x - left - EDGE;
  return 2 * Math.min(at.x - left, right - at.x) - EDGE;
}

/**
 * Where a lifeline's note goes: beside the outermost lifelines, running inwards; centred on a middle one
 * (a router), where it has room on both sides for a NAT rewrite.
 */
function noteAnchor(laneIndex: number, laneCount: number): { dx: number; anchor: TextAnchor } {
  if (laneIndex === 0 || laneCount < 2) return { dx: NOTE_OFFSET, anchor: 'start' };
  if (laneIndex === laneCount - 1) return { dx: -NOTE_OFFSET, anchor: 'end' };
  return { dx: 0, anchor: 'middle' };
}

/** The lifeline a step that is not a packet belongs to; none for transfer and session outcomes. */
export function noteLane(e: StepEvent): DeviceId | undefined {
  return isPacketEvent(e) ? undefined : devicesOf(e)[0];
}

/** The whole diagram. Rows follow the event order, so a 60 s wait takes no more room than 60 µs. */
export function ladderLayout(events: readonly StepEvent[], metrics: LadderMetrics = WIDE): LadderLayout {
  const { lanes, width } = placeLanes(laneIds(events), metrics);
  const xOf = new Map(lanes.map((l) => [l.id, l.x] as const));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i] as const));
  const first = lanes[0]?.x ?? 0;
  const last = lanes[lanes.length - 1]?.x ?? 0;
  const rows: LadderRow[] = [];
  // The desk's rows, or taller ones for larger type.
  const k = (n: number) => n * metrics.rowScale;
  let y = k(TOP_PADDING);
  let previousAt: number | undefined;

  for (const e of events) {
    let gap: LadderRow['gap'];
    if (previousAt !== undefined && e.at - previousAt > GAP_THRESHOLD_MICROS) {
      gap = { y: y + k(GAP_ROW - 6), seconds: (e.at - previousAt) / 1_000_000 };
      y += k(GAP_ROW);
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
      const height = k(end === 'delivered' ? ARROW_ROW : DROP_ROW);
      const y1 = top + k(22);
      const y2 = y1 + k(ARROW_SLANT);
      const mid = (x1 + x2) / 2;
      const endNote: ArrowShape['label'] = {
        x: x2 - dir * 4,
        y: y2 + k(21),
        anchor: dir > 0 ? 'end' : 'start',
      };
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
        label: { x: mid, y: y1 - k(6), anchor: 'middle' },
        labelRoom: 2 * Math.min(mid - metrics.timeColumn, width - mid) - EDGE,
        endNote: end === 'delivered' ? undefined : endNote,
        endNoteRoom: end === 'delivered' ? 0 : roomFrom(endNote, metrics.timeColumn, width),
      };
      rows.push({ index: e.index, top, height, timeY: y1 + k(4), gap, shape });
      y += height;
    } else {
      const lane = noteLane(e);
      const x = lane === undefined ? undefined : xOf.get(lane);
      const mid = top + k(NOTE_ROW) / 2;
      let shape: NoteShape;
      if (lane === undefined || x === undefined) {
        const cx = (first + last) / 2;
        shape = {
          kind: 'note',
          lane: undefined,
          marker: { x: cx, y: mid },
          text: { x: cx, y: mid + k(4), anchor: 'middle' },
          textRoom: width - metrics.timeColumn - EDGE,
        };
      } else {
        const { dx, anchor } = noteAnchor(laneIndex.get(lane) ?? 0, lanes.length);
        const text = { x: x + dx, y: mid + k(4), anchor };
        shape = {
          kind: 'note',
          lane,
          marker: { x, y: mid },
          text,
          textRoom: roomFrom(text, metrics.timeColumn, width),
        };
      }
      rows.push({ index: e.index, top, height: k(NOTE_ROW), timeY: mid + k(4), gap, shape });
      y += k(NOTE_ROW);
    }
  }
  return {
    width,
    timeColumn: metrics.timeColumn,
    titleSize: metrics.titleSize,
    font: metrics.font,
    height: y + k(BOTTOM_PADDING),
    lanes,
    rows,
  };
}

/** The header above the diagram: the legend, wrapped onto as many lines as needed, then the lane titles. */
export const LEGEND_LINE = 24;
export const LEGEND_SAMPLE = 34;
const LEGEND_TOP = 20;
const LEGEND_GAP = 24;
/** Rough width of a character, in ems, at the legend's size (no text is measured: this only spaces the items). */
const LEGEND_CHAR_EM = 0.6;

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
  /** Baseline of the lane titles' first line. */
  readonly titleY: number;
  /** Where the lifelines start, under the titles. */
  readonly lifelineTop: number;
  readonly height: number;
  /** From one line of a lane title to the next. */
  readonly titleLine: number;
}

export const TITLE_LINE = 18;

/**
 * `titleLines`: how many lines the longest lane title takes (see `wrapText`). `metrics`: the ladder's
 * (its legend's type size and its rows' scale).
 */
export function headerLayout(
  labels: readonly string[],
  width: number,
  titleLines = 1,
  metrics: LadderMetrics = WIDE,
): HeaderLayout {
  const k = (n: number) => n * metrics.rowScale;
  const left = 12;
  const right = width - 12;
  const legend: LegendItem[] = [];
  let x = left;
  let y = k(LEGEND_TOP);
  for (const label of labels) {
    const w = LEGEND_SAMPLE + 6 + label.length * metrics.font.legend * LEGEND_CHAR_EM;
    if (x > left && x + w > right) {
      x = left;
      y += k(LEGEND_LINE);
    }
    legend.push({ x, y, textX: x + LEGEND_SAMPLE + 6 });
    x += w + LEGEND_GAP;
  }
  const titleY = y + k(34);
  const titleLine = k(TITLE_LINE);
  const lastTitle = titleY + (Math.max(1, titleLines) - 1) * titleLine;
  return { legend, titleY, lifelineTop: lastTitle + k(6), height: lastTitle + k(12), titleLine };
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
