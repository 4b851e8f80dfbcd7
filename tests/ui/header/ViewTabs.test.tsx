import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lazy } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';

// A registry of three views, the last loaded on demand, as others will append them to ui/views.ts, and
// a fourth with a tab only while a capture is open.
let resolveLazy: (() => void) | undefined;
vi.mock('../../../src/ui/views', async () => {
  const { SimulatorView } = await import('../../../src/ui/SimulatorView');
  return {
    VIEWS: [
      { id: 'simulator', labelKey: 'shell.views.simulator', component: SimulatorView, showsScenario: true },
      { id: 'second', labelKey: 'test.second', component: () => <p>Second view</p>, showsScenario: true },
      {
        id: 'third',
        labelKey: 'test.third',
        component: lazy(
          () =>
            new Promise<{ default: () => React.JSX.Element }>((resolve) => {
              resolveLazy = () => resolve({ default: () => <p>Third view</p> });
            }),
        ),
        showsScenario: false,
      },
      {
        id: 'capture',
        labelKey: 'shell.views.capture',
        component: () => <p>Capture view</p>,
        showsScenario: false,
        tabOnlyWithCapture: true,
      },
    ],
  };
});

const { App } = await import('../../../src/ui/App');

function renderApp() {
  const i18n = createI18n('en');
  i18n.addResourceBundle('en', 'translation', { test: { second: 'Second', third: 'Third' } }, true);
  render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  window.history.replaceState(null, '', '/');
});

afterEach(cleanup);

describe('the view tabs', () => {
  it('renders one tab per view of the registry, the current one selected and in the Tab order', () => {
    renderApp();
    const tablist = screen.getByRole('tablist', { name: 'Views' });
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Simulator', 'Second', 'Third']);
    expect(tablist.contains(tabs[0] ?? null)).toBe(true);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    const panel = screen.getByRole('tabpanel');
    expect(tabs[0]?.getAttribute('aria-controls')).toBe(panel.id);
    expect(screen.getByRole('navigation', { name: 'Views' }).contains(tablist)).toBe(true);
    expect(screen.getByRole('form', { name: 'Scenario' })).toBeTruthy();
  });

  it('has a tab for the capture view only while a capture is open or that view is shown', async () => {
    renderApp();
    expect(screen.queryByRole('tab', { name: 'Capture' })).toBeNull();
    const events = useSim.getState().events;
    act(() =>
      useSim.getState().showCapture({
        events,
        transfers: [],
        outcome: 'success',
        scenario: useSim.getState().scenario,
        capturePoint: 'client',
      }),
    );
    const tab = screen.getByRole('tab', { name: 'Capture' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    // The arrow keys go round the tabs there are: from the last, Capture, to the first.
    fireEvent.keyDown(tab, { key: 'ArrowRight' });
    expect(useSim.getState().view).toBe('simulator');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Simulator' }), { key: 'End' });
    expect(useSim.getState().view).toBe('capture');
    act(() => useSim.getState().closeCapture());
    expect(screen.queryByRole('tab', { name: 'Capture' })).toBeNull();
    // A link straight to the capture view has its tab, with the way to open one.
    act(() => useSim.getState().setView('capture'));
    expect(screen.getByRole('tab', { name: 'Capture', selected: true })).toBeTruthy();
  });

  it('shows a view on click and keeps it in the store', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('tab', { name: 'Second' }));
    expect(useSim.getState().view).toBe('second');
    expect(screen.getByRole('tabpanel').textContent).toBe('Second view');
    expect(screen.queryByRole('form', { name: 'Scenario' })).toBeNull();
  });

  it('names the simulator’s scenario in the header only over the views that show it', async () => {
    const user = userEvent.setup();
    renderApp();
    expect(screen.getByRole('region', { name: 'Current scenario' })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Third' }));
    expect(screen.queryByRole('region', { name: 'Current scenario' })).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'Second' }));
    expect(screen.getByRole('region', { name: 'Current scenario' })).toBeTruthy();
  });

  it('moves with ←/→ (wrapping) and Home/End, without moving the replay', () => {
    renderApp();
    const tab = (name: string) => screen.getByRole('tab', { name });
    tab('Simulator').focus();
    fireEvent.keyDown(tab('Simulator'), { key: 'ArrowRight' });
    expect(useSim.getState().view).toBe('second');
    expect(document.activeElement).toBe(tab('Second'));
    fireEvent.keyDown(tab('Second'), { key: 'ArrowLeft' });
    fireEvent.keyDown(tab('Simulator'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tab('Third'));
    fireEvent.keyDown(tab('Third'), { key: 'Home' });
    expect(document.activeElement).toBe(tab('Simulator'));
    fireEvent.keyDown(tab('Simulator'), { key: 'End' });
    expect(useSim.getState().view).toBe('third');
    // None of these reached the replay keys, nor do PageDown or Space on a tab.
    fireEvent.keyDown(tab('Third'), { key: 'PageDown' });
    fireEvent.keyDown(tab('Third'), { key: ' ' });
    expect(useSim.getState().cursor).toBe(0);
    expect(useSim.getState().playing).toBe(false);
    // Out of the tablist the arrows belong to the page while another view is shown, and step the
    // replay again once the simulator is back.
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(useSim.getState().cursor).toBe(0);
    fireEvent.keyDown(tab('Third'), { key: 'Home' });
    expect(useSim.getState().view).toBe('simulator');
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(useSim.getState().cursor).toBe(1);
  });

  it('shows a loading status while a lazy view loads, then the view', async () => {
    renderApp();
    fireEvent.click(screen.getByRole('tab', { name: 'Third' }));
    expect(screen.getByText('Loading…').getAttribute('role')).toBe('status');
    await act(async () => {
      resolveLazy?.();
      await Promise.resolve();
    });
    expect(await screen.findByText('Third view')).toBeTruthy();
  });

  it('falls back to the first view when the store names one that does not exist', () => {
    useSim.getState().setView('gone');
    renderApp();
    expect(screen.getByRole('tab', { name: 'Simulator' }).getAttribute('aria-selected')).toBe('true');
  });
});
