import { describe, expect, it } from 'vitest';
import { simulate, sessionPhases } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { COMPACT, ladderLayout } from '../../../src/ui/ladder/layout';
import { phaseCrop, rowInCrop } from '../../../src/ui/capture/phaseLadders';

function layoutOf(input: object) {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error('bad scenario');
  const events = simulate(parsed.scenario).events;
  return { events, layout: ladderLayout(events, COMPACT) };
}

/** The phases as spans of event indexes, in order. */
function spans(events: Parameters<typeof sessionPhases>[0]) {
  const out: { from: number; to: number }[] = [];
  sessionPhases(events).forEach((p, i, all) => {
    const previous = all[i - 1];
    if (previous && previous.phase === p.phase && previous.transfer === p.transfer) {
      const last = out[out.length - 1];
      if (last) last.to = i;
    } else out.push({ from: i, to: i });
  });
  return out;
}

describe('a ladder cut into phases', () => {
  it('gives bands that follow one another without gap or overlap and cover the whole drawing', () => {
    // A long wait (the SYN retransmissions) is marked above a row: it must stay in that row's band.
    const { events, layout } = layoutOf({ mode: 'active', clientFirewall: 'stateful' });
    const crops = spans(events).map((s) => phaseCrop(layout, s));
    expect(crops[0]?.top).toBe(0);
    crops.forEach((c, i) => {
      const next = crops[i + 1];
      if (next) expect(next.top).toBeCloseTo(c.top + c.height);
      expect(c.height).toBeGreaterThan(0);
    });
    const last = crops[crops.length - 1];
    expect((last?.top ?? 0) + (last?.height ?? 0)).toBe(layout.height);
    for (const row of layout.rows) {
      const inside = crops.filter((c) => row.top >= c.top && row.top + row.height <= c.top + c.height);
      expect(inside).toHaveLength(1);
      if (row.gap) expect(row.gap.y).toBeGreaterThan(inside[0]?.top ?? Infinity);
    }
  });

  it('places a row of the band in percent of its height, and no row of another band', () => {
    const { events, layout } = layoutOf({ mode: 'passive' });
    const [control, mode] = spans(events);
    if (!control || !mode) throw new Error('no phases');
    const crop = phaseCrop(layout, mode);
    const first = rowInCrop(layout, crop, mode.from);
    expect(first?.top).toBeGreaterThanOrEqual(0);
    expect(first?.top).toBeLessThan(50);
    const last = rowInCrop(layout, crop, mode.to);
    expect((last?.top ?? 0) + (last?.height ?? 0)).toBeCloseTo(100);
    expect(rowInCrop(layout, crop, control.to)).toBeUndefined();
    expect(rowInCrop(layout, crop, 10_000)).toBeUndefined();
  });
});
