import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../src/i18n';
import { useProgress } from '../../src/progress';
import { useLesson } from '../../src/store/lessonStore';
import { useSim } from '../../src/store/simStore';
import { App } from '../../src/ui/App';
import { LessonOpening } from '../../src/ui/LessonOpening';
import { startView, VIEW_STORAGE_KEY } from '../../src/ui/startView';
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

describe('the lesson while it loads', () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(cleanup);
  // The files after this one share its modules (one graph per worker): they start as a return visit.
  afterAll(() => {
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'simulator');
    startView(views);
    window.localStorage.clear();
  });

  it('shows a first visit the list’s heading and introduction at once, in a busy main landmark', () => {
    expect(startView(views)).toBe('lesson');
    renderOpening();
    const main = screen.getByRole('main', { name: es.t('lesson.heading') });
    expect(main.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(es.t('lesson.heading'));
    expect(main.querySelector('.lesson-list > .lesson-intro')?.textContent).toBe(es.t('lesson.intro'));
    expect(screen.getByRole('status').textContent).toBe(es.t('shell.views.loading'));
  });

  it('says only "Loading…" to a learner coming back, whose lesson may open on a chapter', () => {
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'lesson');
    expect(startView(views)).toBe('lesson');
    renderOpening();
    expect(screen.queryByRole('heading')).toBeNull();
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
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
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'simulator');
    startView(views);
    window.localStorage.clear();
  });

  it('is the opening alone until it is painted: the lesson’s code and the engine are asked for after', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    const fetchEngine = vi.spyOn(useSim.getState(), 'fetchEngine');
    useSim.getState().setView(startView(views) ?? '');
    render(
      <I18nextProvider i18n={es}>
        <App />
      </I18nextProvider>,
    );
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
