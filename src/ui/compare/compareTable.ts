import {
  COMPARISON_ROWS,
  type ClassicAnswer,
  type ComparisonRow,
  type DeviceId,
  type Mode,
  type Scenario,
} from '../../engine';

/** The two sides of the comparison: active mode on the left, passive on the right. */
export type CompareSide = 'active' | 'passive';
export const COMPARE_SIDES: readonly CompareSide[] = ['active', 'passive'];

/** Which commands the comparison uses: the classic PORT/PASV (RFC 959) or the extended EPRT/EPSV (RFC 2428). */
export type CompareCommands = 'classic' | 'extended';

export const COMPARE_MODES: Readonly<Record<CompareCommands, Readonly<Record<CompareSide, Mode>>>> = {
  classic: { active: 'active', passive: 'passive' },
  extended: { active: 'eprt', passive: 'epsv' },
};

/** The commands the simulator's own mode belongs to, so the comparison starts where the user is. */
export function commandsOf(mode: Mode): CompareCommands {
  return mode === 'eprt' || mode === 'epsv' ? 'extended' : 'classic';
}

/** The same settings with only the mode changed. */
export function withMode(scenario: Scenario, mode: Mode): Scenario {
  return { ...scenario, mode };
}

export type ComparisonRowName = (typeof COMPARISON_ROWS)[number];

/**
 * What a side's replay has shown of a row: not yet (`pending`), known (`lit`, with the engine's row;
 * `fresh` when it became known with the last move, from `before` to `index`), or never, because this
 * session has no such step (`absent`, e.g. no data connection because the server rejected PORT), which
 * shows once that side's replay has finished.
 */
export type CellState =
  | { readonly state: 'pending' }
  | { readonly state: 'lit'; readonly row: ComparisonRow; readonly fresh: boolean }
  | { readonly state: 'absent' };

/** The cell of row `name` on a side standing at event `index` (and at `before` one move ago). */
export function cellState(
  rows: readonly ComparisonRow[],
  name: ComparisonRowName,
  index: number,
  length: number,
  before: number,
): CellState {
  const row = rows.find((r) => r.row === name);
  if (row)
    return index >= row.index ? { state: 'lit', row, fresh: before < row.index } : { state: 'pending' };
  return index >= length - 1 ? { state: 'absent' } : { state: 'pending' };
}

/** The textbook's answer as an i18n key (texts in `compare.classic`). */
export function classicKey(answer: ClassicAnswer): string {
  switch (answer.row) {
    case 'opener':
      return `compare.classic.opener.${answer.opener}`;
    case 'serverDataPort':
      return `compare.classic.serverDataPort.${answer.port}`;
    case 'clientMustAccept':
      return `compare.classic.clientMustAccept.${answer.accepts}`;
    case 'firewallTrouble':
      return `compare.classic.firewallTrouble.${answer.frequency}`;
    case 'recommended':
      return `compare.classic.recommended.${answer.recommended}`;
  }
}

/** A cell's text as an i18n key and its params (cell texts live in `compare.cells`). */
export interface CellText {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /**
   * What the cell reports, for its sign and colour (never colour alone): trouble (a dropped or refused
   * data connection, a failed session) gets ✗, a session that worked ✓, anything else no sign.
   */
  readonly tone?: 'trouble' | 'success';
}

const TROUBLE_KEYS: Readonly<Record<DeviceId, string>> = {
  client: 'compare.cells.firewallTrouble.client',
  'client-router': 'compare.cells.firewallTrouble.clientRouter',
  internet: 'compare.cells.firewallTrouble.internet',
  'server-router': 'compare.cells.firewallTrouble.serverRouter',
  server: 'compare.cells.firewallTrouble.server',
};

/** A router's own stack answered RST: the port it was asked for is forwarded nowhere. */
const REFUSED_KEYS: Readonly<Record<DeviceId, string>> = {
  client: 'compare.cells.firewallTrouble.refused.client',
  'client-router': 'compare.cells.firewallTrouble.refused.clientRouter',
  internet: 'compare.cells.firewallTrouble.refused.internet',
  'server-router': 'compare.cells.firewallTrouble.refused.serverRouter',
  server: 'compare.cells.firewallTrouble.refused.server',
};

/** The words for a known cell, from the engine's row; `rows` gives the opener's port (the server's data port). */
export function cellText(row: ComparisonRow, mode: Mode, rows: readonly ComparisonRow[]): CellText {
  switch (row.row) {
    case 'opener': {
      const port = rows.find((r) => r.row === 'serverDataPort');
      const params = port?.row === 'serverDataPort' ? { port: port.port } : undefined;
      const key = `compare.cells.opener.${row.opener}${params ? '' : 'Only'}`;
      return params ? { key, params } : { key };
    }
    case 'serverDataPort':
      return { key: `compare.cells.serverDataPort.${mode}`, params: { port: row.port } };
    case 'clientMustAccept':
      return row.port === undefined
        ? { key: 'compare.cells.clientMustAccept.nothing' }
        : { key: 'compare.cells.clientMustAccept.incoming', params: { port: row.port } };
    case 'firewallTrouble':
      if (row.droppedBy) return { key: TROUBLE_KEYS[row.droppedBy], tone: 'trouble' };
      if (row.refusedBy) return { key: REFUSED_KEYS[row.refusedBy], tone: 'trouble' };
      return { key: 'compare.cells.firewallTrouble.none' };
    case 'recommended':
      // What this session says about the advice: whether this mode worked here.
      return {
        key: `compare.cells.recommended.${row.outcome}`,
        tone: row.outcome === 'success' ? 'success' : 'trouble',
      };
  }
}
