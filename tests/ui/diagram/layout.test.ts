import { describe, expect, it } from 'vitest';
import { DEVICE_PATH, type DeviceId } from '../../../src/engine';
import {
  DESK_TYPE,
  MARKER_SIZE,
  PROJECTOR_TYPE,
  arrivalPoint,
  boxOf,
  departurePoint,
  diagramLayout,
  direction,
  labelPosition,
  lane,
  nearestPoint,
  rowNotes,
  noteAnchor,
  noteArea,
  pointAlong,
  progressAt,
  routePoints,
  routeTimes,
  stackNotes,
  tripKeyframes,
  wrapText,
  type DiagramLayout,
  type Orientation,
  type Rect,
} from '../../../src/ui/diagram/layout';

/** The element at `i`, which the test knows is there. */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`nothing at ${i}`);
  return item;
}

const ORIENTATIONS: readonly Orientation[] = ['horizontal', 'vertical'];
const TO_SERVER: readonly DeviceId[] = DEVICE_PATH;
const TO_CLIENT: readonly DeviceId[] = [...DEVICE_PATH].reverse();

function inside(layout: DiagramLayout, r: Rect): boolean {
  return r.x >= 0 && r.y >= 0 && r.x + r.width <= layout.width && r.y + r.height <= layout.height;
}

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const LAYOUTS: readonly (readonly [string, DiagramLayout])[] = [
  ...ORIENTATIONS.map((o) => [o, diagramLayout(o)] as const),
  ['projector (presentation mode)', diagramLayout('horizontal', 2, true)],
];

describe.each(LAYOUTS)('the %s layout', (_, layout) => {
  const orientation = layout.orientation;
  const along = (p: { x: number; y: number }) => (orientation === 'horizontal' ? p.x : p.y);

  it('has the five boxes in path order, inside the picture, none overlapping', () => {
    expect(layout.boxes.map((b) => b.id)).toEqual(DEVICE_PATH);
    expect(layout.boxes.map((b) => b.kind)).toEqual(['host', 'router', 'cloud', 'router', 'host']);
    for (const b of layout.boxes) expect(inside(layout, b)).toBe(true);
    for (let i = 1; i < layout.boxes.length; i++) {
      const a = at(layout.boxes, i - 1);
      const b = at(layout.boxes, i);
      expect(overlap(a, b)).toBe(false);
      expect(along(b)).toBeGreaterThan(along(a));
    }
  });

  it('joins neighbouring boxes with links on the lane, edge to edge', () => {
    expect(layout.links.map((l) => [l.from, l.to])).toEqual([
      ['client', 'client-router'],
      ['client-router', 'internet'],
      ['internet', 'server-router'],
      ['server-router', 'server'],
    ]);
    for (const l of layout.links) {
      const a = boxOf(layout, l.from);
      const b = boxOf(layout, l.to);
      if (orientation === 'horizontal') {
        expect([l.start.x, l.end.x]).toEqual([a.x + a.width, b.x]);
        expect([l.start.y, l.end.y]).toEqual([lane(layout), lane(layout)]);
      } else {
        expect([l.start.y, l.end.y]).toEqual([a.y + a.height, b.y]);
        expect([l.start.x, l.end.x]).toEqual([lane(layout), lane(layout)]);
      }
      expect(along(l.end)).toBeGreaterThan(along(l.start));
    }
  });

  it('routes a delivered packet from just outside its sender to just outside its destination, through every box', () => {
    const points = routePoints(layout, TO_SERVER, 'server');
    expect(points).toHaveLength(5);
    const client = boxOf(layout, 'client');
    const server = boxOf(layout, 'server');
    expect(points[0]).toEqual(departurePoint(layout, TO_SERVER));
    expect(points[4]).toEqual(arrivalPoint(layout, TO_SERVER, 'server'));
    expect(along(at(points, 0))).toBeGreaterThan(
      along(client) + (orientation === 'horizontal' ? client.width : client.height),
    );
    expect(along(at(points, 4))).toBeLessThan(along(server));
    const internet = boxOf(layout, 'internet');
    expect(along(at(points, 2))).toBe(
      along(internet) + (orientation === 'horizontal' ? internet.width : internet.height) / 2,
    );
  });

  it('stops a dropped packet beside the device that dropped it, on the side it came from', () => {
    // The server's data SYN dropped by the client's firewall: it ends between the client and its router.
    const atClient = routePoints(layout, TO_CLIENT, 'client');
    const end = at(atClient, atClient.length - 1);
    const client = boxOf(layout, 'client');
    const router = boxOf(layout, 'client-router');
    const clientFar = orientation === 'horizontal' ? client.x + client.width : client.y + client.height;
    expect(along(end)).toBeGreaterThan(clientFar);
    expect(along(end)).toBeLessThan(along(router));

    // A client's SYN dropped on the Internet (a private address): it ends before the cloud.
    const atInternet = routePoints(layout, TO_SERVER, 'internet');
    expect(atInternet).toHaveLength(3);
    expect(along(at(atInternet, 2))).toBeLessThan(along(boxOf(layout, 'internet')));
    expect(() =>
      routePoints(layout, ['server-router', 'internet', 'client-router', 'client'], 'server'),
    ).toThrow();
  });

  it('moves along the route at constant speed, clamped to its ends', () => {
    const points = routePoints(layout, TO_CLIENT, 'client');
    const times = routeTimes(points);
    expect(times[0]).toBe(0);
    expect(times[times.length - 1]).toBe(1);
    for (let i = 1; i < times.length; i++) expect(at(times, i)).toBeGreaterThan(at(times, i - 1));
    expect(pointAlong(points, 0)).toEqual(points[0]);
    expect(pointAlong(points, 1)).toEqual(points[points.length - 1]);
    expect(pointAlong(points, -3)).toEqual(points[0]);
    expect(pointAlong(points, 7)).toEqual(points[points.length - 1]);
    expect(pointAlong(points, Number.NaN)).toEqual(points[0]);
    const mid = pointAlong(points, 0.5);
    expect(along(mid)).toBeCloseTo((along(at(points, 0)) + along(at(points, points.length - 1))) / 2, 6);
    // At each device's time the packet is at that device.
    expect(pointAlong(points, at(times, 2))).toEqual(points[2]);
  });

  it('knows when the packet reaches each device', () => {
    const p = (d: DeviceId) => progressAt(layout, TO_SERVER, 'server', d);
    expect(p('client')).toBe(0);
    expect(p('client-router')).toBeGreaterThan(0);
    expect(p('internet')).toBeGreaterThan(p('client-router'));
    expect(p('server-router')).toBeGreaterThan(p('internet'));
    expect(p('server')).toBe(1);
    // A device past the one that stopped it: it never gets there.
    expect(progressAt(layout, TO_SERVER, 'internet', 'server-router')).toBe(1);
  });

  it('keeps the label inside the picture all along the trip, clear of the boxes when horizontal', () => {
    for (const path of [TO_SERVER, TO_CLIENT]) {
      const trip = tripKeyframes(layout, path, at(path, path.length - 1));
      expect(trip.label).toHaveLength(trip.marker.length);
      expect(trip.times).toHaveLength(trip.marker.length);
      for (const l of trip.label) {
        expect(inside(layout, { ...l, ...layout.label })).toBe(true);
        if (orientation === 'horizontal')
          expect(l.y + layout.label.height).toBeLessThanOrEqual(Math.min(...layout.boxes.map((b) => b.y)));
      }
    }
    // Vertical: the label trails the marker, in the gap before the box that stops it.
    if (orientation === 'vertical') {
      const end = arrivalPoint(layout, TO_CLIENT, 'client');
      expect(labelPosition(layout, end, direction(TO_CLIENT)).y).toBeGreaterThan(end.y);
      const down = arrivalPoint(layout, TO_SERVER, 'server');
      expect(labelPosition(layout, down, 1).y + layout.label.height).toBeLessThan(down.y);
    }
  });

  it('puts notes in areas inside the picture that no box covers, anchored on their device', () => {
    for (const id of DEVICE_PATH) {
      const area = noteArea(layout, id);
      expect(inside(layout, area)).toBe(true);
      expect(area.width).toBeGreaterThan(200);
      for (const b of layout.boxes) expect(overlap(area, b)).toBe(false);
      const anchor = noteAnchor(layout, id);
      expect(inside(layout, { ...anchor, width: 0, height: 0 })).toBe(true);
    }
  });
});

describe('the projector layout (presentation mode)', () => {
  const layouts = [0, 1, 2].map((rows) => diagramLayout('horizontal', rows, true));

  it('sets every text at 18 units or more, in a picture meant to be drawn about 1:1 on a 1280-pixel screen', () => {
    for (const size of Object.values(PROJECTOR_TYPE.font)) expect(size).toBeGreaterThanOrEqual(18);
    for (const layout of layouts) {
      expect(layout.type).toBe(PROJECTOR_TYPE);
      expect(layout.width).toBeLessThanOrEqual(1210);
      expect(layout.height).toBeLessThanOrEqual(344);
    }
  });

  it('keeps lines far enough apart that no two glyph boxes (1.16 em in DejaVu Sans) touch', () => {
    const { font, socket, router, note, host } = PROJECTOR_TYPE;
    const line = (size: number) => size * 1.17;
    expect(socket.addrY - socket.stateY).toBeGreaterThanOrEqual(
      line(Math.max(font.socketState, font.socketAddr)),
    );
    expect(router.addrStep).toBeGreaterThanOrEqual(line(font.routerAddr));
    expect(note.lineHeight).toBeGreaterThanOrEqual(line(font.note));
    expect(host.addrY - host.nameY).toBeGreaterThanOrEqual(line(font.addr));
    expect(socket.addrY + font.socketAddr * 0.24).toBeLessThanOrEqual(host.socketRowHeight - 4);
  });

  it('keeps four socket rows, or three beside two badges, and makes the picture no taller than that', () => {
    expect(layouts.map((l) => l.socketRows)).toEqual([4, 4, 3]);
    for (const layout of layouts) {
      const client = boxOf(layout, 'client');
      expect(client.y + client.height).toBeLessThanOrEqual(layout.height);
      expect(client.height, 'header, badges, rows and padding').toBe(
        PROJECTOR_TYPE.host.headerHeight +
          layout.badgeRows * PROJECTOR_TYPE.host.badgeHeight +
          layout.socketRows * PROJECTOR_TYPE.host.socketRowHeight +
          2 * PROJECTOR_TYPE.host.padding,
      );
    }
    // The band under the routers still holds a note of a title and three lines.
    for (const layout of layouts)
      expect(noteArea(layout, 'internet').height).toBeGreaterThanOrEqual(
        2 * PROJECTOR_TYPE.note.pad + 4 * PROJECTOR_TYPE.note.lineHeight,
      );
  });

  it('leaves room between the boxes for a stopped packet, its ✗ included', () => {
    const layout = diagramLayout('horizontal', 1, true);
    for (let i = 1; i < layout.boxes.length; i++) {
      const a = at(layout.boxes, i - 1);
      const b = at(layout.boxes, i);
      // The ✗ (radius 7.5 × 1.7) is centred where the marker stops, MARKER_SIZE / 2 + 4 from the box.
      expect(b.x - (a.x + a.width)).toBeGreaterThanOrEqual(2 * (MARKER_SIZE / 2 + 4));
    }
  });

  it('centres a label of its own width on the marker, inside the picture', () => {
    const layout = diagramLayout('horizontal', 1, true);
    const trip = tripKeyframes(layout, TO_CLIENT, 'client', 150);
    const end = at(trip.marker, trip.marker.length - 1);
    expect(at(trip.label, trip.label.length - 1)).toEqual({ x: end.x - 75, y: 4 });
    expect(4 + layout.label.height).toBeLessThanOrEqual(Math.min(...layout.boxes.map((b) => b.y)));
  });

  it('is for the horizontal picture only: a phone keeps its layout, and the desk keeps its own', () => {
    expect(diagramLayout('vertical', 1, true)).toBe(diagramLayout('vertical', 1));
    expect(diagramLayout('horizontal', 1).type).toBe(DESK_TYPE);
    expect(diagramLayout('horizontal', 1, true)).not.toBe(diagramLayout('horizontal', 1));
  });
});

describe('direction', () => {
  it('is +1 towards the server and -1 towards the client', () => {
    expect(direction(TO_SERVER)).toBe(1);
    expect(direction(TO_CLIENT)).toBe(-1);
    expect(direction(['server-router', 'internet', 'client-router', 'client'])).toBe(-1);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, cuts words longer than a line (after a comma if it can), ends what does not fit with …', () => {
    expect(wrapText('227 Entering Passive Mode (172,16,0,21,156,71).', 28, 2)).toEqual([
      '227 Entering Passive Mode',
      '(172,16,0,21,156,71).',
    ]);
    expect(wrapText('SYN, ACK', 28, 2)).toEqual(['SYN, ACK']);
    expect(wrapText('-m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', 14, 6)).toEqual([
      '-m conntrack',
      '--ctstate',
      'ESTABLISHED,',
      'RELATED -j',
      'ACCEPT',
    ]);
    expect(wrapText('ESTABLISHED,RELATED', 8, 4)).toEqual(['ESTABLIS', 'HED,', 'RELATED']);
    expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapText('abcdefghij', 4, 2)).toEqual(['abcd', 'efg…']);
    expect(wrapText('   ', 10, 2)).toEqual([]);
  });
});

describe('stackNotes', () => {
  it('stacks notes under one another, each as near its anchor as the area allows', () => {
    const area = { x: 100, y: 50, width: 400, height: 300 };
    const placed = stackNotes(area, [
      { width: 200, height: 40, anchorX: 120 },
      { width: 100, height: 60, anchorX: 300 },
      { width: 150, height: 30, anchorX: 900 },
    ]);
    expect(placed).toEqual([
      { x: 100, y: 50 },
      { x: 250, y: 98 },
      { x: 350, y: 166 },
    ]);
  });
});

describe('rowNotes', () => {
  const area = { x: 100, y: 200, width: 500, height: 100 };

  it('centres a lone note on its anchor, inside the area', () => {
    expect(rowNotes(area, [{ width: 200, anchorX: 350 }])).toEqual([{ x: 250, y: 200 }]);
    expect(rowNotes(area, [{ width: 200, anchorX: 120 }])).toEqual([{ x: 100, y: 200 }]);
    expect(rowNotes(area, [{ width: 200, anchorX: 900 }])).toEqual([{ x: 400, y: 200 }]);
  });

  it('puts notes side by side without overlap, each as near its anchor as the others allow', () => {
    const placed = rowNotes(
      area,
      [
        { width: 200, anchorX: 250 },
        { width: 200, anchorX: 320 },
      ],
      10,
    );
    // The first centred on its anchor; the second as near its own as it can be, right after the first.
    expect(placed).toEqual([
      { x: 150, y: 200 },
      { x: 360, y: 200 },
    ]);
    // Pushed against the right edge, the first note makes room for the second.
    const right = rowNotes(
      area,
      [
        { width: 200, anchorX: 590 },
        { width: 200, anchorX: 600 },
      ],
      10,
    );
    expect(right).toEqual([
      { x: 190, y: 200 },
      { x: 400, y: 200 },
    ]);
  });
});

describe('diagramLayout', () => {
  it('gives the hosts only the badge rows the scenario needs, and returns the same object each time', () => {
    const none = diagramLayout('horizontal', 0);
    const two = diagramLayout('horizontal', 2);
    expect(diagramLayout('horizontal', 0)).toBe(none);
    expect(boxOf(two, 'client').height).toBeGreaterThan(boxOf(none, 'client').height);
    expect(two.height).toBeGreaterThan(none.height);
    expect(diagramLayout('horizontal', 9)).toBe(two);
    expect(diagramLayout('vertical', -1)).toBe(diagramLayout('vertical', 0));
    // Horizontal: the band under the routers holds a note of a title and three lines.
    expect(noteArea(none, 'internet').height).toBeGreaterThanOrEqual(2 * 10 + 4 * 19);
  });
});

describe('nearestPoint', () => {
  it('clamps a point onto a rectangle', () => {
    const r = { x: 10, y: 10, width: 100, height: 50 };
    expect(nearestPoint(r, { x: 0, y: 0 })).toEqual({ x: 10, y: 10 });
    expect(nearestPoint(r, { x: 50, y: 100 })).toEqual({ x: 50, y: 60 });
    expect(nearestPoint(r, { x: 50, y: 30 })).toEqual({ x: 50, y: 30 });
  });
});
