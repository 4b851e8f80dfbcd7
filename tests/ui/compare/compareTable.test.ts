import { describe, expect, it } from 'vitest';
import { defaultScenario, modeComparison, simulate, type ComparisonRow } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import {
  cellState,
  cellText,
  commandsOf,
  COMPARE_MODES,
  sideIndex,
  withMode,
} from '../../../src/ui/compare/compareTable';
import { compareReplay, START } from '../../../src/ui/compare/useCompareReplay';

const rows: ComparisonRow[] = [
  { row: 'opener', index: 17, opener: 'server' },
  { row: 'serverDataPort', index: 17, port: 20 },
  { row: 'clientMustAccept', index: 14, port: 56013 },
  { row: 'firewallTrouble', index: 19, droppedBy: 'client' },
  { row: 'recommended', index: 50, mode: 'passive', outcome: 'failed' },
];

describe('the comparison table', () => {
  it('keeps the settings and changes only the mode', () => {
    const parsed = parseScenario({ clientFirewall: 'stateful', clientNat: true });
    if (!parsed.ok) throw new Error('bad scenario');
    const active = withMode(parsed.scenario, COMPARE_MODES.extended.active);
    expect(active).toEqual({ ...parsed.scenario, mode: 'eprt' });
    expect(COMPARE_MODES.classic).toEqual({ active: 'active', passive: 'passive' });
    expect(commandsOf('epsv')).toBe('extended');
    expect(commandsOf('active')).toBe('classic');
  });

  it('aligns the sides by step number, each clamped to its own length', () => {
    expect(sideIndex(0, 35)).toBe(0);
    expect(sideIndex(40, 35)).toBe(34);
    expect(sideIndex(10, 35)).toBe(10);
  });

  it('lights a cell once its side reaches the row, marks it new at that step, and says when a row never happens', () => {
    expect(cellState(rows, 'opener', 16, 51)).toEqual({ state: 'pending' });
    expect(cellState(rows, 'opener', 17, 51)).toMatchObject({ state: 'lit', fresh: true });
    expect(cellState(rows, 'opener', 18, 51)).toMatchObject({ state: 'lit', fresh: false });
    // A side that has finished stays lit, but is no longer "new" while the other side goes on.
    expect(cellState(rows, 'recommended', 60, 51)).toMatchObject({ state: 'lit', fresh: false });
    const noData = rows.filter((r) => r.row !== 'opener');
    expect(cellState(noData, 'opener', 20, 51)).toEqual({ state: 'pending' });
    expect(cellState(noData, 'opener', 50, 51)).toEqual({ state: 'absent' });
  });

  it('words each cell from the engine row', () => {
    const [opener, port, accept, trouble, recommended] = rows;
    if (!opener || !port || !accept || !trouble || !recommended) throw new Error('rows');
    expect(cellText(opener, 'active', 'active', rows)).toEqual({
      key: 'compare.cells.opener.server',
      params: { port: 20 },
    });
    expect(cellText(port, 'passive', 'epsv', rows)).toEqual({
      key: 'compare.cells.serverDataPort.epsv',
      params: { port: 20 },
    });
    expect(cellText(accept, 'active', 'active', rows).params).toEqual({ port: 56013 });
    expect(cellText({ row: 'clientMustAccept', index: 3 }, 'passive', 'passive', rows).key).toBe(
      'compare.cells.clientMustAccept.nothing',
    );
    expect(cellText(trouble, 'active', 'active', rows)).toEqual({
      key: 'compare.cells.firewallTrouble.client',
      trouble: true,
    });
    expect(cellText({ row: 'firewallTrouble', index: 3 }, 'passive', 'passive', rows).key).toBe(
      'compare.cells.firewallTrouble.none',
    );
    expect(
      cellText({ row: 'firewallTrouble', index: 3, refusedBy: 'server-router' }, 'passive', 'epsv', rows),
    ).toEqual({
      key: 'compare.cells.firewallTrouble.refused.serverRouter',
      trouble: true,
    });
    expect(cellText(recommended, 'passive', 'passive', rows).key).toBe('compare.cells.recommended.yes');
    expect(cellText(recommended, 'active', 'active', rows).key).toBe('compare.cells.recommended.no');
  });

  it('words every row the engine produces for the default scenario in both modes', () => {
    for (const mode of ['active', 'passive'] as const) {
      const events = simulate(withMode(defaultScenario(), mode)).events;
      const produced = modeComparison(events, mode);
      expect(produced.map((r) => r.row)).toEqual([
        'opener',
        'serverDataPort',
        'clientMustAccept',
        'firewallTrouble',
        'recommended',
      ]);
      for (const r of produced) expect(cellText(r, mode, mode, produced).key).toMatch(/^compare\.cells\./);
    }
  });
});

describe('the shared step control', () => {
  const step = compareReplay(10);

  it('steps within 0…last and stops playing at the end', () => {
    expect(step(START, 'back').step).toBe(0);
    expect(step(START, 'forward')).toEqual({ step: 1, previous: 0, playing: false });
    expect(step(START, 'last').step).toBe(10);
    const playing = step(START, 'togglePlay');
    expect(playing.playing).toBe(true);
    expect(step({ step: 9, previous: 8, playing: true }, 'tick')).toEqual({
      step: 10,
      previous: 9,
      playing: false,
    });
    expect(step({ step: 10, previous: 9, playing: false }, 'togglePlay')).toEqual({
      step: 0,
      previous: 10,
      playing: true,
    });
    expect(step({ step: 4, previous: 3, playing: true }, 'forward').playing).toBe(false);
  });
});
