import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultScenario } from '../../../src/engine';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { App } from '../../../src/ui/App';
import { startLanguage } from '../../../src/ui/permalink/linkLanguage';
import { restorePermalink } from '../../../src/ui/permalink/restore';
import { CURSOR_URL_DELAY_MS } from '../../../src/ui/permalink/usePermalinkSync';
import { VIEWS } from '../../../src/ui/views';

const VIEW_IDS = VIEWS.map((v) => v.id);

/** What the app does at start (main.tsx, startApp.tsx): restore the link, then render in its language. */
function openLink(search: string, browserLanguage: Language = 'en') {
  window.history.replaceState(null, '', `/${search}`);
  restorePermalink(window.location.search, VIEW_IDS, useSim);
  const i18n = createI18n(startLanguage(window.location.search, browserLanguage));
  render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
  return i18n;
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('opening a permalink', () => {
  it('restores the scenario, the step, presentation mode and the language', () => {
    openLink('?mode=passive&cfw=stateful&cmd=LIST,RETR:hello.txt&step=14&lang=es&present=1');
    const s = useSim.getState();
    expect(s.scenario.mode).toBe('passive');
    expect(s.scenario.clientFirewall).toBe('stateful');
    expect(s.scenario.commands).toEqual([{ verb: 'LIST' }, { verb: 'RETR', file: 'hello.txt' }]);
    expect(s.cursor).toBe(13);
    expect(s.presenting).toBe(true);
    expect(document.documentElement.lang).toBe('es');
    expect(screen.getByText('Modo: Pasivo (PASV)')).toBeTruthy();
    expect(screen.queryByText(/No se pudo leer este enlace/)).toBeNull();
    // The URL stays the link it was.
    expect(window.location.search).toBe(
      '?mode=passive&cmd=LIST,RETR:hello.txt&cfw=stateful&step=14&lang=es&present=1',
    );
  });

  it.each([
    ['an unknown mode', '?mode=turbo&step=3'],
    ['a step beyond the last', '?mode=passive&step=9999'],
    ['garbage', '?<script>=%%%'],
    ['an unknown view', '?view=admin'],
  ])('shows a notice and opens the default scenario for %s', async (_, search) => {
    const user = userEvent.setup();
    openLink(search);
    const s = useSim.getState();
    expect(s.scenario).toEqual(defaultScenario());
    expect(s.cursor).toBe(0);
    expect(s.view).toBe('simulator');
    const notice = screen.getByText(/This link could not be read/);
    expect(notice.closest('[role="status"]')).toBeTruthy();
    // The address bar no longer holds the broken link.
    expect(window.location.search).toBe('?lang=en');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/This link could not be read/)).toBeNull();
    // The simulator loads on demand, like every view.
    expect(await screen.findByRole('form', { name: 'Scenario' })).toBeTruthy();
  });

  it('says it in the link’s language when that part is valid', () => {
    openLink('?mode=turbo&lang=es');
    expect(screen.getByText(/No se pudo leer este enlace/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cerrar aviso' })).toBeTruthy();
  });

  it('uses the browser’s language when the link names none', () => {
    openLink('?mode=epsv', 'es');
    expect(document.documentElement.lang).toBe('es');
    expect(window.location.search).toBe('?mode=epsv&lang=es');
  });

  it('does nothing for an address without a query', () => {
    restorePermalink('', VIEW_IDS, useSim);
    expect(useSim.getState().scenario).toEqual(defaultScenario());
    expect(useSim.getState().linkNotice).toBe(false);
  });
});

describe('the URL follows the screen', () => {
  it('writes a changed setting and the language at once, without adding history entries', async () => {
    const user = userEvent.setup();
    openLink('');
    const length = window.history.length;
    expect(window.location.search).toBe('?lang=en');
    await user.selectOptions(await screen.findByLabelText('Mode'), 'passive');
    expect(window.location.search).toBe('?mode=passive&lang=en');
    await user.click(screen.getByRole('button', { name: 'Español' }));
    expect(window.location.search).toBe('?mode=passive&lang=es');
    await user.click(screen.getByRole('button', { name: 'Modo presentación' }));
    expect(window.location.search).toBe('?mode=passive&lang=es&present=1');
    expect(window.history.length).toBe(length);
  });

  it('writes the step once the cursor rests', () => {
    vi.useFakeTimers();
    openLink('');
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(window.location.search).toBe('?lang=en');
    act(() => vi.advanceTimersByTime(CURSOR_URL_DELAY_MS));
    expect(window.location.search).toBe('?step=3&lang=en');
    fireEvent.keyDown(document.body, { key: 'Home' });
    act(() => vi.advanceTimersByTime(CURSOR_URL_DELAY_MS));
    expect(window.location.search).toBe('?lang=en');
  });

  it('round-trips: the written link opens the same state', async () => {
    const user = userEvent.setup();
    openLink('');
    await user.selectOptions(await screen.findByLabelText('Mode'), 'epsv');
    await user.click(screen.getByRole('button', { name: 'Add a command' }));
    await user.selectOptions(screen.getByLabelText('Command 2'), 'STOR');
    fireEvent.keyDown(document.body, { key: 'End' });
    // The step is written to the address after a pause (CURSOR_URL_DELAY_MS): wait until it is there.
    await waitFor(() => expect(window.location.search).toContain(`step=${useSim.getState().cursor + 1}`));
    const before = useSim.getState();
    const link = window.location.search;
    cleanup();
    useSim.setState(useSim.getInitialState(), true);
    openLink(link);
    const after = useSim.getState();
    expect(after.scenario).toEqual(before.scenario);
    expect(after.cursor).toBe(before.cursor);
    expect(after.linkNotice).toBe(false);
  });

  it('makes a new history entry for a new view, and Back returns to the view and state before', async () => {
    const user = userEvent.setup();
    openLink('?mode=passive&step=4');
    const length = window.history.length;
    await user.click(screen.getByRole('tab', { name: 'Quiz' }));
    expect(window.history.length).toBe(length + 1);
    expect(window.location.search).toBe('?mode=passive&step=4&view=quiz&lang=en');

    // A quiz's "Show me": another scenario, a step and the simulator at once make one entry.
    act(() => {
      const s = useSim.getState();
      s.setScenario({ ...s.scenario, mode: 'active', clientFirewall: 'stateful' });
      s.seek(9);
      s.setView('simulator');
    });
    await act(() => Promise.resolve());
    expect(window.history.length).toBe(length + 2);
    expect(window.location.search).toBe('?cfw=stateful&step=10&lang=en');

    act(() => window.history.back());
    await waitFor(() => expect(useSim.getState().view).toBe('quiz'));
    expect(useSim.getState().scenario.mode).toBe('passive');
    expect(useSim.getState().scenario.clientFirewall).toBe('none');
    expect(useSim.getState().cursor).toBe(3);
    expect(window.location.search).toBe('?mode=passive&step=4&view=quiz&lang=en');

    act(() => window.history.back());
    await waitFor(() => expect(useSim.getState().view).toBe('simulator'));
    expect(window.location.search).toBe('?mode=passive&step=4&lang=en');
    act(() => window.history.forward());
    await waitFor(() => expect(useSim.getState().view).toBe('quiz'));
  });

  it('writes a step still waiting into the entry it belongs to before a new view', async () => {
    openLink('');
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    // Before the step had time to rest (CURSOR_URL_DELAY_MS), the learner opens another view.
    act(() => useSim.getState().setView('quiz'));
    await act(() => Promise.resolve());
    expect(window.location.search).toBe('?step=2&view=quiz&lang=en');
    act(() => window.history.back());
    await waitFor(() => expect(useSim.getState().view).toBe('simulator'));
    expect(window.location.search).toBe('?step=2&lang=en');
    expect(useSim.getState().cursor).toBe(1);
  });
});
