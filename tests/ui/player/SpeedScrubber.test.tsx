import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { PlayerControls } from '../../../src/ui/player/PlayerControls';
import { STEP_INTERVAL_MS, usePlaybackTimer } from '../../../src/ui/player/usePlaybackTimer';
import { usePlayerKeys } from '../../../src/ui/player/usePlayerKeys';

function Player() {
  usePlayerKeys();
  usePlaybackTimer();
  return <PlayerControls />;
}

function renderPlayer(language: Language = 'en') {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <Player />
    </I18nextProvider>,
  );
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the speed', () => {
  it('offers 0.5×, 1×, 2× and 4× as a labelled radio group, 1× chosen', () => {
    renderPlayer();
    const group = screen.getByRole('group', { name: 'Speed' });
    const radios = screen.getAllByRole('radio');
    expect(group.contains(radios[0] ?? null)).toBe(true);
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['0.5', '1', '2', '4']);
    expect((screen.getByRole('radio', { name: '1×' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('radio', { name: '0.5×' })).toBeTruthy();
  });

  it('writes the numbers the language’s way', () => {
    renderPlayer('es');
    expect(screen.getByRole('group', { name: 'Velocidad' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '0,5×' })).toBeTruthy();
  });

  it('plays 4× faster at 4× and half as fast at 0.5×', async () => {
    vi.useFakeTimers();
    renderPlayer();
    fireEvent.click(screen.getByRole('radio', { name: '4×' }));
    expect(useSim.getState().speed).toBe(4);
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    act(() => vi.advanceTimersByTime(STEP_INTERVAL_MS));
    expect(useSim.getState().cursor).toBe(4);
    fireEvent.click(screen.getByRole('radio', { name: '0.5×' }));
    act(() => vi.advanceTimersByTime(STEP_INTERVAL_MS * 2));
    expect(useSim.getState().cursor).toBe(5);
  });

  it('keeps the arrow keys for the radio group when it has the focus', () => {
    renderPlayer();
    const radio = screen.getByRole('radio', { name: '1×' });
    radio.focus();
    fireEvent.keyDown(radio, { key: 'ArrowRight' });
    expect(useSim.getState().cursor).toBe(0);
  });
});

describe('the scrubber', () => {
  it('is a slider over all the steps, read as the step number and time', () => {
    renderPlayer();
    const slider = screen.getByRole('slider', { name: 'Go to step' }) as HTMLInputElement;
    const total = useSim.getState().events.length;
    expect(slider.min).toBe('1');
    expect(slider.max).toBe(String(total));
    expect(slider.value).toBe('1');
    expect(slider.getAttribute('aria-valuetext')).toBe(`Step 1 of ${total} · 0.000000 s`);
  });

  it('seeks where it is moved, and follows the replay', () => {
    renderPlayer();
    const slider = screen.getByRole('slider', { name: 'Go to step' }) as HTMLInputElement;
    fireEvent.change(slider, { target: { value: '14' } });
    expect(useSim.getState().cursor).toBe(13);
    expect(slider.getAttribute('aria-valuetext')).toMatch(/^Step 14 of \d+ · \d\.\d{6} s$/);
    fireEvent.keyDown(document.body, { key: 'End' });
    expect(slider.value).toBe(String(useSim.getState().events.length));
  });

  it('keeps its own arrow keys: the replay keys do not step twice', () => {
    renderPlayer();
    const slider = screen.getByRole('slider', { name: 'Go to step' });
    slider.focus();
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    fireEvent.keyDown(slider, { key: 'PageDown' });
    expect(useSim.getState().cursor).toBe(0);
  });

  it('shows the position in Spanish, with a decimal comma', async () => {
    const user = userEvent.setup();
    renderPlayer('es');
    await user.click(screen.getByRole('button', { name: 'Último paso' }));
    const slider = screen.getByRole('slider', { name: 'Ir al paso' });
    expect(slider.getAttribute('aria-valuetext')).toMatch(/^Paso \d+ de \d+ · \d+,\d{6} s$/);
  });
});
