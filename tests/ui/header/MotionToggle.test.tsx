import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { App } from '../../../src/ui/App';
import { prefersReducedMotion } from '../../../src/ui/reducedMotion';

function renderApp() {
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <App />
    </I18nextProvider>,
  );
}

/** A fake `matchMedia` whose reduced-motion answer can change while the page is open. */
function fakeSystem(reduce: boolean) {
  const listeners = new Set<(e: { matches: boolean }) => void>();
  const query = {
    matches: reduce,
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.delete(l),
  };
  vi.stubGlobal('matchMedia', () => query);
  return (next: boolean) => {
    query.matches = next;
    for (const l of listeners) l({ matches: next });
  };
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('reduce motion', () => {
  it('is off by default and can be chosen; the store and <html> say so', async () => {
    fakeSystem(false);
    const user = userEvent.setup();
    renderApp();
    const box = screen.getByRole('checkbox', { name: 'Reduce motion' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(prefersReducedMotion()).toBe(false);
    await user.click(box);
    expect(useSim.getState().reducedMotion).toBe(true);
    expect(document.documentElement.hasAttribute('data-reduced-motion')).toBe(true);
    expect(prefersReducedMotion()).toBe(true);
    await user.click(box);
    expect(useSim.getState().reducedMotion).toBe(false);
    expect(document.documentElement.hasAttribute('data-reduced-motion')).toBe(false);
  });

  it('follows the system setting, also when it changes, and then cannot be turned off', () => {
    const setSystem = fakeSystem(true);
    renderApp();
    const box = screen.getByRole('checkbox', { name: 'Reduce motion' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
    expect(screen.getByText('(on in your system settings)')).toBeTruthy();
    expect(useSim.getState().reducedMotion).toBe(true);
    act(() => setSystem(false));
    expect(useSim.getState().reducedMotion).toBe(false);
    expect(box.disabled).toBe(false);
  });
});
