import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n } from '../../../src/i18n';
import { isDropStep } from '../../../src/store/selectors';
import { useSim } from '../../../src/store/simStore';
import { CurrentStep } from '../../../src/ui/narration/CurrentStep';
import { narrationText } from '../../../src/ui/narration/localizeParams';

const i18n = createI18n('en');

function renderStep() {
  return render(
    <I18nextProvider i18n={i18n}>
      <CurrentStep />
    </I18nextProvider>,
  );
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  const parsed = parseScenario({ clientFirewall: 'stateful' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  act(() => useSim.getState().setScenario(parsed.scenario));
});

afterEach(cleanup);

describe('the narration keeps the same room at every step', () => {
  it('keeps the room of the session’s longest sentence, unseen and with no second copy of its words', () => {
    const { container } = renderStep();
    const texts = useSim.getState().events.map((e) => narrationText(e, i18n.t));
    const longest = texts.reduce((a, b) => (b.length > a.length ? b : a));
    const rooms = [...container.querySelectorAll('.current-text-sizer')];
    expect(rooms.map((r) => r.getAttribute('data-words'))).toContain(longest);
    for (const room of rooms) {
      expect(room.classList.contains('keeps-room')).toBe(true);
      expect(room.getAttribute('aria-hidden')).toBe('true');
      expect(room.textContent).toBe('');
    }
    // The step's own sentence is the only one with words in the page.
    expect(screen.getByText(texts[0] ?? '')).toBeTruthy();
    expect(screen.queryByText(longest)).toBeNull();
  });

  it('keeps a drop’s badge room at the steps without one, in a session with drops', () => {
    const { container } = renderStep();
    const badge = () => container.querySelector('.drop-badge');
    expect(badge()?.classList.contains('keeps-room')).toBe(true);
    expect(badge()?.textContent).toBe('');
    expect(badge()?.getAttribute('data-words')).toBe('✗ dropped');

    const drop = useSim.getState().events.findIndex(isDropStep);
    expect(drop).toBeGreaterThan(0);
    act(() => useSim.getState().seek(drop));
    expect(badge()?.classList.contains('keeps-room')).toBe(false);
    expect(badge()?.textContent).toBe('✗ dropped');
  });

  it('keeps no badge room in a session without drops', () => {
    const parsed = parseScenario({});
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    act(() => useSim.getState().setScenario(parsed.scenario));
    const { container } = renderStep();
    expect(container.querySelector('.drop-badge')).toBeNull();
  });
});
