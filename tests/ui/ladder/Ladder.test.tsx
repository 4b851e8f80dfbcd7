import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScenarioInput } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { Ladder } from '../../../src/ui/ladder/Ladder';
import { ladderLayout } from '../../../src/ui/ladder/layout';

function useScenario(input: ScenarioInput): void {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  act(() => useSim.getState().setScenario(parsed.scenario));
}

function renderLadder(language: Language = 'en') {
  const i18n = createI18n(language);
  const view = render(
    <I18nextProvider i18n={i18n}>
      <Ladder />
    </I18nextProvider>,
  );
  return { i18n, ...view };
}

/** The value, or a failed test when it is missing. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('missing value');
  return value;
}

const listbox = () => screen.getByRole('listbox');
const options = () => within(listbox()).getAllByRole('option');
const selected = () => options().filter((o) => o.getAttribute('aria-selected') === 'true');

/** The drawn arrows (the SVG is hidden from assistive technology: the options speak for it). */
function drawnArrows(container: HTMLElement): SVGGElement[] {
  return Array.from(container.querySelectorAll<SVGGElement>('svg g[data-kind="arrow"]'));
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(() => {
  cleanup();
});

describe('the ladder diagram', () => {
  it('has one option per step, the current one selected', () => {
    const { container } = renderLadder();
    const events = useSim.getState().events;
    expect(screen.getByRole('heading', { name: 'Sequence diagram' })).toBeTruthy();
    expect(options()).toHaveLength(events.length);
    expect(selected()).toEqual([options()[0]]);
    expect(options()[1]?.textContent).toMatch(/^Step 2, 0\.000000 s, control: Client → Server, SYN$/);
    expect(drawnArrows(container).length).toBe(events.filter((e) => 'packet' in e).length);
  });

  it('labels arrows with TCP flags, FTP lines and byte counts', () => {
    const { container } = renderLadder();
    const labels = drawnArrows(container).map((g) => g.querySelector('text')?.textContent);
    expect(labels).toContain('SYN');
    expect(labels).toContain('SYN, ACK');
    expect(labels).toContain('USER anonymous');
    expect(labels).toContain('220 (vsFTPd 3.0.3)');
    expect(labels.some((l) => /^PORT \d+,\d+,\d+,\d+,\d+,\d+$/.test(l ?? ''))).toBe(true);
    expect(labels.some((l) => /^\d+ bytes$/.test(l ?? ''))).toBe(true);
    // Control solid, data dashed.
    const line = (conn: string) =>
      container
        .querySelector(`g[data-kind="arrow"][data-conn="${conn}"] line`)
        ?.getAttribute('stroke-dasharray');
    expect(line('control')).toBeNull();
    expect(line('data')).toBeTruthy();
  });

  it('seeks to a step when its arrow is clicked, and marks it selected', async () => {
    const user = userEvent.setup();
    renderLadder();
    const port = options().find((o) => /: Client → Server, PORT /.test(o.textContent ?? ''));
    expect(port).toBeDefined();
    await user.click(must(port));
    const index = Number(must(port).dataset.index);
    expect(useSim.getState().cursor).toBe(index);
    expect(selected()).toEqual([port]);
  });

  it('follows the cursor when the replay moves, and dims the steps after it', () => {
    const { container } = renderLadder();
    act(() => useSim.getState().seek(5));
    expect(selected()).toEqual([options()[5]]);
    expect(listbox().getAttribute('aria-activedescendant')).toBe(options()[5]?.id);
    const layout = ladderLayout(useSim.getState().events);
    const row = must(layout.rows[5]);
    const veil = container.querySelector<HTMLElement>('.ladder-veil');
    expect(parseFloat(must(veil).style.top)).toBeCloseTo(((row.top + row.height) / layout.height) * 100, 5);
  });

  it('moves with ↑/↓ and goes to the step with Enter, leaving the player keys alone', () => {
    renderLadder();
    const box = listbox();
    box.focus();
    expect(box.tabIndex).toBe(0);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[2]?.id);
    expect(useSim.getState().cursor).toBe(0);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(useSim.getState().cursor).toBe(2);
    expect(selected()).toEqual([options()[2]]);
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    // ←/→, Space, Home/End, PageUp/PageDown belong to the player: not handled (nor prevented) here.
    for (const key of ['ArrowLeft', 'ArrowRight', ' ', 'Home', 'End', 'PageUp', 'PageDown'])
      expect(fireEvent.keyDown(box, { key })).toBe(true);
    expect(useSim.getState().cursor).toBe(2);
    // Moving the cursor by other means (the player) brings the keyboard's row back to it.
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    act(() => useSim.getState().seek(10));
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[10]?.id);
    act(() => useSim.getState().seek(2));
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[2]?.id);
  });

  it('shows the five dropped data SYNs ending in a cross at the client, with the rule', () => {
    useScenario({ clientFirewall: 'stateful', server: { connectTimeout: 5 } });
    const { container } = renderLadder();
    const dropped = drawnArrows(container).filter((g) => g.dataset.end === 'dropped');
    expect(dropped).toHaveLength(5);
    for (const g of dropped) {
      expect(g.dataset.conn).toBe('data');
      const texts = Array.from(g.querySelectorAll('text')).map((t) => t.textContent);
      expect(texts[0]).toMatch(/^SYN( \(retransmission [1-4]\))?$/);
      expect(texts[1]).toBe('dropped by -P INPUT DROP');
      expect(g.querySelectorAll('line')).toHaveLength(3); // the shaft and the two strokes of the ✗
      expect(g.querySelector('polygon')).toBeNull();
    }
    const spoken = options().filter((o) =>
      /; dropped at the client by -P INPUT DROP$/.test(o.textContent ?? ''),
    );
    expect(spoken).toHaveLength(5);
    expect(spoken.every((o) => / Server → Client, SYN/.test(o.textContent ?? ''))).toBe(true);
    // The waits between retransmissions are marked, not drawn to scale.
    const gaps = Array.from(container.querySelectorAll('g[data-kind="gap"] text')).map((t) => t.textContent);
    expect(gaps).toContain('+1.0 s');
    // The firewall verdicts appear as notes on the client's lifeline.
    const notes = Array.from(container.querySelectorAll('g[data-kind="note"][data-tone="drop"] text'));
    expect(notes.map((n) => n.textContent)).toContain('firewall drops (new connection)');
  });

  it('draws a router only when something happens there', () => {
    useScenario({ clientNat: true, helper: true });
    const { container } = renderLadder();
    const titles = Array.from(container.querySelectorAll('.ladder-head text')).map((t) => t.textContent);
    expect(titles).toEqual(expect.arrayContaining(['Client', "Client's router", 'Server']));
    expect(titles).not.toContain("Server's router");
    const notes = Array.from(container.querySelectorAll('g[data-kind="note"] text')).map(
      (t) => t.textContent,
    );
    expect(notes.some((n) => /^FTP helper: 192,168,1,10,\d+,\d+ → 203,0,113,1,\d+,\d+$/.test(n ?? ''))).toBe(
      true,
    );
    expect(notes.some((n) => /^SNAT 192\.168\.1\.10:\d+ → 203\.0\.113\.1:\d+$/.test(n ?? ''))).toBe(true);
  });

  it('relabels everything when the language changes', async () => {
    useScenario({ clientFirewall: 'stateful', server: { connectTimeout: 5 } });
    const { i18n, container } = renderLadder('en');
    expect(container.querySelector('.ladder-head')?.textContent).toContain('control connection');
    await act(async () => {
      await i18n.changeLanguage('es');
    });
    expect(screen.getByRole('heading', { name: 'Diagrama de secuencia' })).toBeTruthy();
    const head = container.querySelector('.ladder-head')?.textContent ?? '';
    expect(head).toContain('Cliente');
    expect(head).toContain('Servidor');
    expect(head).toContain('conexión de control');
    expect(head).toContain('tiempo (s)');
    const svgText = container.querySelector('.ladder-canvas svg')?.textContent ?? '';
    expect(svgText).toContain('descartado por -P INPUT DROP');
    expect(svgText).toContain('SYN (retransmisión 1)');
    expect(svgText).toContain('0,000000'); // Spanish decimal comma
    expect(svgText).not.toContain('dropped by');
    expect(options()[1]?.textContent).toMatch(/^Paso 2, 0,000000 s, control: Cliente → Servidor, SYN$/);
  });
});
