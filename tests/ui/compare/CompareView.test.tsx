import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ScenarioInput } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { CompareView } from '../../../src/ui/compare/CompareView';
import { usePlayerKeys } from '../../../src/ui/player/usePlayerKeys';
import { STEP_INTERVAL_MS } from '../../../src/ui/player/usePlaybackTimer';

/** The view as the app shows it: the simulator's own keys stay installed underneath. */
function WithAppKeys() {
  usePlayerKeys();
  return <CompareView />;
}

function renderCompare(input: ScenarioInput = {}, language: Language = 'en') {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error('bad scenario');
  useSim.getState().setScenario(parsed.scenario);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <WithAppKeys />
    </I18nextProvider>,
  );
}

const ROWS = [
  'Who opens the data connection',
  "The server's data port",
  'What the client must accept',
  'Firewall problems',
  'Which mode is recommended',
];

/** The table's cells for a row: [active side, passive side]. */
function cellElements(row: string): HTMLElement[] {
  const header = screen.getByRole('rowheader', { name: row });
  const tr = header.closest('tr');
  if (!tr) throw new Error('no row');
  return within(tr).getAllByRole('cell');
}

/** What each side's cell says this session shows (the "This session:" line), for a row. */
function shown(row: string): string[] {
  return cellElements(row).map(
    (c) => c.querySelector('.compare-shown')?.textContent?.replace(/^This session: ?/, '') ?? '',
  );
}

/** The textbook's answer in each side's cell (the "In theory:" line), for a row. */
function classic(row: string): string[] {
  return cellElements(row).map(
    (c) => c.querySelector('.compare-classic')?.textContent?.replace(/^In theory: ?/, '') ?? '',
  );
}

function narrations(): string[] {
  return [...document.querySelectorAll('.compare-narration')].map((p) => p.textContent ?? '');
}

function phase(): string {
  return document.querySelector('.compare-phase')?.textContent?.replace(/^Phase: ?/, '') ?? '';
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the compare view', () => {
  it('shows each mode with its own diagram and narration, and the textbook beside "…" in every cell', () => {
    renderCompare();
    expect(screen.getByRole('heading', { level: 3, name: 'Active (PORT)' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Passive (PASV)' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Active: Active/ })).toBeNull();
    expect(screen.getAllByRole('img', { name: /Network diagram/ })).toHaveLength(2);
    expect(narrations()).toHaveLength(2);
    expect(screen.getByRole('columnheader', { name: 'Active (PORT)' })).toBeTruthy();
    for (const row of ROWS) {
      expect(shown(row)).toEqual(['…not reached yet', '…not reached yet']);
      for (const text of classic(row)) expect(text.length).toBeGreaterThan(3);
    }
    expect(classic('Who opens the data connection')).toEqual([
      'The server connects to the client',
      'The client connects to the server',
    ]);
    expect(classic('Firewall problems')[0]).toMatch(/^Frequent/);
    expect(classic('Firewall problems')[1]).toMatch(/^Rare/);
    expect(phase()).toBe('Control connection');
  });

  it('lights every row after stepping to the end, without moving the simulator', async () => {
    const user = userEvent.setup();
    renderCompare();
    useSim.getState().seek(5);
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    for (const row of ROWS) for (const cell of shown(row)) expect(cell).not.toMatch(/…|not reached/);
    expect(shown('Who opens the data connection')[0]).toMatch(/^The server, from port 20/);
    expect(shown('Who opens the data connection')[1]).toMatch(/^The client, to the server's port \d+/);
    expect(shown("The server's data port")[1]).toMatch(/announced in the 227 reply/);
    expect(shown('What the client must accept')[0]).toMatch(/^An incoming connection to its port \d+/);
    expect(shown('What the client must accept')[1]).toMatch(/^Nothing: it only opens outgoing connections/);
    // No firewall here: no trouble in this session, while the textbook's answer still says "frequent".
    expect(shown('Firewall problems')[0]).toMatch(/^None: nothing on the way blocked/);
    expect(classic('Firewall problems')[0]).toMatch(/^Frequent/);
    expect(shown('Which mode is recommended')).toEqual([
      '✓ Worked: every transfer succeeded (new)',
      '✓ Worked: every transfer succeeded (new)',
    ]);
    expect(classic('Which mode is recommended')).toEqual([
      'No: only where the client can accept connections',
      'Yes: the usual choice today',
    ]);
    expect(phase()).toBe('End of the session');
    expect(useSim.getState().cursor).toBe(5);
  });

  it('never words a "no" in the success colour, nor a success in the trouble colour', async () => {
    const user = userEvent.setup();
    renderCompare({ clientFirewall: 'stateful' });
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    for (const cell of document.querySelectorAll('.compare-success'))
      expect(cell.querySelector('.compare-shown')?.textContent).toMatch(/✓ Worked/);
    for (const cell of document.querySelectorAll('.compare-trouble'))
      expect(cell.querySelector('.compare-shown')?.textContent).toMatch(/✗ (Dropped|Refused|Failed)/);
    // The textbook's line is never coloured: it is the same for every scenario.
    expect(
      document.querySelector('.compare-success .compare-classic, .compare-trouble .compare-classic'),
    ).not.toBeNull();
    const [active, passive] = cellElements('Which mode is recommended');
    expect(active?.className).toContain('compare-trouble');
    expect(passive?.className).toContain('compare-success');
  });

  it("with a stateful client firewall, names the client's firewall on the active side and none on the passive side", async () => {
    const user = userEvent.setup();
    renderCompare({ clientFirewall: 'stateful' });
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    const [active, passive] = shown('Firewall problems');
    expect(active).toMatch(/^✗ Dropped by the client's firewall/);
    expect(passive).toMatch(/^None/);
    expect(shown('Which mode is recommended')[0]).toMatch(/^✗ Failed: a transfer could not be made/);
    expect(screen.getByText('Finished: a transfer failed.')).toBeTruthy();
    expect(screen.getByText('Finished: every transfer succeeded.')).toBeTruthy();
  });

  it('steps both sides phase by phase: control connection, mode command, data connection, transfer, end', () => {
    renderCompare();
    const seen: string[] = [phase()];
    const pairs: string[][] = [];
    for (let i = 0; i < 80 && phase() !== 'End of the session'; i++) {
      fireEvent.keyDown(document.body, { key: 'ArrowRight' });
      if (seen.at(-1) !== phase()) seen.push(phase());
      pairs.push(narrations());
    }
    expect(seen).toEqual([
      'Control connection',
      'Mode command',
      'Data connection',
      'Transfer',
      'End of the session',
    ]);
    // The mode commands stand side by side: when the active side says PORT, the passive side is on PASV,
    // its 227 or the passive port it opens for it.
    const port = pairs.find(([a]) => /“PORT /.test(a ?? ''));
    expect(port?.[1]).toMatch(/PASV|227|listening socket on [\d.]+:\d+/);
  });

  it('lights a cell exactly when its side reaches the row, says so under that side, and announces it', () => {
    renderCompare({ clientFirewall: 'stateful' });
    for (let i = 0; i < 80 && /…/.test(shown('Firewall problems')[0] ?? ''); i++)
      fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(shown('Firewall problems')[0]).toBe("✗ Dropped by the client's firewall (new)");
    expect(screen.getByText("Now known: Firewall problems: Dropped by the client's firewall")).toBeTruthy();
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toContain(
      "Active (PORT), Firewall problems: Dropped by the client's firewall.",
    );
    // One step later it is known, no longer new.
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(shown('Firewall problems')[0]).toBe("✗ Dropped by the client's firewall");
    // The arrow keys moved the comparison, never the simulator.
    expect(useSim.getState().cursor).toBe(0);
    fireEvent.keyDown(document.body, { key: 'Home' });
    expect(shown('Firewall problems')[0]).toMatch(/…/);
  });

  it('plays both sides together on a timer', () => {
    vi.useFakeTimers();
    renderCompare();
    const position = () => document.querySelector('.compare-position')?.textContent;
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    act(() => vi.advanceTimersByTime(STEP_INTERVAL_MS * 3));
    expect(position()).toMatch(/^Step 4 of \d+$/);
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => vi.advanceTimersByTime(STEP_INTERVAL_MS * 3));
    expect(position()).toMatch(/^Step 4 of \d+$/);
  });

  it('switches to EPRT and EPSV and starts over', async () => {
    const user = userEvent.setup();
    renderCompare();
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    await user.click(screen.getByRole('radio', { name: 'EPRT and EPSV' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Extended active (EPRT)' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Extended passive (EPSV)' })).toBeTruthy();
    expect(shown('Firewall problems')).toEqual(['…not reached yet', '…not reached yet']);
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    expect(shown("The server's data port")[1]).toMatch(/announced in the 229 reply/);
  });

  it('follows a change of the simulator settings', () => {
    renderCompare();
    fireEvent.keyDown(document.body, { key: 'End' });
    act(() => {
      const parsed = parseScenario({ clientFirewall: 'stateful' });
      if (parsed.ok) useSim.getState().setScenario(parsed.scenario);
    });
    expect(shown('Firewall problems')).toEqual(['…not reached yet', '…not reached yet']);
  });

  it('speaks Spanish', async () => {
    const user = userEvent.setup();
    renderCompare({ clientFirewall: 'stateful' }, 'es');
    await user.click(screen.getByRole('button', { name: 'Último paso' }));
    const tr = screen.getByRole('rowheader', { name: 'Quién abre la conexión de datos' }).closest('tr');
    expect(tr?.textContent).toContain('El servidor, desde el puerto 20');
    expect(tr?.textContent).toContain('En teoría:');
    expect(tr?.textContent).toContain('En esta sesión:');
    expect(
      screen.getByRole('rowheader', { name: 'Problemas con cortafuegos' }).closest('tr')?.textContent,
    ).toContain('Descartada por el cortafuegos del cliente');
    expect(document.querySelector('.compare-phase')?.textContent).toBe('Fase: Fin de la sesión');
  });

  it('compares the classic client with curl behind server NAT: where each dials, and how each ends', async () => {
    const user = userEvent.setup();
    renderCompare();
    await user.click(screen.getByRole('radio', { name: 'The classic client and curl' }));
    expect(screen.getByRole('heading', { level: 3, name: 'Classic client (ftp, ftplib)' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'curl 7.88' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: /Server behind NAT/ }) as HTMLInputElement).checked).toBe(true);
    expect(shown("Where the data connection's SYN goes")).toEqual(['…not reached yet', '…not reached yet']);
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    const [classicTarget, curlTarget] = shown("Where the data connection's SYN goes");
    expect(classicTarget).toMatch(/^To 172\.16\.0\.21:\d+: the address the 227 reply names/);
    expect(curlTarget).toMatch(/^To 203\.0\.113\.2:\d+: the control connection's address/);
    const [classicEnd, curlEnd] = shown('How the client ends');
    expect(classicEnd).toMatch(/^✗ Last reply 425 after [\d.,]+ s, then QUIT/);
    expect(curlEnd).toMatch(/^✗ Exit status 7 after [\d.,]+ s, closing without QUIT/);
    expect(shown('Commands, up to the transfer')[1]).toMatch(/PWD/);
    // The outcome is announced, not only shown.
    const live = document.querySelector('[aria-live="polite"]')?.textContent ?? '';
    expect(live).toMatch(/curl 7\.88, How the client ends: Exit status 7/);
    // Only the choice of protocol commands is set as code; the choice of what to compare is prose.
    const group = (name: string) =>
      screen.getByRole('group', { name }).classList.contains('compare-choice-code');
    expect(group('Compare')).toBe(false);
    await user.click(screen.getByRole('radio', { name: 'Active and passive mode' }));
    expect(group('Commands')).toBe(true);
  });
});
