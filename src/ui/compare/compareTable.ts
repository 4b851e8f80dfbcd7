import {
  COMPARISON_ROWS,
  defaultScenario,
  type ClientComparisonRow,
  type ClassicAnswer,
  type ComparisonRow,
  type DeviceId,
  type Mode,
  type Scenario,
} from '../../engine';

/** What the two sides differ in: the mode (active and passive), or the client program (classic and curl). */
export type CompareSubject = 'modes' | 'clients';

/** Which scenario the clients share: the simulator's, or the ready-made one where they differ in outcome. */
export type ClientsSetting = 'simulator' | 'server-nat';

/** The classic client on the left, curl on the right. */
export const CLIENT_SIDES = ['classic', 'curl'] as const;

/** The same settings with only the client program changed. */
export function withProgram(scenario: Scenario, program: (typeof CLIENT_SIDES)[number]): Scenario {
  return { ...scenario, client: { ...scenario.client, program } };
}

/**
 * The ready-made pair: the server behind NAT (port 21 forwarded), no FTP helper, passive mode. Its 227
 * names the server's private address, which the classic client dials and curl sets aside.
 */
export function serverNatScenario(): Scenario {
  return { ...defaultScenario(), mode: 'passive', serverNat: 'private', helper: false };
}

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
export type CellState<R = ComparisonRow> =
  | { readonly state: 'pending' }
  | { readonly state: 'lit'; readonly row: R; readonly fresh: boolean }
  | { readonly state: 'absent' };

/** The cell of row `name` on a side standing at event `index` (and at `before` one move ago). */
export function cellState<R extends { readonly row: string; readonly index: number }>(
  rows: readonly R[],
  name: string,
  index: number,
  length: number,
  before: number,
): CellState<R> {
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
      return troubleText(row);
    case 'recommended':
      // What this session says about the advice: whether this mode worked here.
      return {
        key: `compare.cells.recommended.${row.outcome}`,
        tone: row.outcome === 'success' ? 'success' : 'trouble',
      };
  }
}

function troubleText(row: Extract<ComparisonRow, { row: 'firewallTrouble' }>): CellText {
  if (row.droppedBy) return { key: TROUBLE_KEYS[row.droppedBy], tone: 'trouble' };
  if (row.refusedBy) return { key: REFUSED_KEYS[row.refusedBy], tone: 'trouble' };
  return { key: 'compare.cells.firewallTrouble.none' };
}

/** The words for a known cell of the clients' table, from the engine's `clientComparison` row. */
export function clientCellText(row: ClientComparisonRow): CellText {
  switch (row.row) {
    case 'commands':
      return { key: 'compare.clients.cells.commands', params: { commands: row.commands.join(', ') } };
    case 'dataTarget':
      return {
        key: `compare.clients.cells.dataTarget.${row.follows}`,
        params: { endpoint: `${row.to.ip}:${row.to.port}` },
      };
    case 'firewallTrouble':
      return troubleText(row);
    case 'ending': {
      const tone = row.outcome === 'success' ? 'success' : 'trouble';
      // Hundredths of a second are enough to tell 0.01 s from 120 s.
      const seconds = Math.round(row.seconds * 100) / 100;
      const quit = row.quit ? 'quit' : 'noQuit';
      if (row.exitStatus !== undefined)
        return {
          key: `compare.clients.cells.ending.exit.${quit}`,
          params: { status: row.exitStatus, seconds },
          tone,
        };
      return {
        key: `compare.clients.cells.ending.reply.${quit}`,
        params: { code: row.lastReply ?? 0, seconds },
        tone,
      };
    }
  }
}
