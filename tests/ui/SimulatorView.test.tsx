import { act, cleanup, render, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPacketEvent } from '../../src/engine';
import { createI18n } from '../../src/i18n';
import { useSim } from '../../src/store/simStore';
import { SimulatorView } from '../../src/ui/SimulatorView';
import { loadReplayPartsFirst } from './replayParts';

/**
 * What one step of the replay renders. On a slow phone every component a step renders costs time in the
 * same task: a step re-renders the narration and the player at once, and the diagram and the panels below
 * (the inspector, the list of steps, the ladder) follow in renders of their own, which React splits into
 * short slices. Counted with the components wrapped (vi.mock) and React's Profiler, never timed.
 */

const seen = vi.hoisted(() => ({
  /** Commits so far (React's Profiler calls back once per commit). */
  commits: 0,
  /** Each render of a watched component, with the number of commits before it. */
  renders: [] as { readonly name: string; readonly commit: number }[],
}));

/** The module with its component wrapped: each render is logged, then the real one renders. */
async function watched<M>(original: Promise<M>, name: keyof M & string): Promise<M> {
  const mod = await original;
  const Real = mod[name] as (props: object) => React.ReactNode;
  const Watched = (props: object) => {
    seen.renders.push({ name, commit: seen.commits });
    return Real(props);
  };
  return { ...mod, [name]: Watched };
}

vi.mock('../../src/ui/outcome/OutcomeBanner', (original) =>
  watched(original<typeof import('../../src/ui/outcome/OutcomeBanner')>(), 'OutcomeBanner'),
);
vi.mock('../../src/ui/player/PlayerControls', (original) =>
  watched(original<typeof import('../../src/ui/player/PlayerControls')>(), 'PlayerControls'),
);
vi.mock('../../src/ui/narration/CurrentStep', (original) =>
  watched(original<typeof import('../../src/ui/narration/CurrentStep')>(), 'CurrentStep'),
);
vi.mock('../../src/ui/inspector/PacketDetails', (original) =>
  watched(original<typeof import('../../src/ui/inspector/PacketDetails')>(), 'PacketDetails'),
);

loadReplayPartsFirst();

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  seen.commits = 0;
  seen.renders.length = 0;
});

afterEach(cleanup);

/** What the screen says the step is, in the narration, the list of steps and the inspector. */
interface Shown {
  readonly narration: string | undefined;
  /** The diagram's clock. */
  readonly clock: string | undefined;
  readonly list: string | undefined;
  readonly inspector: string | undefined;
  readonly ladder: string | undefined;
}

function shown(): Shown {
  return {
    narration: /Step (\d+) of/.exec(document.querySelector('.current-meta')?.textContent ?? '')?.[1],
    clock: document.querySelector('.diagram-clock-time')?.textContent ?? undefined,
    list: document.querySelector('.step-list [aria-current="step"] .step-number')?.textContent ?? undefined,
    inspector: /Step (\d+):/.exec(document.querySelector('.inspector-kind')?.textContent ?? '')?.[1],
    ladder: ladderStep(),
  };
}

/** The ladder's selected step (1-based), if the ladder is there. */
function ladderStep(): string | undefined {
  const index = document
    .querySelector('.ladder [role="option"][aria-selected="true"]')
    ?.getAttribute('data-index');
  return index === null || index === undefined ? undefined : String(Number(index) + 1);
}

describe('one step of the replay', () => {
  it('moves the narration first and the diagram, the inspector, the list and the ladder after, and renders nothing else', async () => {
    const events = useSim.getState().events;
    // A packet followed by a packet, away from both ends (where the player's buttons change).
    const next = (i: number) => events[i + 1];
    const from = events.findIndex((e, i) => {
      const after = next(i);
      return i > 0 && isPacketEvent(e) && after !== undefined && isPacketEvent(after);
    });
    expect(from).toBeGreaterThan(0);
    expect(from + 1).toBeLessThan(events.length - 1);
    useSim.getState().seek(from);

    const atCommit: Shown[] = [];
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <Profiler
          id="simulator"
          onRender={() => {
            seen.commits += 1;
            atCommit.push(shown());
          }}
        >
          <SimulatorView />
        </Profiler>
      </I18nextProvider>,
    );
    const inspector = await screen.findByRole('region', { name: 'Packet inspector' });
    await screen.findByRole('list', { name: 'Steps' });
    expect(within(inspector).getByText(new RegExp(`^Step ${from + 1}:`))).toBeTruthy();

    const before = seen.commits;
    seen.renders.length = 0;
    atCommit.length = 0;
    act(() => useSim.getState().stepForward());

    const step = String(from + 2);
    const previous = String(from + 1);
    const clockAt = (i: number) => `${((events[i]?.at ?? 0) / 1e6).toFixed(6)} s`;
    // The first commit shows the new step's words; the diagram and the panels below still the step before.
    expect(atCommit[0]).toEqual({
      narration: step,
      clock: clockAt(from),
      list: previous,
      inspector: previous,
      ladder: previous,
    });
    expect(atCommit.at(-1)).toEqual({
      narration: step,
      clock: clockAt(from + 1),
      list: step,
      inspector: step,
      ladder: step,
    });
    const names = seen.renders.map((r) => r.name);
    expect(names.filter((n) => n === 'CurrentStep')).toHaveLength(1);
    // The inspector's packet is drawn once, for the new step, after the narration's commit.
    const details = seen.renders.filter((r) => r.name === 'PacketDetails');
    expect(details).toHaveLength(1);
    expect(details[0]?.commit).toBeGreaterThan(before);
    // Nothing on them changed: the outcome and the player's buttons are left alone.
    expect(names).not.toContain('OutcomeBanner');
    expect(names).not.toContain('PlayerControls');
  });
});

/**
 * jsdom has no IntersectionObserver: this one says what a test tells it. Every element observed starts
 * unreported (the panels count as seen until told otherwise).
 */
class FakeIntersectionObserver {
  static readonly all = new Set<FakeIntersectionObserver>();
  private readonly watched = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.all.add(this);
  }
  observe(element: Element): void {
    this.watched.add(element);
  }
  unobserve(element: Element): void {
    this.watched.delete(element);
  }
  disconnect(): void {
    this.watched.clear();
    FakeIntersectionObserver.all.delete(this);
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  /** Tells every observer of `element` whether it is on screen now. */
  static report(element: Element, isIntersecting: boolean): void {
    for (const observer of FakeIntersectionObserver.all)
      if (observer.watched.has(element))
        observer.callback(
          [{ target: element, isIntersecting } as IntersectionObserverEntry],
          observer as unknown as IntersectionObserver,
        );
  }
}

describe('a replay with the panels below the first screen off screen', () => {
  beforeEach(() => {
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeIntersectionObserver.all.clear();
  });

  it('leaves them at their step while it plays, and brings each up to date in view or when it stops', async () => {
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <SimulatorView />
      </I18nextProvider>,
    );
    const inspector = await screen.findByRole('region', { name: 'Packet inspector' });
    const list = (await screen.findByRole('list', { name: 'Steps' })).closest('section');
    const ladder = document.querySelector('section.ladder');
    if (!list || !ladder) throw new Error('no list of steps or ladder');
    expect(shown()).toMatchObject({ narration: '1', list: '1', inspector: '1', ladder: '1' });

    for (const panel of [inspector, list, ladder]) act(() => FakeIntersectionObserver.report(panel, false));
    act(() => useSim.getState().play());
    act(() => useSim.getState().tick());
    act(() => useSim.getState().tick());
    expect(shown()).toMatchObject({ narration: '3', list: '1', inspector: '1', ladder: '1' });

    // Scrolled into view, the inspector catches up; the others still wait.
    act(() => FakeIntersectionObserver.report(inspector, true));
    expect(shown()).toMatchObject({ narration: '3', list: '1', inspector: '3', ladder: '1' });
    act(() => useSim.getState().tick());
    expect(shown()).toMatchObject({ narration: '4', list: '1', inspector: '4', ladder: '1' });

    // Paused, every panel shows the step, on screen or not; stepping by hand, they follow it.
    act(() => useSim.getState().pause());
    expect(shown()).toMatchObject({ narration: '4', list: '4', inspector: '4', ladder: '4' });
    act(() => useSim.getState().stepForward());
    expect(shown()).toMatchObject({ narration: '5', list: '5', inspector: '5', ladder: '5' });
  });
});
