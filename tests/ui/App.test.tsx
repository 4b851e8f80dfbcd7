import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n, type Language } from '../../src/i18n';
import { useSim } from '../../src/store/simStore';
import { App } from '../../src/ui/App';
import { loadReplayPartsFirst } from './replayParts';
import { STEP_INTERVAL_MS } from '../../src/ui/player/usePlaybackTimer';

function renderApp(language: Language = 'en') {
  const i18n = createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
  return i18n;
}

function currentStep(): HTMLElement {
  const list = screen.getByRole('list', { name: /steps|pasos/i });
  const current = within(list)
    .getAllByRole('listitem')
    .find((li) => li.getAttribute('aria-current') === 'step');
  if (!current) throw new Error('no current step');
  return current;
}

/** Renders of the app's header: a press of Play must not re-render the app around the player. */
const headerRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/ui/header/Header', async (original) => {
  const mod = await original<typeof import('../../src/ui/header/Header')>();
  const Real = mod.Header as () => React.ReactNode;
  const Counted = () => {
    headerRenders.count += 1;
    return Real();
  };
  return { ...mod, Header: Counted };
});

loadReplayPartsFirst();

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the first screen', () => {
  it('paints the controls and the replay first; the diagram, the ladder, the inspector and the steps come after', async () => {
    // Their code is already here: only the first paint holds them back.
    await Promise.all([import('../../src/ui/diagram/NetworkDiagram'), import('../../src/ui/ladder/Ladder')]);
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    renderApp();
    // Every lazy part's import has resolved: only the first paint (the frame not yet run) holds them back.
    await act(() => vi.dynamicImportSettled());
    expect(screen.getByRole('heading', { level: 2, name: 'Scenario' })).toBeTruthy();
    expect(document.querySelector('.diagram-loading')).not.toBeNull();
    expect(screen.queryByRole('img', { name: /Network diagram/ })).toBeNull();
    expect(screen.queryByRole('region', { name: /Sequence diagram/ })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Steps' })).toBeNull();

    act(() => vi.advanceTimersToNextFrame());
    expect(await screen.findByRole('list', { name: 'Steps' })).toBeTruthy();
    expect(await screen.findByRole('img', { name: /Network diagram/ })).toBeTruthy();
    expect(await screen.findByRole('region', { name: /Sequence diagram/ })).toBeTruthy();
    expect(document.querySelector('.diagram-loading')).toBeNull();
  });

  it('lists the steps of the default scenario (active mode, LIST) and highlights the first', async () => {
    renderApp();
    await screen.findByRole('list', { name: 'Steps' });
    expect(screen.getByRole('heading', { level: 1, name: 'FTP Flow Lab' })).toBeTruthy();
    expect(screen.getByText('Mode: Active (PORT)')).toBeTruthy();
    const items = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(items).toHaveLength(useSim.getState().events.length);
    expect(items.length).toBeGreaterThan(20);
    expect(currentStep()).toBe(items[0]);
    expect(screen.getByText(/The client sends “PORT .*p1\*256\+p2 = \d+\*256\+\d+ = \d+/)).toBeTruthy();
    expect(screen.getByText(/from its port 20/)).toBeTruthy();
    expect(screen.getByRole('status', { name: /Success/ })).toBeTruthy();
  });

  it('moves the highlight with the arrow keys, Home/End and PageUp/PageDown', async () => {
    renderApp();
    await screen.findByRole('list', { name: 'Steps' });
    const items = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(currentStep()).toBe(items[1]);
    fireEvent.keyDown(document.body, { key: 'PageDown' });
    expect(currentStep()).toBe(items[2]);
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(currentStep()).toBe(items[1]);
    fireEvent.keyDown(document.body, { key: 'End' });
    expect(currentStep()).toBe(items[items.length - 1]);
    fireEvent.keyDown(document.body, { key: 'Home' });
    expect(currentStep()).toBe(items[0]);
    fireEvent.keyDown(document.body, { key: 'PageUp' });
    expect(currentStep()).toBe(items[0]);
  });

  it('announces the current step in a polite live region', () => {
    renderApp();
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toMatch(/^Step 2 of \d+: The client opens the control connection/);
  });

  it('steps with the buttons', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(useSim.getState().cursor).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Last step' }));
    expect(useSim.getState().cursor).toBe(useSim.getState().events.length - 1);
    expect(screen.getByRole('button', { name: 'Next step' }).getAttribute('aria-disabled')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(useSim.getState().cursor).toBe(useSim.getState().events.length - 1);
    await user.click(screen.getByRole('button', { name: 'First step' }));
    expect(useSim.getState().cursor).toBe(0);
  });

  it('plays on a timer and pauses', () => {
    vi.useFakeTimers();
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    act(() => vi.advanceTimersByTime(STEP_INTERVAL_MS * 3));
    expect(useSim.getState().cursor).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => vi.advanceTimersByTime(STEP_INTERVAL_MS * 3));
    expect(useSim.getState().cursor).toBe(3);
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(useSim.getState().playing).toBe(true);
  });

  it('switches the language of the whole screen', async () => {
    const user = userEvent.setup();
    renderApp('en');
    await screen.findByRole('list', { name: 'Steps' });
    expect(
      within(currentStep()).getByText(/The server opens a listening socket on 192\.0\.2\.21:21/),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Español' }));
    expect(screen.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');
    expect(
      within(currentStep()).getByText(/El servidor abre un socket a la escucha en 192\.0\.2\.21:21/),
    ).toBeTruthy();
    expect(screen.getByText('Modo: Activo (PORT)')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Pasos' })).toBeTruthy();
    expect(screen.queryByText(/The server opens a listening socket/)).toBeNull();
    expect(document.documentElement.lang).toBe('es');
  });

  it('re-simulates when the client firewall becomes stateful: the replay restarts and the banner says failed', async () => {
    const user = userEvent.setup();
    renderApp();
    fireEvent.keyDown(document.body, { key: 'End' });
    await user.selectOptions(screen.getByLabelText('Client firewall'), 'stateful');
    expect(useSim.getState().scenario.clientFirewall).toBe('stateful');
    expect(useSim.getState().cursor).toBe(0);
    const banner = screen.getByRole('status', { name: /Failed/ });
    expect(
      within(banner).getByText(/Transfer 1 \(LIST\) failed: the data connection was never established/),
    ).toBeTruthy();
    expect(screen.getByText('Firewalls: client stateful, server none')).toBeTruthy();
    expect(screen.getAllByText(/The firewall on the client drops the packet/).length).toBeGreaterThan(0);

    await user.click(within(banner).getByRole('button', { name: 'Go to the step where it went wrong' }));
    expect(currentStep().textContent).toMatch(/opens the data connection from its port 20/);
  });

  it('re-simulates with each control, all labelled', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.selectOptions(screen.getByLabelText('Mode'), 'passive');
    await user.selectOptions(screen.getByLabelText('Server firewall'), 'port21');
    await user.click(screen.getByLabelText('Client behind NAT (home router)'));
    await user.selectOptions(screen.getByLabelText('Server NAT'), 'public');
    await user.click(screen.getByLabelText('FTP helper on firewalls and routers'));
    await user.selectOptions(screen.getByLabelText('Client data ports'), 'realistic');
    const s = useSim.getState().scenario;
    expect(s).toMatchObject({
      mode: 'passive',
      serverFirewall: 'port21',
      clientNat: true,
      serverNat: 'public',
      helper: true,
    });
    expect(s.client.dataPort).toBe('realistic');
    expect(
      within(screen.getByRole('list', { name: 'Steps' })).getByText(/227 Entering Passive Mode/),
    ).toBeTruthy();
  });

  it('leaves the arrow keys to a focused select', () => {
    renderApp();
    const select = screen.getByLabelText('Mode');
    select.focus();
    fireEvent.keyDown(select, { key: 'ArrowRight' });
    expect(useSim.getState().cursor).toBe(0);
  });
});

describe('the replay’s timer', () => {
  it('starts and stops without re-rendering the app around the player', async () => {
    renderApp();
    // Everything that arrives after the first paint has arrived.
    await screen.findByRole('list', { name: 'Steps' });
    await screen.findByRole('img', { name: /Network diagram/ });
    await screen.findByRole('region', { name: /Sequence diagram/ });
    const before = headerRenders.count;
    act(() => useSim.getState().play());
    expect(await screen.findByRole('button', { name: 'Pause' })).toBeTruthy();
    act(() => useSim.getState().pause());
    expect(await screen.findByRole('button', { name: 'Play' })).toBeTruthy();
    expect(headerRenders.count).toBe(before);
  });
});
