import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { App } from '../../../src/ui/App';
import { presentationActionFor } from '../../../src/ui/presentation/presentationKeys';

// jsdom does not load the CSS a component imports: add the presentation styles so visibility is real.
const presentationCss = readFileSync(`${process.cwd()}/src/ui/presentation/presentation.css`, 'utf8');
let style: HTMLStyleElement;

function renderApp() {
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <App />
    </I18nextProvider>,
  );
}

const presenting = () => useSim.getState().presenting;
const button = () => screen.getByRole('button', { name: 'Presentation mode' });

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  window.history.replaceState(null, '', '/');
  style = document.createElement('style');
  style.textContent = presentationCss;
  document.head.append(style);
});

afterEach(() => {
  cleanup();
  style.remove();
  vi.restoreAllMocks();
  Reflect.deleteProperty(document.documentElement, 'requestFullscreen');
  Reflect.deleteProperty(document, 'fullscreenElement');
  Reflect.deleteProperty(document, 'exitFullscreen');
});

describe('presentation mode', () => {
  it('hides the editing controls, tabs and step list, and keeps the narration and the player', async () => {
    const user = userEvent.setup();
    renderApp();
    // The simulator loads on demand, like every view.
    expect(await screen.findByRole('form', { name: 'Scenario' })).toBeTruthy();
    expect(screen.getByRole('tablist', { name: 'Views' })).toBeTruthy();
    await user.click(button());
    expect(presenting()).toBe(true);
    expect(button().getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.hasAttribute('data-presenting')).toBe(true);
    expect(screen.queryByRole('form', { name: 'Scenario' })).toBeNull();
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Steps' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Replay controls' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Current step' })).toBeTruthy();
    expect(screen.getByText('Esc or P to leave')).toBeTruthy();
    await user.click(button());
    expect(presenting()).toBe(false);
    expect(document.documentElement.hasAttribute('data-presenting')).toBe(false);
    expect(screen.getByRole('form', { name: 'Scenario' })).toBeTruthy();
  });

  it('hides whatever is marked data-presentation="hidden" (export menus)', () => {
    renderApp();
    const menu = document.createElement('div');
    menu.setAttribute('role', 'menu');
    menu.setAttribute('aria-label', 'Export');
    menu.dataset.presentation = 'hidden';
    document.body.append(menu);
    expect(screen.getByRole('menu', { name: 'Export' })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'p' });
    expect(screen.queryByRole('menu', { name: 'Export' })).toBeNull();
    menu.remove();
  });

  it('toggles with P, leaves with Escape, and steps with the clicker keys', () => {
    renderApp();
    fireEvent.keyDown(document.body, { key: 'P' });
    expect(presenting()).toBe(true);
    fireEvent.keyDown(document.body, { key: 'PageDown' });
    fireEvent.keyDown(document.body, { key: 'PageDown' });
    fireEvent.keyDown(document.body, { key: 'PageUp' });
    expect(useSim.getState().cursor).toBe(1);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(presenting()).toBe(false);
    fireEvent.keyDown(document.body, { key: 'p' });
    fireEvent.keyDown(document.body, { key: 'p' });
    expect(presenting()).toBe(false);
  });

  it('asks for full screen when the browser offers it, and leaves the mode when full screen ends', async () => {
    const requestFullscreen = vi.fn(() => {
      Object.defineProperty(document, 'fullscreenElement', {
        value: document.documentElement,
        configurable: true,
      });
      return Promise.resolve();
    });
    Object.defineProperty(document.documentElement, 'requestFullscreen', {
      value: requestFullscreen,
      configurable: true,
    });
    renderApp();
    const user = userEvent.setup();
    await user.click(button());
    expect(requestFullscreen).toHaveBeenCalledOnce();
    expect(presenting()).toBe(true);
    // The browser leaves full screen on Escape by itself; the page sees only the change.
    Object.defineProperty(document, 'fullscreenElement', { value: null, configurable: true });
    fireEvent(document, new Event('fullscreenchange'));
    expect(presenting()).toBe(false);
  });

  it('still works when full screen is refused', async () => {
    const requestFullscreen = vi.fn(() => Promise.reject(new Error('not allowed')));
    Object.defineProperty(document.documentElement, 'requestFullscreen', {
      value: requestFullscreen,
      configurable: true,
    });
    renderApp();
    fireEvent.keyDown(document.body, { key: 'p' });
    await Promise.resolve();
    expect(presenting()).toBe(true);
  });
});

describe('presentationActionFor', () => {
  const key = (k: string, target: EventTarget | null = document.body, mods = {}) => ({
    key: k,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    target,
    ...mods,
  });

  it('leaves P to text fields and Ctrl+P to printing', () => {
    const input = document.createElement('input');
    expect(presentationActionFor(key('p', input), false)).toBeUndefined();
    expect(presentationActionFor(key('p', document.body, { ctrlKey: true }), false)).toBeUndefined();
    expect(presentationActionFor(key('p'), false)).toBe('toggle');
  });

  it('uses Escape only while presenting', () => {
    expect(presentationActionFor(key('Escape'), false)).toBeUndefined();
    expect(presentationActionFor(key('Escape'), true)).toBe('leave');
  });
});
