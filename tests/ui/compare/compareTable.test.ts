import { describe, expect, it } from 'vitest';
import {
  classicComparison,
  defaultScenario,
  modeComparison,
  sessionPhases,
  simulate,
  type ComparisonRow,
  type SessionPhase,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import {
  cellState,
  cellText,
  classicKey,
  commandsOf,
  COMPARE_MODES,
  withMode,
} from '../../../src/ui/compare/compareTable';
import { phaseSync } from '../../../src/ui/compare/phaseSync';
import { createI18n } from '../../../src/i18n';
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

  it('lights a cell once its side reaches the row, marks it new on the move that reached it, and says when a row never happens', () => {
    expect(cellState(rows, 'opener', 16, 51, 15)).toEqual({ state: 'pending' });
    expect(cellState(rows, 'opener', 17, 51, 16)).toMatchObject({ state: 'lit', fresh: true });
    expect(cellState(rows, 'opener', 18, 51, 17)).toMatchObject({ state: 'lit', fresh: false });
    // A jump over the row lights it as new too.
    expect(cellState(rows, 'opener', 30, 51, 0)).toMatchObject({ state: 'lit', fresh: true });
    // A side waiting on its last event while the other goes on: lit, no longer new.
    expect(cellState(rows, 'recommended', 50, 51, 50)).toMatchObject({ state: 'lit', fresh: false });
    const noData = rows.filter((r) => r.row !== 'opener');
    expect(cellState(noData, 'opener', 20, 51, 19)).toEqual({ state: 'pending' });
    expect(cellState(noData, 'opener', 50, 51, 49)).toEqual({ state: 'absent' });
  });

  it('gives each row its textbook answer, beside what the session shows', () => {
    const en = createI18n('en').t;
    const keys = classicComparison('active').map(classicKey);
    expect(keys).toEqual([
      'compare.classic.opener.server',
      'compare.classic.serverDataPort.20',
      'compare.classic.clientMustAccept.incoming',
      'compare.classic.firewallTrouble.frequent',
      'compare.classic.recommended.false',
    ]);
    for (const key of [...keys, ...classicComparison('epsv').map(classicKey)])
      expect(en(key), key).not.toBe(key);
    // With no firewall, this session has no trouble; the textbook's "frequent" still says active mode's.
    expect(en('compare.classic.firewallTrouble.frequent')).toMatch(/^Frequent/);
  });

  it('words each cell from the engine row', () => {
    const [opener, port, accept, trouble, recommended] = rows;
    if (!opener || !port || !accept || !trouble || !recommended) throw new Error('rows');
    expect(cellText(opener, 'active', rows)).toEqual({
      key: 'compare.cells.opener.server',
      params: { port: 20 },
    });
    expect(cellText(port, 'epsv', rows)).toEqual({
      key: 'compare.cells.serverDataPort.epsv',
      params: { port: 20 },
    });
    expect(cellText(accept, 'active', rows).params).toEqual({ port: 56013 });
    expect(cellText({ row: 'clientMustAccept', index: 3 }, 'passive', rows).key).toBe(
      'compare.cells.clientMustAccept.nothing',
    );
    expect(cellText(trouble, 'active', rows)).toEqual({
      key: 'compare.cells.firewallTrouble.client',
      tone: 'trouble',
    });
    expect(cellText({ row: 'firewallTrouble', index: 3 }, 'passive', rows).key).toBe(
      'compare.cells.firewallTrouble.none',
    );
    expect(cellText({ row: 'firewallTrouble', index: 3, refusedBy: 'server-router' }, 'epsv', rows)).toEqual({
      key: 'compare.cells.firewallTrouble.refused.serverRouter',
      tone: 'trouble',
    });
    // The recommended row says whether this mode worked here: success only in the success colour.
    expect(cellText(recommended, 'active', rows)).toEqual({
      key: 'compare.cells.recommended.failed',
      tone: 'trouble',
    });
    expect(cellText({ ...recommended, outcome: 'success' } as ComparisonRow, 'passive', rows)).toEqual({
      key: 'compare.cells.recommended.success',
      tone: 'success',
    });
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
      for (const r of produced) expect(cellText(r, mode, produced).key).toMatch(/^compare\.cells\./);
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

describe('stepping two sessions together, phase by phase', () => {
  const p = (phase: SessionPhase['phase'], transfer: number): SessionPhase => ({ phase, transfer });

  it('lets the shorter side wait on its last event of a phase while the other goes on', () => {
    const a = [
      p('control', 0),
      p('control', 0),
      p('mode', 1),
      p('data', 1),
      p('data', 1),
      p('data', 1),
      p('end', 2),
    ];
    const b = [p('control', 0), p('mode', 1), p('mode', 1), p('data', 1), p('transfer', 1), p('end', 2)];
    expect(phaseSync(a, b).map((s) => [s.phase.phase, ...s.index])).toEqual([
      ['control', 0, 0],
      ['control', 1, 0],
      ['mode', 2, 1],
      ['mode', 2, 2],
      ['data', 3, 3],
      ['data', 4, 3],
      ['data', 5, 3],
      // A phase only one side has: the other waits where it was.
      ['transfer', 5, 4],
      ['end', 6, 5],
    ]);
  });

  it('puts the same moment side by side in active and passive mode: both mode commands, both data SYNs', () => {
    const active = simulate(withMode(defaultScenario(), 'active')).events;
    const passive = simulate(withMode(defaultScenario(), 'passive')).events;
    const synced = phaseSync(sessionPhases(active), sessionPhases(passive));
    const isMode = (e: (typeof active)[number] | undefined) =>
      e?.kind === 'ftp/command-sent' && ['PORT', 'PASV'].includes(e.command.verb);
    const modeStep = synced.find((s) => isMode(active[s.index[0]]));
    expect(modeStep?.phase.phase).toBe('mode');
    // Every step shows both sides in the same phase, and both reach the last event together.
    for (const s of synced) {
      expect(sessionPhases(active)[s.index[0]]?.phase).toBe(s.phase.phase);
      expect(sessionPhases(passive)[s.index[1]]?.phase).toBe(s.phase.phase);
    }
    expect(synced.at(-1)?.index).toEqual([active.length - 1, passive.length - 1]);
    // Every event of each side is shown at some step, in order.
    for (const side of [0, 1] as const) {
      const shown = [...new Set(synced.map((s) => s.index[side]))];
      expect(shown).toEqual([...Array((side ? passive : active).length).keys()]);
    }
  });
});
