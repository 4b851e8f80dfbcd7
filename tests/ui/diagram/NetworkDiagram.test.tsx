import { act, cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPacketEvent, type ScenarioInput, type StepEvent } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n, type Language } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import { diagramLayout } from '../../../src/ui/diagram/layout';
import { NetworkDiagram } from '../../../src/ui/diagram/NetworkDiagram';

/** The diagram asks for its layout once per render: counting the calls counts its renders. */
const layoutCalls = vi.hoisted(() => vi.fn());
vi.mock('../../../src/ui/diagram/layout', async (original) => {
  const real = await original<typeof import('../../../src/ui/diagram/layout')>();
  return {
    ...real,
    diagramLayout: (...args: Parameters<typeof real.diagramLayout>) => {
      layoutCalls();
      return real.diagramLayout(...args);
    },
  };
});

function renderDiagram(language: Language = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <NetworkDiagram />
    </I18nextProvider>,
  );
}

/** Loads a scenario into the store, as the controls do. */
function load(input: ScenarioInput) {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  act(() => useSim.getState().setScenario(parsed.scenario));
}

/** Moves the replay to the first event matching `pick`, and returns it. */
function seekTo(pick: (e: StepEvent) => boolean): StepEvent {
  const event = useSim.getState().events.find(pick);
  if (!event) throw new Error('no such event');
  act(() => useSim.getState().seek(event.index));
  return event;
}

function device(container: HTMLElement, id: string): HTMLElement {
  const el = container.querySelector<HTMLElement>(`[data-device="${id}"]`);
  if (!el) throw new Error(`no box for ${id}`);
  return el;
}

/** Each socket row of a host box as `STATE · connection` (not those fading out as they leave). */
function sockets(box: HTMLElement): string[] {
  return [...box.querySelectorAll('.socket:not([data-leaving])')].map(
    (row) =>
      `${row.querySelector('.socket-state')?.textContent} · ${row.querySelector('.socket-conn')?.textContent}`,
  );
}

function packet(container: HTMLElement): HTMLElement {
  const el = container.querySelector<HTMLElement>('.packet');
  if (!el) throw new Error('no packet drawn');
  return el;
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the network diagram', () => {
  it('shows the client, the server and their addresses for the default scenario', () => {
    const { container } = renderDiagram();
    const figure = screen.getByRole('img', { name: /Network diagram/ });
    expect(figure.querySelector('desc')?.textContent).toMatch(
      /the client 198\.51\.100\.10.*the server 192\.0\.2\.21/,
    );
    expect(within(device(container, 'client')).getByText('Client')).toBeTruthy();
    expect(within(device(container, 'server')).getByText('Server')).toBeTruthy();
    expect(within(device(container, 'server')).getByText('192.0.2.21')).toBeTruthy();
    expect(within(device(container, 'client-router')).getByText('Router')).toBeTruthy();
    expect(within(device(container, 'internet')).getByText('Internet')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Legend' })).toBeTruthy();
  });

  it('lists the sockets: the server listens on 21 at step 0, the client holds its control socket later', () => {
    const { container } = renderDiagram();
    const server = device(container, 'server');
    expect(sockets(server)).toEqual(['LISTEN · control']);
    expect(within(server).getByText('192.0.2.21:21')).toBeTruthy();
    expect(device(container, 'client').querySelector('.socket')).toBeNull();

    // The client's SYN: it is in SYN_SENT towards the server.
    seekTo((e) => isPacketEvent(e) && e.packet.conn === 'control' && e.packet.from === 'client');
    const client = device(container, 'client');
    expect(sockets(client)).toEqual(['SYN_SENT · control']);
    expect(within(client).getByText(':56012 → 192.0.2.21:21')).toBeTruthy();

    // Active mode: the client listens for the data connection.
    seekTo((e) => e.kind === 'socket/listening' && e.host === 'client');
    expect(sockets(device(container, 'client'))).toEqual(['LISTEN · data #1', 'ESTABLISHED · control']);
  });

  it("changes the receiver's sockets when the packet arrives, at once when motion is reduced", () => {
    vi.useFakeTimers();
    const { container } = renderDiagram();
    seekTo((e) => isPacketEvent(e) && e.packet.conn === 'control' && e.packet.from === 'client');
    // The SYN is on its way: the client is already in SYN_SENT, the server has not seen it yet.
    expect(sockets(device(container, 'client'))).toEqual(['SYN_SENT · control']);
    expect(sockets(device(container, 'server'))).toEqual(['LISTEN · control']);
    act(() => vi.advanceTimersByTime(1000));
    expect(sockets(device(container, 'server'))).toEqual(['LISTEN · control', 'SYN_RECEIVED · control']);

    act(() => useSim.getState().setReduceMotionChosen(true));
    act(() => useSim.getState().stepForward());
    expect(sockets(device(container, 'client'))).toEqual(['ESTABLISHED · control']);
  });

  it('starts a new trip when the replay comes back to a step before the next packet arrived', () => {
    vi.useFakeTimers();
    const { container } = renderDiagram();
    const syn = seekTo((e) => isPacketEvent(e) && e.packet.conn === 'control' && e.packet.from === 'client');
    act(() => vi.advanceTimersByTime(1000));
    const arrived = ['LISTEN · control', 'SYN_RECEIVED · control'];
    expect(sockets(device(container, 'server'))).toEqual(arrived);
    // On to the SYN-ACK and straight back to the SYN: the SYN travels again, and reaches the server again.
    act(() => useSim.getState().seek(syn.index + 1));
    act(() => useSim.getState().seek(syn.index));
    expect(sockets(device(container, 'server'))).toEqual(['LISTEN · control']);
    // The row it had fades out, hidden from screen readers meanwhile.
    const leaving = device(container, 'server').querySelector('.socket[data-leaving]');
    expect(leaving?.querySelector('.socket-state')?.textContent).toBe('SYN_RECEIVED');
    expect(leaving?.getAttribute('aria-hidden')).toBe('true');
    act(() => vi.advanceTimersByTime(1000));
    expect(sockets(device(container, 'server'))).toEqual(arrived);
  });

  it('renders once for a step, and once more when its packet arrives', () => {
    vi.useFakeTimers();
    renderDiagram();
    const syn = seekTo((e) => isPacketEvent(e) && e.packet.conn === 'control' && e.packet.from === 'client');
    act(() => vi.advanceTimersByTime(1000));
    layoutCalls.mockClear();
    act(() => useSim.getState().seek(syn.index + 1));
    expect(layoutCalls).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(1000));
    expect(layoutCalls).toHaveBeenCalledTimes(2);
  });

  it('labels the packet with its flags, its FTP line or its byte count', () => {
    const { container } = renderDiagram();
    seekTo((e) => e.kind === 'tcp/segment-sent' && e.packet.from === 'server' && e.packet.conn === 'control');
    expect(packet(container).textContent).toContain('SYN, ACK');
    expect(packet(container).classList.contains('packet-control')).toBe(true);

    seekTo((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'PORT');
    expect(packet(container).textContent).toMatch(/PORT 198,51,100,10,\d+,\d+/);

    seekTo((e) => e.kind === 'tcp/segment-sent' && e.packet.segment.payload.length > 0);
    expect(packet(container).textContent).toContain('135 bytes');
    expect(packet(container).textContent).toContain('data #1');
    expect(packet(container).classList.contains('packet-data')).toBe(true);
  });

  it("counts the bytes of a large data segment the language's way", () => {
    load({ commands: [{ verb: 'STOR', file: 'big.bin', size: 4000 }] });
    const { container } = renderDiagram();
    const e = seekTo((x) => x.kind === 'tcp/segment-sent' && x.packet.segment.payload.length > 1000);
    if (!isPacketEvent(e)) throw new Error('unreachable');
    const count = e.packet.segment.payload.length;
    expect(packet(container).textContent).toContain(`${count.toLocaleString('en')} bytes`);
    expect(packet(container).textContent).toMatch(/\d,\d{3} bytes/);
  });

  it("stops the server's data SYN at the client when the client's stateful firewall drops it", () => {
    load({ clientFirewall: 'stateful' });
    const { container } = renderDiagram();
    expect(within(device(container, 'client')).getByText('stateful firewall')).toBeTruthy();

    seekTo(
      (e) => e.kind === 'tcp/segment-sent' && e.packet.conn === 'data-1' && e.packet.fate.kind === 'dropped',
    );
    const p = packet(container);
    expect(p.dataset.fate).toBe('dropped');
    expect(p.dataset.stopsAt).toBe('client');
    expect(p.textContent).toContain('SYN');
    const note = container.querySelector('[data-note="dropped"]') as HTMLElement;
    expect(within(note).getByText('Dropped here')).toBeTruthy();
    expect(within(note).getByText('-P INPUT DROP')).toBeTruthy();
    expect(device(container, 'client').classList.contains('is-focus')).toBe(true);

    // The firewall's own verdict, next step: DROP with the rule, the packet still at the client.
    act(() => useSim.getState().stepForward());
    const verdict = container.querySelector('[data-note="verdict"]') as HTMLElement;
    expect(within(verdict).getByText('DROP · new connection')).toBeTruthy();
    expect(within(verdict).getByText('-P INPUT DROP')).toBeTruthy();
    expect(packet(container).dataset.stopsAt).toBe('client');
  });

  it('shows the retries on the virtual clock, and the time-out at the server', () => {
    load({ clientFirewall: 'stateful' });
    const { container } = renderDiagram();
    const retry = seekTo((e) => isPacketEvent(e) && e.packet.retransmission === 3);
    expect(screen.getByText('Retransmission 3')).toBeTruthy();
    // About 3.1 s after the first SYN (the reference captures' schedule), to the microsecond.
    expect(retry.at).toBeGreaterThan(3_000_000);
    expect(screen.getByText(`${(retry.at / 1e6).toFixed(6)} s`)).toBeTruthy();
    expect(packet(container).textContent).toContain('retry 3');

    seekTo((e) => e.kind === 'timer/expired');
    expect(screen.queryByText(/Retransmission/)).toBeNull();
    // The counter's room is kept, unseen and without text, for the session's most retries: the heading
    // wraps the same way at every step and the picture keeps its size.
    const room = container.querySelector('.diagram-retry');
    expect(room?.classList.contains('keeps-room')).toBe(true);
    expect(room?.getAttribute('aria-hidden')).toBe('true');
    expect(room?.textContent).toBe('');
    const most = Math.max(
      ...useSim.getState().events.map((e) => (isPacketEvent(e) ? e.packet.retransmission : 0)),
    );
    expect(room?.getAttribute('data-words')).toBe(`Retransmission ${most}`);
    const note = container.querySelector('[data-note="timer"]') as HTMLElement;
    expect(within(note).getByText('Time-out: vsftpd connect_timeout')).toBeTruthy();
    expect(within(note).getByText('gave up after 60 s')).toBeTruthy();
    expect(device(container, 'server').querySelector('.icon-clock')).toBeTruthy();
  });

  it('shows NAT rewriting the addresses and, with the FTP helper, the PORT payload', () => {
    load({ clientNat: true, helper: true });
    const { container } = renderDiagram();
    expect(within(device(container, 'client-router')).getByText('NAT router')).toBeTruthy();
    expect(within(device(container, 'client-router')).getByText('LAN 192.168.1.1')).toBeTruthy();
    expect(within(device(container, 'client-router')).getByText('WAN 203.0.113.1')).toBeTruthy();
    expect(within(device(container, 'client-router')).getByText('FTP helper')).toBeTruthy();

    seekTo((e) => e.kind === 'tcp/segment-sent' && e.packet.conn === 'control' && e.packet.from === 'client');
    const nat = container.querySelector('[data-note="nat"]') as HTMLElement;
    expect(within(nat).getByText('SNAT: address rewritten')).toBeTruthy();
    expect(within(nat).getByText('source 192.168.1.10:56012 → 203.0.113.1:56012')).toBeTruthy();

    // A later packet of the same flow: no engine event, the two views still show the rewrite.
    seekTo((e) => e.kind === 'ftp/command-sent' && e.command.verb === 'USER');
    expect(
      within(container.querySelector('[data-note="nat"]') as HTMLElement).getByText(
        'source 192.168.1.10:56012 → 203.0.113.1:56012',
      ),
    ).toBeTruthy();

    seekTo((e) => e.kind === 'conntrack/expectation-created');
    const expects = container.querySelector('[data-note="expectation"]') as HTMLElement;
    expect(within(expects).getByText('Expects a connection')).toBeTruthy();
    expect(within(expects).getByText(/^192\.0\.2\.21 → 203\.0\.113\.1:\d+$/)).toBeTruthy();

    const rewrite = seekTo((e) => e.kind === 'nat/payload-rewritten');
    if (rewrite.kind !== 'nat/payload-rewritten') throw new Error('unreachable');
    const payload = container.querySelector('[data-note="payload"]') as HTMLElement;
    expect(within(payload).getByText('FTP helper rewrites the payload')).toBeTruthy();
    expect(within(payload).getByText(`${rewrite.before} → ${rewrite.after}`)).toBeTruthy();
    expect(rewrite.before).toMatch(/^192,168,1,10,/);
    expect(rewrite.after).toMatch(/^203,0,113,1,/);
    expect(packet(container).textContent).toMatch(/PORT 192,168,1,10/);
    expect(device(container, 'client-router').classList.contains('is-focus')).toBe(true);
  });

  it('shows an accepted verdict with its rule', () => {
    load({ clientFirewall: 'stateful', mode: 'passive' });
    const { container } = renderDiagram();
    seekTo((e) => e.kind === 'fw/verdict' && e.verdict.action === 'accept');
    const verdict = container.querySelector('[data-note="verdict"]') as HTMLElement;
    expect(within(verdict).getByText('ACCEPT · established')).toBeTruthy();
    expect(within(verdict).getByText(/ESTABLISHED,RELATED/)).toBeTruthy();
  });

  it('sends the packet from its sender to where it ends, and draws it there at once when motion is reduced', () => {
    // jsdom has no Web Animations: each animation asked of an element is recorded instead.
    const played: { element: Element; keyframes: Keyframe[]; duration: number }[] = [];
    const animate = vi.fn(function (this: Element, keyframes: Keyframe[], options: KeyframeAnimationOptions) {
      played.push({ element: this, keyframes, duration: Number(options.duration) });
      return { cancel: () => undefined } as Animation;
    });
    Element.prototype.animate = animate;
    try {
      const { container } = renderDiagram();
      seekTo((e) => e.kind === 'tcp/segment-sent' && e.packet.from === 'client');
      const marker = container.querySelector<SVGGElement>('.packet-marker');
      const trip = played.find((p) => p.element === marker);
      const x = (transform: unknown) => Number(/translate\((-?[\d.]+)px/.exec(String(transform))?.[1]);
      // Left to right: from the sender (the client, at the left) to the server (at the right), where
      // the marker's own style puts it when the trip is over.
      expect(x(trip?.keyframes[0]?.transform)).toBeLessThan(300);
      expect(x(trip?.keyframes.at(-1)?.transform)).toBeGreaterThan(700);
      expect(x(marker?.style.transform)).toBe(x(trip?.keyframes.at(-1)?.transform));
      expect(trip?.duration).toBeGreaterThan(0);

      played.length = 0;
      act(() => useSim.getState().setReduceMotionChosen(true));
      act(() => useSim.getState().stepForward());
      act(() => useSim.getState().stepBack());
      const still = container.querySelector<SVGGElement>('.packet-marker');
      expect(played.filter((p) => p.element === still)).toEqual([]);
      expect(x(still?.style.transform)).toBeGreaterThan(700);
    } finally {
      delete (Element.prototype as Partial<Element>).animate;
    }
  });

  it('shows a drop’s note and sign once the packet gets where it stops, not before', () => {
    const played: { element: Element; keyframes: Keyframe[]; delay: number }[] = [];
    Element.prototype.animate = vi.fn(function (
      this: Element,
      keyframes: Keyframe[],
      options: KeyframeAnimationOptions,
    ) {
      played.push({ element: this, keyframes, delay: Number(options.delay ?? 0) });
      return { cancel: () => undefined } as Animation;
    });
    try {
      load({ clientFirewall: 'stateful' });
      const { container } = renderDiagram();
      seekTo((e) => e.kind === 'tcp/segment-sent' && e.packet.fate.kind === 'dropped');
      const trip = played.find((p) => p.element === container.querySelector('.packet-marker'));
      expect(trip).toBeDefined();
      for (const shown of [
        container.querySelector('[data-note="dropped"]'),
        container.querySelector('.packet-stop'),
      ]) {
        const fade = played.find((p) => p.element === shown);
        // Hidden until the trip is over, then faded in.
        expect(fade?.keyframes.map((k) => k.opacity)).toEqual([0, 1]);
        expect(fade?.delay).toBeGreaterThan(0);
      }
    } finally {
      delete (Element.prototype as Partial<Element>).animate;
    }
  });

  it('slides a new socket row in and lets one that goes fade out, or neither with reduced motion', () => {
    vi.useFakeTimers();
    const played: { element: Element; keyframes: Keyframe[] }[] = [];
    Element.prototype.animate = vi.fn(function (this: Element, keyframes: Keyframe[]) {
      played.push({ element: this, keyframes });
      return { cancel: () => undefined } as Animation;
    });
    try {
      const { container } = renderDiagram();
      const syn = seekTo(
        (e) => isPacketEvent(e) && e.packet.conn === 'control' && e.packet.from === 'client',
      );
      act(() => vi.advanceTimersByTime(1000));
      const server = device(container, 'server');
      const added = [...server.querySelectorAll('.socket')].find((row) =>
        row.textContent?.includes('SYN_RECEIVED'),
      );
      const slide = played.find((p) => p.element === added);
      expect(slide?.keyframes[0]).toMatchObject({
        opacity: 0,
        transform: expect.stringMatching(/^translate\(-12px,/),
      });
      expect(slide?.keyframes[1]).toMatchObject({ opacity: 1 });

      // Back before the SYN: its row leaves, fading out sideways.
      act(() => useSim.getState().seek(syn.index - 1));
      const leaving = server.querySelector('.socket[data-leaving]');
      expect(played.filter((p) => p.element === leaving).at(-1)?.keyframes[1]).toMatchObject({ opacity: 0 });

      // Reduced motion: rows come and go at once, and nothing plays.
      played.length = 0;
      act(() => vi.advanceTimersByTime(1000));
      act(() => useSim.getState().setReduceMotionChosen(true));
      act(() => useSim.getState().seek(syn.index));
      act(() => vi.advanceTimersByTime(1000));
      act(() => useSim.getState().seek(syn.index - 1));
      expect(server.querySelector('.socket[data-leaving]')).toBeNull();
      expect(played).toEqual([]);
    } finally {
      delete (Element.prototype as Partial<Element>).animate;
    }
  });

  it("moves its socket rows to a projector's spacing when presentation mode starts at once", async () => {
    load({ clientFirewall: 'stateful' });
    const { container } = renderDiagram();
    seekTo((e) => e.kind === 'tcp/segment-sent' && e.packet.fate.kind === 'dropped');
    // In the same task as the first render: before anything the diagram loads after it could arrive.
    act(() => useSim.getState().setPresenting(true));
    const rowsY = () =>
      [...device(container, 'server').querySelectorAll<SVGGElement>('.socket')].map((row) =>
        Number(/translate\(-?[\d.]+px, (-?[\d.]+)px\)/.exec(row.style.transform)?.[1]),
      );
    const spacing = diagramLayout('horizontal', 2, true).type.host.socketRowHeight;
    await vi.waitFor(() => {
      const y = rowsY();
      expect(y.length).toBeGreaterThan(1);
      expect(y.slice(1).map((at, i) => at - (y[i] ?? 0))).toEqual(y.slice(1).map(() => spacing));
    });
  });

  it('speaks Spanish', () => {
    load({ clientFirewall: 'stateful' });
    const { container } = renderDiagram('es');
    expect(within(device(container, 'client')).getByText('Cliente')).toBeTruthy();
    expect(within(device(container, 'client')).getByText('cortafuegos con estado')).toBeTruthy();
    expect(screen.getByRole('img', { name: /Diagrama de red/ })).toBeTruthy();
    seekTo(
      (e) => e.kind === 'tcp/segment-sent' && e.packet.conn === 'data-1' && e.packet.fate.kind === 'dropped',
    );
    expect(screen.getByText('Descartado aquí')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Leyenda' })).toBeTruthy();
  });
});
