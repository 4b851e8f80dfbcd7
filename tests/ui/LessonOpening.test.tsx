import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { isValidElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../src/i18n';
import { useProgress } from '../../src/progress';
import { useLesson } from '../../src/store/lessonStore';
import { useSim } from '../../src/store/simStore';
import { App } from '../../src/ui/App';
import { LessonOpening } from '../../src/ui/LessonOpening';
import { startView, VIEW_STORAGE_KEY } from '../../src/ui/startView';
import { useViewFallback } from '../../src/ui/useViewFallback';
import { ViewLoading } from '../../src/ui/ViewLoading';
import { VIEWS } from '../../src/ui/views';

const views = VIEWS.map((v) => v.id);
const es = createI18n('es');

function renderOpening(): void {
  render(
    <I18nextProvider i18n={es}>
      <LessonOpening />
    </I18nextProvider>,
  );
}

describe('which view opens without a link', () => {
  beforeEach(() => window.localStorage.clear());

  it('is the lesson on a first visit, as a first visit', () => {
    expect(startView(views)).toEqual({ view: 'lesson', firstVisit: true });
  });

  it('is the view stored last time, as a return, even when that is the lesson', () => {
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'lesson');
    expect(startView(views)).toEqual({ view: 'lesson', firstVisit: false });
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'quiz');
    expect(startView(views)).toEqual({ view: 'quiz', firstVisit: false });
  });

  it('ignores a stored view that does not exist', () => {
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'gone');
    expect(startView(views)).toEqual({ view: 'lesson', firstVisit: true });
  });
});

describe('what a view shows while it loads', () => {
  const lesson = VIEWS.find((v) => v.id === 'lesson');
  const simulator = VIEWS.find((v) => v.id === 'simulator');
  // Which component it draws, and whether it is an opening.
  const fallback = (view: (typeof VIEWS)[number] | undefined) => {
    const { element, opening } = renderHook(() => useViewFallback(view)).result.current;
    return { shows: isValidElement(element) ? element.type : element, opening };
  };
  afterEach(() => useSim.setState(useSim.getInitialState(), true));

  it('is the lesson’s opening when a first visit opened on the lesson', () => {
    useSim.getState().openStartView('lesson', true);
    expect(fallback(lesson)).toEqual({ shows: LessonOpening, opening: true });
  });

  it('is "Loading…" for a learner coming back to the lesson, whose lesson may open on a chapter', () => {
    useSim.getState().openStartView('lesson', false);
    expect(fallback(lesson)).toEqual({ shows: ViewLoading, opening: false });
  });

  it('is "Loading…" for a view without an opening, and once another view was chosen', () => {
    useSim.getState().openStartView('simulator', true);
    expect(fallback(simulator)).toEqual({ shows: ViewLoading, opening: false });
    useSim.getState().openStartView('lesson', true);
    useSim.getState().setView('simulator');
    useSim.getState().setView('lesson');
    expect(fallback(lesson)).toEqual({ shows: ViewLoading, opening: false });
  });
});

describe('the lesson while it loads', () => {
  afterEach(cleanup);

  it('shows a first visit the list’s heading and introduction at once, in a busy main landmark', () => {
    renderOpening();
    const main = screen.getByRole('main', { name: es.t('lesson.heading') });
    expect(main.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(es.t('lesson.heading'));
    expect(main.querySelector('.lesson-list > .lesson-intro')?.textContent).toBe(es.t('lesson.intro'));
    expect(screen.getByRole('status').textContent).toBe(es.t('shell.views.loading'));
  });
});

describe('a first visit’s first screen', () => {
  // Fresh stores: the files before this one (same worker, same modules) may have left the lesson on a chapter.
  beforeEach(() => {
    window.localStorage.clear();
    useSim.setState(useSim.getInitialState(), true);
    useLesson.setState({ ...useLesson.getInitialState(), position: undefined, predictionsOn: true }, true);
    useProgress.setState(useProgress.getInitialState(), true);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.restoreAllMocks();
    window.localStorage.clear();
  });

  function renderApp(): void {
    render(
      <I18nextProvider i18n={es}>
        <App />
      </I18nextProvider>,
    );
  }

  it('is the opening alone until it is painted: the lesson’s code and the engine are asked for after', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    const fetchEngine = vi.spyOn(useSim.getState(), 'fetchEngine');
    const first = startView(views);
    useSim.getState().openStartView(first?.view ?? '', first?.firstVisit ?? false);
    renderApp();
    await act(() => vi.dynamicImportSettled());
    const chapters = { name: es.t('lesson.chapters.label') };
    expect(screen.getByRole('main', { name: es.t('lesson.heading') }).getAttribute('aria-busy')).toBe('true');
    expect(screen.queryByRole('list', chapters)).toBeNull();
    expect(fetchEngine).not.toHaveBeenCalled();
    // The frame is painted: the lesson follows.
    act(() => vi.advanceTimersToNextFrame());
    vi.useRealTimers();
    expect(await screen.findByRole('list', chapters, { timeout: 20_000 })).toBeTruthy();
  });
});
