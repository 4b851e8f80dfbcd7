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
  'Firewall trouble',
  'Which mode is recommended',
];

/** The table's cells for a row: [active side, passive side]. */
function cells(row: string): string[] {
  const header = screen.getByRole('rowheader', { name: row });
  const tr = header.closest('tr');
  if (!tr) throw new Error('no row');
  return within(tr)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the compare view', () => {
  it('shows active and passive side by side and "…" in every cell at the first step', () => {
    renderCompare();
    expect(screen.getByRole('heading', { name: 'Active: Active (PORT)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Passive: Passive (PASV)' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Active (PORT)' })).toBeTruthy();
    for (const row of ROWS) expect(cells(row)).toEqual(['…not reached yet', '…not reached yet']);
  });

  it('lights every row after stepping to the end, without moving the simulator', async () => {
    const user = userEvent.setup();
    renderCompare();
    useSim.getState().seek(5);
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    for (const row of ROWS) for (const cell of cells(row)) expect(cell).not.toMatch(/…|not reached/);
    expect(cells('Who opens the data connection')[0]).toMatch(/^The server, from port 20/);
    expect(cells('Who opens the data connection')[1]).toMatch(/^The client, to the server's port \d+/);
    expect(cells("The server's data port")[1]).toMatch(/announced in the 227 reply/);
    expect(cells('What the client must accept')[0]).toMatch(/^An incoming connection to its port \d+/);
    expect(cells('What the client must accept')[1]).toMatch(/^Nothing: it only opens outgoing connections/);
    // Both sessions last 35 steps: the last row lights up on both sides at this very step.
    expect(cells('Firewall trouble')).toEqual(['None (new)', 'None (new)']);
    expect(cells('Which mode is recommended')[1]).toMatch(
      /^Passive: the client opens both connections, so a client firewall or NAT only sees outgoing connections/,
    );
    expect(useSim.getState().cursor).toBe(5);
  });

  it("with a stateful client firewall, names the client's firewall on the active side and none on the passive side", async () => {
    const user = userEvent.setup();
    renderCompare({ clientFirewall: 'stateful' });
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    const [active, passive] = cells('Firewall trouble');
    expect(active).toMatch(/^⚠ Dropped by the client's firewall/);
    expect(passive).toMatch(/^None/);
    expect(screen.getByText('Finished: a transfer failed.')).toBeTruthy();
    expect(screen.getByText('Finished: every transfer succeeded.')).toBeTruthy();
  });

  it('lights a cell exactly when its side reaches the row, and announces it', () => {
    renderCompare({ clientFirewall: 'stateful' });
    const troubleAt = (n: number) => {
      for (let i = 0; i < n; i++) fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    };
    // The active side's server SYN is dropped by the client's firewall at step 20 (index 19).
    troubleAt(18);
    expect(cells('Firewall trouble')[0]).toMatch(/…/);
    troubleAt(1);
    expect(cells('Firewall trouble')[0]).toBe("⚠ Dropped by the client's firewall (new)");
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toContain("Active (PORT), Firewall trouble: Dropped by the client's firewall.");
    // The arrow keys moved the comparison, never the simulator.
    expect(useSim.getState().cursor).toBe(0);
    fireEvent.keyDown(document.body, { key: 'Home' });
    expect(cells('Firewall trouble')[0]).toMatch(/…/);
  });

  it('plays both sides together on a timer', () => {
    vi.useFakeTimers();
    renderCompare();
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    act(() => vi.advanceTimersByTime(STEP_INTERVAL_MS * 3));
    expect(screen.getAllByText(/^Step 4 of \d+$/).length).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => vi.advanceTimersByTime(STEP_INTERVAL_MS * 3));
    expect(screen.getAllByText(/^Step 4 of \d+$/).length).toBe(3);
  });

  it('switches to EPRT and EPSV and starts over', async () => {
    const user = userEvent.setup();
    renderCompare();
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    await user.click(screen.getByRole('radio', { name: 'EPRT and EPSV' }));
    expect(screen.getByRole('heading', { name: 'Active: Extended active (EPRT)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Passive: Extended passive (EPSV)' })).toBeTruthy();
    expect(cells('Firewall trouble')).toEqual(['…not reached yet', '…not reached yet']);
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    expect(cells("The server's data port")[1]).toMatch(/announced in the 229 reply/);
  });

  it('follows a change of the simulator settings', () => {
    renderCompare();
    fireEvent.keyDown(document.body, { key: 'End' });
    act(() => {
      const parsed = parseScenario({ clientFirewall: 'stateful' });
      if (parsed.ok) useSim.getState().setScenario(parsed.scenario);
    });
    expect(cells('Firewall trouble')).toEqual(['…not reached yet', '…not reached yet']);
  });

  it('speaks Spanish', async () => {
    const user = userEvent.setup();
    renderCompare({ clientFirewall: 'stateful' }, 'es');
    await user.click(screen.getByRole('button', { name: 'Último paso' }));
    const tr = screen.getByRole('rowheader', { name: 'Quién abre la conexión de datos' }).closest('tr');
    expect(tr?.textContent).toContain('El servidor, desde el puerto 20');
    expect(
      screen.getByRole('rowheader', { name: 'Problemas con el cortafuegos' }).closest('tr')?.textContent,
    ).toContain('Descartada por el cortafuegos del cliente');
  });
});
