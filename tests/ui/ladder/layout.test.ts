import { describe, expect, it } from 'vitest';
import { isPacketEvent, simulate, type ScenarioInput, type StepEvent } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import {
  ARROW_ROW,
  DROP_ROW,
  GAP_ROW,
  NOTE_ROW,
  COMPACT,
  PROJECTOR,
  WIDE,
  TITLE_LINE,
  fitText,
  laneTitleRoom,
  wrapText,
  arrowHead,
  headerLayout,
  ladderLayout,
  laneIds,
  placeLanes,
  scrollDelta,
  type ArrowShape,
  type LadderRow,
} from '../../../src/ui/ladder/layout';

function eventsOf(input: ScenarioInput): readonly StepEvent[] {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return simulate(parsed.scenario).events;
}

function arrows(rows: readonly LadderRow[]): (ArrowShape & { index: number })[] {
  return rows.flatMap((r) => (r.shape.kind === 'arrow' ? [{ ...r.shape, index: r.index }] : []));
}

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('missing value');
  return value;
}

const FIREWALL_5S: ScenarioInput = { clientFirewall: 'stateful', server: { connectTimeout: 5 } };

describe('the ladder lifelines', () => {
  it('draws only the client and the server for a session with no router involved', () => {
    expect(laneIds(eventsOf({}))).toEqual(['client', 'server']);
  });

  it('adds the client router when NAT happens there, in path order', () => {
    expect(laneIds(eventsOf({ clientNat: true, mode: 'passive' }))).toEqual([
      'client',
      'client-router',
      'server',
    ]);
  });

  it("adds the server's router when it forwards and refuses", () => {
    expect(laneIds(eventsOf({ mode: 'epsv', serverNat: 'private' }))).toEqual([
      'client',
      'server-router',
      'server',
    ]);
  });

  it('spaces the lifelines evenly, left to right, after the time column', () => {
    const two = placeLanes(['client', 'server']);
    const four = placeLanes(['client', 'client-router', 'server-router', 'server']);
    for (const { lanes, width } of [two, four]) {
      expect(lanes[0]?.x).toBeGreaterThan(WIDE.timeColumn);
      const gaps = lanes.slice(1).map((l, i) => l.x - (lanes[i]?.x ?? 0));
      expect(new Set(gaps).size).toBe(1);
      expect(width).toBeGreaterThan(lanes[lanes.length - 1]?.x ?? 0);
    }
    expect(four.width).toBeGreaterThanOrEqual(two.width);
  });
});

describe('the ladder rows', () => {
  const events = eventsOf({});
  const layout = ladderLayout(events);

  it('gives every event one row, in event order, without overlaps', () => {
    expect(layout.rows.map((r) => r.index)).toEqual(events.map((e) => e.index));
    for (let i = 1; i < layout.rows.length; i++) {
      const prev = must(layout.rows[i - 1]);
      expect(must(layout.rows[i]).top).toBeGreaterThanOrEqual(prev.top + prev.height);
    }
    const last = must(layout.rows[layout.rows.length - 1]);
    expect(layout.height).toBeGreaterThan(last.top + last.height);
  });

  it('draws one arrow per packet event and a note for every other event', () => {
    expect(arrows(layout.rows)).toHaveLength(events.filter(isPacketEvent).length);
    for (const row of layout.rows) {
      const event = must(events[row.index]);
      expect(row.shape.kind).toBe(isPacketEvent(event) ? 'arrow' : 'note');
      expect(row.height).toBe(isPacketEvent(event) ? ARROW_ROW : NOTE_ROW);
    }
  });

  it("runs each arrow from its sender's lifeline downwards to the receiver's, with a head at the end", () => {
    const x = new Map(layout.lanes.map((l) => [l.id, l.x]));
    for (const a of arrows(layout.rows)) {
      expect(a.x1).toBe(x.get(a.from));
      expect(a.x2).toBe(x.get(a.to));
      expect(a.y2).toBeGreaterThan(a.y1);
      expect(a.end).toBe('delivered');
      expect(a.head?.startsWith(`${a.x2},${a.y2}`)).toBe(true);
      expect(a.cross).toBeUndefined();
      expect(a.label.x).toBe((a.x1 + a.x2) / 2);
      expect(a.label.y).toBeLessThan(a.y1);
    }
    const first = must(arrows(layout.rows)[0]);
    expect([first.from, first.to]).toEqual(['client', 'server']);
  });

  it('tells the control connection from the data connection', () => {
    const conns = new Set(arrows(layout.rows).map((a) => a.conn));
    expect(conns).toEqual(new Set(['control', 'data']));
  });
});

describe('a data SYN dropped by the client firewall', () => {
  const events = eventsOf(FIREWALL_5S);
  const layout = ladderLayout(events);
  const dropped = arrows(layout.rows).filter((a) => a.end === 'dropped');

  it('shows five SYNs from the server ending in a cross at the client, with room for the rule', () => {
    expect(dropped).toHaveLength(5);
    const client = must(layout.lanes.find((l) => l.id === 'client'));
    for (const a of dropped) {
      expect(a.from).toBe('server');
      expect(a.to).toBe('client');
      expect(a.conn).toBe('data');
      expect(a.head).toBeUndefined();
      const [s1, s2] = must(a.cross);
      expect((s1.x1 + s1.x2) / 2).toBe(client.x);
      expect((s2.y1 + s2.y2) / 2).toBe(a.y2);
      // The rule is written under the cross, towards the sender (rightwards from the client).
      expect(a.endNote?.anchor).toBe('start');
      expect(must(a.endNote).y).toBeGreaterThan(a.y2);
      expect(layout.rows.find((r) => r.index === a.index)?.height).toBe(DROP_ROW);
    }
  });

  it('compresses the retransmission waits: rows follow order, and the waits get a mark instead of room', () => {
    const gaps = layout.rows.filter((r) => r.gap);
    // 1 s, 1 s, 1 s, 1 s of retransmissions and the rest of the 5 s connect_timeout.
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    for (const r of gaps) expect(must(r.gap).seconds).toBeGreaterThan(0.5);
    const nonGapHeight = layout.rows.reduce((h, r) => h + r.height, 0);
    expect(layout.height).toBeLessThan(nonGapHeight + gaps.length * GAP_ROW + 40);
    // Ten times slower: the same picture, only the marks say more.
    const slower = events.map((e) => ({ ...e, at: e.at * 10 }) as StepEvent);
    const stretched = ladderLayout(slower);
    expect(stretched.height).toBe(layout.height);
    const stretchedGaps = stretched.rows.filter((r) => r.gap);
    expect(stretchedGaps.map((r) => r.index)).toEqual(gaps.map((r) => r.index));
    stretchedGaps.forEach((r, i) =>
      expect(must(r.gap).seconds).toBeCloseTo(must(must(gaps[i]).gap).seconds * 10, 6),
    );
  });

  it('puts the firewall verdicts on the client lifeline', () => {
    const client = must(layout.lanes.find((l) => l.id === 'client'));
    const verdicts = layout.rows.filter((r) => events[r.index]?.kind === 'fw/verdict');
    expect(verdicts.length).toBeGreaterThan(0);
    for (const r of verdicts) {
      expect(r.shape.kind).toBe('note');
      if (r.shape.kind === 'note') {
        expect(r.shape.lane).toBe('client');
        expect(r.shape.marker.x).toBe(client.x);
        expect(r.shape.text.anchor).toBe('start');
      }
    }
  });

  it('centres session-level notes between the outer lifelines', () => {
    const session = must(layout.rows.find((r) => events[r.index]?.kind === 'session/finished'));
    const [first, last] = [must(layout.lanes[0]), must(layout.lanes[layout.lanes.length - 1])];
    expect(session.shape.kind === 'note' && session.shape.lane).toBe(undefined);
    expect(session.shape.kind === 'note' && session.shape.text).toMatchObject({
      x: (first.x + last.x) / 2,
      anchor: 'middle',
    });
  });
});

describe('a packet refused by a router', () => {
  it('ends at the router with a head and a note, not a cross', () => {
    const layout = ladderLayout(eventsOf({ mode: 'epsv', serverNat: 'private' }));
    const refused = arrows(layout.rows).filter((a) => a.end === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(a.to).toBe('server-router');
      expect(a.head).toBeDefined();
      expect(a.cross).toBeUndefined();
      expect(a.endNote?.anchor).toBe('end');
    }
    const rst = arrows(layout.rows).find((a) => a.from === 'server-router');
    expect(rst?.to).toBe('client');
  });
});

describe('arrowHead', () => {
  it('points along the shaft, tip at the end', () => {
    const pts = arrowHead(0, 0, 100, 0)
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(pts[0]).toEqual([100, 0]);
    expect(must(pts[1])[0]).toBeLessThan(100);
    expect(must(pts[1])[0]).toBe(must(pts[2])[0]);
    expect(must(pts[1])[1]).toBe(-must(must(pts[2])[1]));
    const left = arrowHead(100, 0, 0, 0)
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(must(left[1])[0]).toBeGreaterThan(0);
  });
});

describe('headerLayout', () => {
  it('keeps a short legend on one line and wraps a long one', () => {
    const short = headerLayout(['a', 'b', 'c', 'd'], 800);
    expect(new Set(short.legend.map((i) => i.y)).size).toBe(1);
    const long = headerLayout(['x'.repeat(40), 'y'.repeat(40), 'z'.repeat(40), 'w'.repeat(40)], 800);
    expect(new Set(long.legend.map((i) => i.y)).size).toBeGreaterThan(1);
    expect(long.height).toBeGreaterThan(short.height);
    for (const item of long.legend) expect(item.textX).toBeGreaterThan(item.x);
    expect(long.titleY).toBeGreaterThan(Math.max(...long.legend.map((i) => i.y)));
  });
});

describe('scrollDelta', () => {
  const box = { top: 100, bottom: 500 };
  it('does nothing when the item is comfortably in view', () => {
    expect(scrollDelta(box, { top: 300, bottom: 330 }, 20)).toBe(0);
  });
  it('scrolls up to an item above, leaving the margin and the sticky header clear', () => {
    expect(scrollDelta(box, { top: 120, bottom: 150 }, 20, 60)).toBe(120 - 160 - 20);
  });
  it('scrolls down to an item below, with the margin', () => {
    expect(scrollDelta(box, { top: 490, bottom: 520 }, 20)).toBe(520 - 500 + 20);
  });
  it('shrinks the margin in a box too small for it', () => {
    expect(scrollDelta({ top: 0, bottom: 40 }, { top: 50, bottom: 80 }, 100)).toBe(80 - 40 + 5);
  });
});

describe('compact proportions for a phone', () => {
  it('fit two lifelines and the time column in a phone-wide drawing', () => {
    const layout = ladderLayout(eventsOf({}), COMPACT);
    // A phone held upright gives the drawing about 330 px: the type stays at 80 % or more.
    expect(330 / layout.width).toBeGreaterThanOrEqual(0.8);
    expect(layout.timeColumn).toBe(COMPACT.timeColumn);
    expect(layout.width).toBeLessThan(ladderLayout(eventsOf({}), WIDE).width);
    expect(must(layout.lanes[0]).x).toBeGreaterThan(COMPACT.timeColumn);
  });

  it('give every label and note the room it has up to the edges', () => {
    for (const metrics of [WIDE, COMPACT, PROJECTOR]) {
      const layout = ladderLayout(
        eventsOf({ clientNat: true, helper: true, clientFirewall: 'stateful' }),
        metrics,
      );
      for (const row of layout.rows) {
        const shape = row.shape;
        if (shape.kind === 'arrow') {
          expect(shape.labelRoom).toBeGreaterThan(0);
          expect(shape.label.x - shape.labelRoom / 2).toBeGreaterThanOrEqual(layout.timeColumn);
          expect(shape.label.x + shape.labelRoom / 2).toBeLessThanOrEqual(layout.width);
        } else if (shape.text.anchor === 'start') {
          expect(shape.text.x + shape.textRoom).toBeLessThanOrEqual(layout.width);
        } else if (shape.text.anchor === 'end') {
          expect(shape.text.x - shape.textRoom).toBeGreaterThanOrEqual(layout.timeColumn);
        }
      }
    }
  });
});

describe('fitText', () => {
  it('keeps text that fits and cuts longer text with an ellipsis', () => {
    expect(fitText('SYN', 100, 12)).toBe('SYN');
    const long = '227 Entering Passive Mode (203,0,113,2,156,71).';
    const cut = fitText(long, 200, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(Math.floor(200 / (12 * 0.62)));
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(fitText(long, 1000, 12)).toBe(long);
  });
});

describe('lane titles', () => {
  it('get the room up to halfway to the neighbouring lifelines', () => {
    const layout = ladderLayout(eventsOf({ clientNat: true, serverNat: 'public', mode: 'passive' }), COMPACT);
    expect(layout.lanes).toHaveLength(4);
    const gap = must(layout.lanes[1]).x - must(layout.lanes[0]).x;
    expect(laneTitleRoom(layout, 1)).toBe(gap - 4);
    expect(laneTitleRoom(layout, 0)).toBeLessThanOrEqual(2 * (must(layout.lanes[0]).x - layout.timeColumn));
    expect(laneTitleRoom(layout, 9)).toBe(0);
  });

  it('wrap onto a second line rather than run into the next title', () => {
    expect(wrapText('Server', 100, 15.5)).toEqual(['Server']);
    expect(wrapText('Router del servidor', 110, 15.5)).toEqual(['Router del', 'servidor']);
    const three = wrapText('one two three four five six', 50, 15.5);
    expect(three).toHaveLength(2);
    expect(must(three[1]).endsWith('…')).toBe(true);
    expect(headerLayout(['a'], 400, 2).height - headerLayout(['a'], 400, 1).height).toBe(TITLE_LINE);
  });
});

describe("a projector's proportions (presentation mode)", () => {
  const scenarios: readonly ScenarioInput[] = [
    {},
    { clientFirewall: 'stateful' },
    { clientNat: true, serverNat: 'private', mode: 'passive', helper: true },
  ];

  it('set every text at 18 units or more, in a drawing 1184 units wide whatever the lifelines', () => {
    for (const size of [...Object.values(PROJECTOR.font), PROJECTOR.titleSize])
      expect(size).toBeGreaterThanOrEqual(18);
    for (const input of scenarios) {
      const layout = ladderLayout(eventsOf(input), PROJECTOR);
      expect(layout.width).toBe(1184);
      expect(layout.font).toBe(PROJECTOR.font);
    }
    expect(
      placeLanes(['client', 'client-router', 'internet', 'server-router', 'server'], PROJECTOR).width,
    ).toBe(1184);
  });

  it('make the rows taller with the type, and the legend and titles of the header too', () => {
    const events = eventsOf({ clientFirewall: 'stateful' });
    const desk = ladderLayout(events, WIDE);
    const projector = ladderLayout(events, PROJECTOR);
    projector.rows.forEach((row, i) => {
      const d = must(desk.rows[i]);
      expect(row.height).toBeCloseTo(d.height * PROJECTOR.rowScale, 6);
      // The row's words stay inside its band (baseline plus a descent), clear of the next row.
      const baseline = row.shape.kind === 'arrow' ? row.shape.label.y : row.shape.text.y;
      expect(baseline - row.top).toBeGreaterThanOrEqual(PROJECTOR.font.label * 0.93);
      expect(row.timeY + PROJECTOR.font.time * 0.24).toBeLessThanOrEqual(row.top + row.height);
    });
    const header = headerLayout(['control connection', 'data connection'], 1184, 2, PROJECTOR);
    expect(header.titleLine).toBeCloseTo(TITLE_LINE * PROJECTOR.rowScale, 6);
    expect(header.titleLine).toBeGreaterThanOrEqual(PROJECTOR.titleSize * 1.17);
  });
});
