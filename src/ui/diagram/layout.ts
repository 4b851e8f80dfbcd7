import { DEVICE_PATH, type DeviceId } from '../../engine';

/**
 * The network diagram's geometry, in SVG user units (the viewBox). Pure: no React, no DOM, no store.
 *
 * Two orientations: `horizontal` for laptops and projectors (the five boxes left to right, as textbooks
 * draw the path) and `vertical` for a phone held upright (the same boxes top to bottom). Packets travel
 * along one straight lane that crosses every box; their labels ride beside the lane.
 */
export type Orientation = 'horizontal' | 'vertical';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type BoxKind = 'host' | 'router' | 'cloud';

export interface Box extends Rect {
  readonly id: DeviceId;
  readonly kind: BoxKind;
}

export interface Link {
  readonly from: DeviceId;
  readonly to: DeviceId;
  readonly start: Point;
  readonly end: Point;
}

export interface DiagramLayout {
  readonly orientation: Orientation;
  readonly width: number;
  readonly height: number;
  /** The boxes in path order, client first. */
  readonly boxes: readonly Box[];
  readonly links: readonly Link[];
  /**
   * The packet label's box: its size (the widest it may be), and where it sits relative to the packet
   * marker.
   */
  readonly label: { readonly width: number; readonly height: number };
  /** How many socket rows a host box has room for. */
  readonly socketRows: number;
  /** How many badge rows (firewall, FTP helper) the host boxes keep between their header and sockets. */
  readonly badgeRows: number;
  /** The type sizes and the spacing that goes with them. */
  readonly type: DiagramType;
}

/**
 * Type sizes and the spacing that follows from them, in user units: the drawing, the text-width
 * estimates and diagram.css (through CSS custom properties set on the SVG) all read them from here.
 */
export interface DiagramType {
  readonly font: {
    /** A host's name, a router's, the Internet's. */
    readonly name: number;
    readonly routerName: number;
    readonly cloudName: number;
    /** A host's address, a router's two addresses. */
    readonly addr: number;
    readonly routerAddr: number;
    /** Firewall and FTP helper badges. */
    readonly badge: number;
    /** A socket row: its state, its connection, its addresses; and "no sockets" / "+2 more". */
    readonly socketState: number;
    readonly socketConn: number;
    readonly socketAddr: number;
    readonly socketNote: number;
    /** The packet's label (monospace) and the connection tag beside it. */
    readonly label: number;
    readonly tag: number;
    /** Notes under the routers. */
    readonly note: number;
  };
  /** Font weights that differ between sizes: bold where there is room for it. */
  readonly weight: { readonly badge: number; readonly socketConn: number };
  /** How far a badge's or a socket address's type may shrink to fit its box (0: as far as it takes). */
  readonly minFont: number;
  /** Inside a host box: header (name, address), badge rows, then one row per socket. */
  readonly host: {
    readonly headerHeight: number;
    readonly badgeHeight: number;
    readonly socketRowHeight: number;
    readonly padding: number;
    /** Baselines of the name and the address, from the box's top. */
    readonly nameY: number;
    readonly addrY: number;
  };
  /** Inside a socket row: baselines of the state line and the address line, and of a lone line of words. */
  readonly socket: { readonly stateY: number; readonly addrY: number; readonly noteY: number };
  /** Inside a router box: baselines of the name and the first address, and the step between addresses. */
  readonly router: { readonly nameY: number; readonly addrY: number; readonly addrStep: number };
  /**
   * The packet's label: padding, line height, how many lines, and whether the connection tag sits on
   * the label's top edge (`above`) or on its line, before the words (`inline`, one line only).
   */
  readonly label: {
    readonly pad: number;
    readonly lineHeight: number;
    readonly maxLines: number;
    readonly tag: 'above' | 'inline';
  };
  readonly note: {
    readonly pad: number;
    readonly iconSpace: number;
    readonly lineHeight: number;
    /** Notes in the horizontal layout stay narrow enough to sit under the device they are about. */
    readonly maxWidth: number;
    /** How much wider the bold titles run than the plain estimate: when wrapping them, and in the note's width. */
    readonly titleWider: { readonly wrap: number; readonly width: number };
  };
}

/** The desk's sizes: a laptop or a phone, read from arm's length. */
export const DESK_TYPE: DiagramType = {
  font: {
    name: 19,
    routerName: 15,
    cloudName: 16,
    addr: 15,
    routerAddr: 13.5,
    badge: 13.5,
    socketState: 14,
    socketConn: 12.5,
    socketAddr: 14.5,
    socketNote: 13.5,
    label: 15,
    tag: 12.5,
    note: 14,
  },
  weight: { badge: 600, socketConn: 600 },
  minFont: 0,
  host: { headerHeight: 56, badgeHeight: 26, socketRowHeight: 40, padding: 6, nameY: 25, addrY: 47 },
  socket: { stateY: 15, addrY: 31, noteY: 24 },
  router: { nameY: 24, addrY: 50, addrStep: 19 },
  label: { pad: 12, lineHeight: 19, maxLines: 2, tag: 'above' },
  note: { pad: 10, iconSpace: 24, lineHeight: 19, maxWidth: 440, titleWider: { wrap: 1, width: 1.08 } },
};

/**
 * A projector's sizes (presentation mode): the horizontal layout is drawn about 1:1 on a 1280-pixel-wide
 * screen, so no type is under 18 px there. Lines sit at least 1.2 em apart, so that no two lines' glyph
 * boxes touch; badges and socket connections are set in regular weight to fit.
 */
export const PROJECTOR_TYPE: DiagramType = {
  font: {
    name: 22,
    routerName: 19,
    cloudName: 19,
    addr: 18.5,
    routerAddr: 18,
    badge: 18,
    socketState: 18,
    socketConn: 18,
    socketAddr: 18,
    socketNote: 18,
    label: 19,
    tag: 18,
    note: 18,
  },
  weight: { badge: 400, socketConn: 400 },
  minFont: 18,
  host: { headerHeight: 58, badgeHeight: 28, socketRowHeight: 48, padding: 6, nameY: 26, addrY: 50 },
  socket: { stateY: 17, addrY: 38.5, noteY: 27 },
  router: { nameY: 25, addrY: 60, addrStep: 24 },
  label: { pad: 6, lineHeight: 24, maxLines: 1, tag: 'inline' },
  note: { pad: 8, iconSpace: 26, lineHeight: 23, maxWidth: 440, titleWider: { wrap: 1.15, width: 1.15 } },
};

/** Side of the square (control) or diamond (data) packet marker. */
export const MARKER_SIZE = 20;

const SOCKET_ROWS = 4;

function hostHeight(type: DiagramType, badgeRows: number, socketRows = SOCKET_ROWS): number {
  const { host } = type;
  return (
    host.headerHeight + badgeRows * host.badgeHeight + socketRows * host.socketRowHeight + 2 * host.padding
  );
}

/** The lane runs through the hosts' headers: this far below the boxes' top line. */
const LANE_OFFSET = 34;
/** The lane runs down the middle of the routers and the cloud in the vertical layout. */
const VERTICAL_LANE_OFFSET = 75;
export const ROUTER_HEIGHT = 112;
const CLOUD_HEIGHT = 80;

const KIND: Readonly<Record<DeviceId, BoxKind>> = {
  client: 'host',
  'client-router': 'router',
  internet: 'cloud',
  'server-router': 'router',
  server: 'host',
};

function link(boxes: readonly Box[], orientation: Orientation, i: number): Link {
  const a = boxes[i] as Box;
  const b = boxes[i + 1] as Box;
  const lane = laneOf(orientation, boxes);
  return orientation === 'horizontal'
    ? { from: a.id, to: b.id, start: { x: a.x + a.width, y: lane }, end: { x: b.x, y: lane } }
    : { from: a.id, to: b.id, start: { x: lane, y: a.y + a.height }, end: { x: lane, y: b.y } };
}

/** The lane's coordinate: a y in the horizontal layout, an x in the vertical one. */
function laneOf(orientation: Orientation, boxes: readonly Box[]): number {
  const first = boxes[0] as Box;
  return orientation === 'horizontal' ? first.y + LANE_OFFSET : first.x + VERTICAL_LANE_OFFSET;
}

/** Where the moving label rides above the boxes in the horizontal layout. */
const LABEL_BAND = 88;
/** Room under the routers for the notes (the tallest note: a title and three lines). */
const NOTES_BAND = 106;
/** Between the routers (and the cloud) and the notes under them. */
const NOTES_GAP = 20;
/** Between the label's box and the boxes under it, for the leader line down to the marker. */
const LABEL_GAP = 14;

/** The horizontal picture's proportions: the desk's, and the projector's (see PROJECTOR_TYPE). */
interface HorizontalMetrics {
  readonly type: DiagramType;
  readonly width: number;
  /** Around the picture's edges. */
  readonly margin: number;
  /** The label band's height: the boxes' top line. */
  readonly top: number;
  readonly widths: Readonly<Record<BoxKind, number>>;
  readonly routerHeight: number;
  /** Under the routers: the gap and the notes band (room for a note of a title and three lines). */
  readonly notesBand: number;
  /** The picture's greatest height: the hosts keep as many socket rows (up to four) as fit in it. */
  readonly maxHeight?: number;
  readonly label: { readonly width: number; readonly height: number };
}

const DESK: HorizontalMetrics = {
  type: DESK_TYPE,
  width: 1040,
  margin: 10,
  top: LABEL_BAND,
  widths: { host: 236, router: 146, cloud: 120 },
  routerHeight: ROUTER_HEIGHT,
  notesBand: NOTES_BAND,
  label: { width: 262, height: 50 },
};

/**
 * 1210 units across: on a 1280 × 720 projector the picture is drawn a little over 1:1 (it gets about
 * 1230 px), and at most 344 units high, so that the narration and the player still fit under it. The
 * hosts are wide enough for the longest socket address (`:56013 → 203.0.113.2:40007`) and firewall badge
 * at 18 px; the label is one line, as wide as the picture allows; the hosts keep as many socket rows as
 * fit (four, or three with two badges).
 */
const PROJECTOR: HorizontalMetrics = {
  type: PROJECTOR_TYPE,
  width: 1210,
  margin: 6,
  top: 48,
  widths: { host: 300, router: 182, cloud: 120 },
  routerHeight: 124,
  notesBand: NOTES_GAP + 2 * PROJECTOR_TYPE.note.pad + 4 * PROJECTOR_TYPE.note.lineHeight,
  maxHeight: 344,
  label: { width: 1000, height: 36 },
};

/**
 * A projector's proportions with the hosts one or two socket rows shorter (at most 296 units high), for a
 * view that shows two diagrams side by side with their narrations under them on a 1280×720 screen.
 */
const SHORT_PROJECTOR: HorizontalMetrics = { ...PROJECTOR, maxHeight: 296 };

function horizontal(badgeRows: number, metrics: HorizontalMetrics): DiagramLayout {
  const { width, margin, top, widths, routerHeight, notesBand, maxHeight, type } = metrics;
  // Four socket rows, or as many as fit under the greatest height.
  const socketRows =
    maxHeight === undefined
      ? SOCKET_ROWS
      : Math.min(
          SOCKET_ROWS,
          Math.floor((maxHeight - margin - top - hostHeight(type, badgeRows, 0)) / type.host.socketRowHeight),
        );
  const host = hostHeight(type, badgeRows, socketRows);
  const heights: Record<BoxKind, number> = { host, router: routerHeight, cloud: CLOUD_HEIGHT };
  const used = DEVICE_PATH.reduce((sum, id) => sum + widths[KIND[id]], 0);
  const gap = (width - 2 * margin - used) / (DEVICE_PATH.length - 1);
  let x = margin;
  const boxes = DEVICE_PATH.map((id) => {
    const kind = KIND[id];
    // The cloud is centred on the lane; hosts and routers hang from the top line.
    const y = kind === 'cloud' ? top + LANE_OFFSET - CLOUD_HEIGHT / 2 : top;
    const box: Box = { id, kind, x, y, width: widths[kind], height: heights[kind] };
    x += widths[kind] + gap;
    return box;
  });
  return {
    orientation: 'horizontal',
    width,
    height: Math.min(maxHeight ?? Infinity, top + Math.max(host, routerHeight + notesBand) + margin),
    boxes,
    links: boxes.slice(0, -1).map((_, i) => link(boxes, 'horizontal', i)),
    label: metrics.label,
    socketRows,
    badgeRows,
    type,
  };
}

function vertical(badgeRows: number): DiagramLayout {
  const width = 400;
  const margin = 10;
  const gap = 60;
  const heights: Record<BoxKind, number> = {
    host: hostHeight(DESK_TYPE, badgeRows),
    router: ROUTER_HEIGHT,
    cloud: CLOUD_HEIGHT,
  };
  const widths: Record<BoxKind, number> = { host: width - 2 * margin, router: 150, cloud: 150 };
  let y = margin;
  const boxes = DEVICE_PATH.map((id) => {
    const kind = KIND[id];
    const box: Box = { id, kind, x: margin, y, width: widths[kind], height: heights[kind] };
    y += heights[kind] + gap;
    return box;
  });
  return {
    orientation: 'vertical',
    width,
    height: y - gap + margin,
    boxes,
    links: boxes.slice(0, -1).map((_, i) => link(boxes, 'vertical', i)),
    label: { width: 262, height: 50 },
    socketRows: SOCKET_ROWS,
    badgeRows,
    type: DESK_TYPE,
  };
}

const LAYOUTS = new Map<string, DiagramLayout>();

/**
 * The layout for an orientation, with room for `badgeRows` badges (0 to 2) on the hosts: no more height
 * than the scenario needs. `presenting` (presentation mode) gives the horizontal layout a projector's
 * type (PROJECTOR_TYPE); the vertical one stays as it is; `short` keeps a projector's picture lower
 * (SHORT_PROJECTOR). Computed once per combination; the same object every time.
 */
export function diagramLayout(
  orientation: Orientation,
  badgeRows = 2,
  presenting = false,
  short = false,
): DiagramLayout {
  const rows = Math.min(2, Math.max(0, Math.trunc(badgeRows)));
  const projector = presenting && orientation === 'horizontal';
  const key = `${orientation} ${rows}${projector ? ' projector' : ''}${projector && short ? ' short' : ''}`;
  let layout = LAYOUTS.get(key);
  if (!layout) {
    const metrics = projector ? (short ? SHORT_PROJECTOR : PROJECTOR) : DESK;
    layout = orientation === 'horizontal' ? horizontal(rows, metrics) : vertical(rows);
    LAYOUTS.set(key, layout);
  }
  return layout;
}

/** The least room between two boxes once they have widened for their words: a link and a packet in it. */
const MIN_GAP = 20;

/**
 * The layout with every box at least as wide as its words need (`need`: user units per device, from the
 * names and addresses it shows, which an IPv6 address makes much longer): the gaps between the boxes give
 * the room first, down to MIN_GAP, and then the picture grows wider (its frame scales or scrolls it). The
 * same layout when every box is wide enough.
 */
export function fitBoxes(layout: DiagramLayout, need: Partial<Record<DeviceId, number>>): DiagramLayout {
  const widths = layout.boxes.map((b) => Math.max(b.width, Math.ceil(need[b.id] ?? 0)));
  if (widths.every((w, i) => w === layout.boxes[i]?.width)) return layout;
  const first = layout.boxes[0] as Box;
  const margin = first.x;
  if (layout.orientation === 'vertical') {
    const boxes = layout.boxes.map((b, i) => ({ ...b, width: widths[i] ?? b.width }));
    return {
      ...layout,
      width: Math.max(layout.width, 2 * margin + Math.max(...widths)),
      boxes,
      links: boxes.slice(0, -1).map((_, i) => link(boxes, 'vertical', i)),
    };
  }
  const gaps = layout.boxes.length - 1;
  const used = widths.reduce((a, b) => a + b, 0);
  const gap = Math.max(MIN_GAP, (layout.width - 2 * margin - used) / gaps);
  let x = margin;
  const boxes = layout.boxes.map((b, i) => {
    const width = widths[i] ?? b.width;
    const box: Box = { ...b, x, width };
    x += width + gap;
    return box;
  });
  return {
    ...layout,
    width: Math.max(layout.width, 2 * margin + used + gaps * gap),
    boxes,
    links: boxes.slice(0, -1).map((_, i) => link(boxes, 'horizontal', i)),
  };
}

export function boxOf(layout: DiagramLayout, id: DeviceId): Box {
  const box = layout.boxes.find((b) => b.id === id);
  if (!box) throw new Error(`No box for ${id}`);
  return box;
}

/** The middle of a device's box. */
export function boxCentre(layout: DiagramLayout, id: DeviceId): Point {
  const box = boxOf(layout, id);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The lane position (y when horizontal, x when vertical). */
export function lane(layout: DiagramLayout): number {
  return laneOf(layout.orientation, layout.boxes);
}

/** +1 when the path runs client → server (left to right, top to bottom), −1 the other way. */
export function direction(path: readonly DeviceId[]): 1 | -1 {
  if (path.length < 2) return 1;
  return DEVICE_PATH.indexOf(path[0] as DeviceId) < DEVICE_PATH.indexOf(path[1] as DeviceId) ? 1 : -1;
}

/** Where the lane meets a box's side: the side facing the client (`dir` +1 enters there) or the server. */
function edge(layout: DiagramLayout, box: Box, side: 'client' | 'server'): Point {
  const l = lane(layout);
  if (layout.orientation === 'horizontal') return { x: side === 'client' ? box.x : box.x + box.width, y: l };
  return { x: l, y: side === 'client' ? box.y : box.y + box.height };
}

/** Moves a point along the lane by `d` units (positive towards the server). */
function shift(layout: DiagramLayout, p: Point, d: number): Point {
  return layout.orientation === 'horizontal' ? { x: p.x + d, y: p.y } : { x: p.x, y: p.y + d };
}

/**
 * The point where a packet travelling along `path` reaches `device`: just outside the box, on the side
 * it comes from, so the marker stays visible beside the box that stops it.
 */
export function arrivalPoint(layout: DiagramLayout, path: readonly DeviceId[], device: DeviceId): Point {
  const dir = direction(path);
  const box = boxOf(layout, device);
  return shift(layout, edge(layout, box, dir === 1 ? 'client' : 'server'), -dir * (MARKER_SIZE / 2 + 4));
}

/** Where a packet leaves its sender: just outside the sender's box, on the side it is headed. */
export function departurePoint(layout: DiagramLayout, path: readonly DeviceId[]): Point {
  const dir = direction(path);
  const box = boxOf(layout, path[0] as DeviceId);
  return shift(layout, edge(layout, box, dir === 1 ? 'server' : 'client'), dir * (MARKER_SIZE / 2 + 4));
}

/**
 * The polyline a packet follows: from its sender to the device where it stops (`stopsAt` must be on
 * `path`). Every device it crosses on the way adds a point, so the animation's timing is per link.
 */
export function routePoints(layout: DiagramLayout, path: readonly DeviceId[], stopsAt: DeviceId): Point[] {
  const end = path.indexOf(stopsAt);
  if (end < 0) throw new Error(`${stopsAt} is not on the path ${path.join(' > ')}`);
  if (end === 0) return [departurePoint(layout, path)];
  const points = [departurePoint(layout, path)];
  for (const id of path.slice(1, end)) {
    const box = boxOf(layout, id);
    points.push(
      layout.orientation === 'horizontal'
        ? { x: box.x + box.width / 2, y: lane(layout) }
        : { x: lane(layout), y: box.y + box.height / 2 },
    );
  }
  points.push(arrivalPoint(layout, path, stopsAt));
  return points;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** Cumulative length at each point, divided by the total: the keyframe `times` of a route (0 … 1). */
export function routeTimes(points: readonly Point[]): number[] {
  const lengths = [0];
  for (let i = 1; i < points.length; i++)
    lengths.push((lengths[i - 1] as number) + distance(points[i - 1] as Point, points[i] as Point));
  const total = lengths[lengths.length - 1] as number;
  return total === 0 ? lengths.map((_, i) => (i === 0 ? 0 : 1)) : lengths.map((l) => l / total);
}

/** The packet's position after `progress` (0 … 1, clamped) of its route, at constant speed. */
export function pointAlong(points: readonly Point[], progress: number): Point {
  const first = points[0];
  if (!first) throw new Error('empty route');
  const p = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
  const times = routeTimes(points);
  for (let i = 1; i < points.length; i++) {
    const t0 = times[i - 1] as number;
    const t1 = times[i] as number;
    if (p <= t1) {
      const a = points[i - 1] as Point;
      const b = points[i] as Point;
      const f = t1 === t0 ? 1 : (p - t0) / (t1 - t0);
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
  }
  return points[points.length - 1] as Point;
}

/** How far along the route (0 … 1) the packet is when it reaches `device` (1 if it never does). */
export function progressAt(
  layout: DiagramLayout,
  path: readonly DeviceId[],
  stopsAt: DeviceId,
  device: DeviceId,
): number {
  const i = path.indexOf(device);
  const end = path.indexOf(stopsAt);
  if (i <= 0 || i >= end) return i === 0 ? 0 : 1;
  const points = routePoints(layout, path, stopsAt);
  return routeTimes(points)[i] as number;
}

/**
 * Where the packet's label box goes (its top-left corner) when the marker is at `marker`. Horizontal:
 * in the band above the boxes, centred on the marker but kept inside the picture. Vertical: beside the
 * lane, trailing the marker (below it when it moves up), so a stopped packet's label stays in the gap
 * before the box that stopped it.
 */
export function labelPosition(
  layout: DiagramLayout,
  marker: Point,
  dir: 1 | -1,
  width = layout.label.width,
): Point {
  const { height } = layout.label;
  if (layout.orientation === 'horizontal') {
    const x = Math.min(Math.max(4, marker.x - width / 2), layout.width - width - 4);
    return { x, y: Math.max(4, layoutTop(layout) - height - LABEL_GAP) };
  }
  const x = Math.min(lane(layout) + MARKER_SIZE / 2 + 8, layout.width - width - 4);
  const y = dir === 1 ? marker.y - height - MARKER_SIZE / 2 : marker.y + MARKER_SIZE / 2;
  return { x, y: Math.min(Math.max(4, y), layout.height - height - 4) };
}

/** The keyframes of a trip: marker positions, label positions and their common times (all same length). */
export interface TripKeyframes {
  readonly marker: readonly Point[];
  readonly label: readonly Point[];
  readonly times: readonly number[];
}

/** `labelWidth`: the label's own width, when it is centred on the marker rather than its widest box. */
export function tripKeyframes(
  layout: DiagramLayout,
  path: readonly DeviceId[],
  stopsAt: DeviceId,
  labelWidth = layout.label.width,
): TripKeyframes {
  const marker = routePoints(layout, path, stopsAt);
  const dir = direction(path);
  return {
    marker,
    label: marker.map((p) => labelPosition(layout, p, dir, labelWidth)),
    times: routeTimes(marker),
  };
}

/** The boxes' top line (in the horizontal layout, the label band is above it). */
function layoutTop(layout: DiagramLayout): number {
  return Math.min(...layout.boxes.filter((b) => b.kind !== 'cloud').map((b) => b.y));
}

/**
 * Where the notes about a device go (verdicts, NAT rewrites, expectations, drops). Horizontal: the
 * area under the routers and the cloud, between the two hosts, shared by every device. Vertical: beside
 * the device's box when it is narrow; a host's notes go beside its neighbouring router.
 */
export function noteArea(layout: DiagramLayout, device: DeviceId): Rect {
  if (layout.orientation === 'horizontal') {
    const client = boxOf(layout, 'client');
    const server = boxOf(layout, 'server');
    const tallestMiddle = Math.max(
      ...layout.boxes.filter((b) => b.kind !== 'host').map((b) => b.y + b.height),
    );
    const x = client.x + client.width + 8;
    const y = tallestMiddle + NOTES_GAP;
    return { x, y, width: server.x - 8 - x, height: layout.height - 6 - y };
  }
  const beside = device === 'client' ? 'client-router' : device === 'server' ? 'server-router' : device;
  const box = boxOf(layout, beside);
  const x = box.x + box.width + 10;
  return { x, y: box.y, width: layout.width - 6 - x, height: box.height };
}

/** The point on a device a note's connector line points to. */
export function noteAnchor(layout: DiagramLayout, device: DeviceId): Point {
  const box = boxOf(layout, device);
  if (layout.orientation === 'horizontal') {
    if (box.kind !== 'host') return { x: box.x + box.width / 2, y: box.y + box.height };
    const area = noteArea(layout, device);
    return { x: device === 'client' ? box.x + box.width : box.x, y: area.y + 20 };
  }
  if (box.kind !== 'host') return { x: box.x + box.width, y: box.y + box.height / 2 };
  const area = noteArea(layout, device);
  return { x: area.x + area.width / 2, y: device === 'client' ? box.y + box.height : box.y };
}

/** Average character width, in ems: a system sans-serif, and a monospace font (rules, addresses). */
export const CHAR_EM = { sans: 0.56, mono: 0.61 } as const;

/** Rough text width for layout decisions (no DOM to measure). */
export function textWidth(text: string, fontSize: number, font: keyof typeof CHAR_EM = 'sans'): number {
  return text.length * fontSize * CHAR_EM[font];
}

/** How many characters of `fontSize` text fit in `width` units. */
export function charsFitting(width: number, fontSize: number, font: keyof typeof CHAR_EM = 'sans'): number {
  return Math.max(1, Math.floor(width / (fontSize * CHAR_EM[font])));
}

/** The point of a rectangle nearest to `p` (where a connector line from `p` meets it). */
export function nearestPoint(rect: Rect, p: Point): Point {
  return {
    x: Math.min(Math.max(p.x, rect.x), rect.x + rect.width),
    y: Math.min(Math.max(p.y, rect.y), rect.y + rect.height),
  };
}

/**
 * Breaks a line at spaces into at most `maxLines` lines of at most `maxChars` characters; a word longer
 * than a line is cut, after a comma where it has one. What does not fit ends with an ellipsis on the last line.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > maxChars) {
      if (line) {
        lines.push(line);
        line = '';
      }
      // Prefer a break after a comma (`ESTABLISHED,RELATED`, `192,168,1,10,…`) to a cut mid-word.
      const comma = word.lastIndexOf(',', maxChars - 1);
      const cut = comma > 0 ? comma + 1 : maxChars;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] as string;
  kept[maxLines - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1) : last}…`;
  return kept;
}

/**
 * Places notes (each `width` × `height`) in an area, one under the other, each as close as it can be to
 * its anchor's position along the width. Returns the top-left corner of each.
 */
export function stackNotes(
  area: Rect,
  notes: readonly { readonly width: number; readonly height: number; readonly anchorX: number }[],
  gap = 8,
): Point[] {
  let y = area.y;
  return notes.map((n) => {
    const x = Math.min(Math.max(area.x, n.anchorX - n.width / 2), area.x + Math.max(0, area.width - n.width));
    const p = { x, y };
    y += n.height + gap;
    return p;
  });
}

/**
 * Places notes side by side in one row across an area, in the order given (sort them by anchor), each as
 * near its anchor as the others allow. Returns the top-left corner of each. Used where one band under the
 * routers holds the notes of several devices.
 */
export function rowNotes(
  area: Rect,
  notes: readonly { readonly width: number; readonly anchorX: number }[],
  gap = 10,
): Point[] {
  const total = notes.reduce((sum, n) => sum + n.width, 0) + gap * Math.max(0, notes.length - 1);
  const slack = Math.max(0, area.width - total);
  // `x`: the earliest a note may start (after the previous one); `latest`: the last start that still
  // leaves room for the notes after it.
  let x = area.x;
  let before = 0;
  return notes.map((n) => {
    const latest = area.x + slack + before;
    const p = { x: Math.min(Math.max(x, n.anchorX - n.width / 2), latest), y: area.y };
    x = p.x + n.width + gap;
    before += n.width + gap;
    return p;
  });
}
