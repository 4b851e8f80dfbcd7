import { COMPARISON_ROWS, type ComparisonRow, type DeviceId, type Mode, type Scenario } from '../../engine';

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

/** Where each side stands at a shared step number: aligned by number, each clamped to its own length. */
export function sideIndex(step: number, length: number): number {
  return Math.max(0, Math.min(step, length - 1));
}

export type ComparisonRowName = (typeof COMPARISON_ROWS)[number];

/**
 * One cell of the table: not reached yet (`pending`), known (`lit`, with the engine's row; `fresh` when it
 * became known at this very shared step), or never produced by this session (`absent`, e.g. no data connection
 * because the server rejected PORT), which shows once that side's replay has finished.
 */
export type CellState =
  | { readonly state: 'pending' }
  | { readonly state: 'lit'; readonly row: ComparisonRow; readonly fresh: boolean }
  | { readonly state: 'absent' };

export function cellState(
  rows: readonly ComparisonRow[],
  name: ComparisonRowName,
  step: number,
  length: number,
): CellState {
  const index = sideIndex(step, length);
  const row = rows.find((r) => r.row === name);
  if (row)
    return index >= row.index ? { state: 'lit', row, fresh: step === row.index } : { state: 'pending' };
  const lastIndex = length - 1;
  return index >= lastIndex ? { state: 'absent' } : { state: 'pending' };
}

/** A cell's text as an i18n key and its params (cell texts live in `compare.cells`). */
export interface CellText {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** Whether the cell reports trouble (a dropped data connection): shown with a warning sign, not colour alone. */
  readonly trouble?: boolean;
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
export function cellText(
  row: ComparisonRow,
  side: CompareSide,
  mode: Mode,
  rows: readonly ComparisonRow[],
): CellText {
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
      if (row.droppedBy) return { key: TROUBLE_KEYS[row.droppedBy], trouble: true };
      if (row.refusedBy) return { key: REFUSED_KEYS[row.refusedBy], trouble: true };
      return { key: 'compare.cells.firewallTrouble.none' };
    case 'recommended':
      return { key: `compare.cells.recommended.${row.mode === side ? 'yes' : 'no'}` };
  }
}
