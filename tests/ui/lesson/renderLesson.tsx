import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { chapterById, lessonReplay, type ChapterId, type LessonReplay } from '../../../src/engine';
import { createI18n, type Language } from '../../../src/i18n';
import { useProgress } from '../../../src/progress';
import { LESSON_STORAGE_KEY, useLesson } from '../../../src/store/lessonStore';
import { useSim } from '../../../src/store/simStore';
import { App } from '../../../src/ui/App';

/** The whole app, in a language, as a learner sees it. */
export function renderApp(language: Language = 'en') {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <App />
    </I18nextProvider>,
  );
}

/** The replay of a chapter's first part, as the lesson shows it. */
export function chapterReplay(id: ChapterId): LessonReplay {
  const chapter = chapterById(id);
  if (chapter?.kind !== 'replay' || !chapter.parts[0]) throw new Error(`${id} is not a replayed chapter`);
  return lessonReplay(chapter.parts[0]);
}

/**
 * Every test starts on the Lesson view of a fresh profile (its chapter list, predictions on, nothing
 * answered), with the lesson's lazily loaded parts loaded once.
 */
export function freshLessonEachTest(): void {
  beforeAll(async () => {
    await Promise.all([
      import('../../../src/ui/lesson/LessonView'),
      import('../../../src/ui/diagram/NetworkDiagram'),
    ]);
  }, 60_000);

  beforeEach(() => {
    window.localStorage.clear();
    useSim.setState({ ...useSim.getInitialState(), view: 'lesson' }, true);
    useLesson.setState({ ...useLesson.getInitialState(), position: undefined, predictionsOn: true }, true);
    useProgress.setState(useProgress.getInitialState(), true);
    window.localStorage.removeItem(LESSON_STORAGE_KEY);
  });

  afterEach(() => cleanup());
}
