import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chapterProgress, useProgress } from '../../../src/progress';
import { useLesson } from '../../../src/store/lessonStore';
import { useSim } from '../../../src/store/simStore';
import { renderApp, freshLessonEachTest } from './renderLesson';

const completed = (chapter: string): boolean =>
  chapterProgress(useProgress.getState().document, chapter).completed;

freshLessonEachTest();

describe('chapter 5, the table of differences', () => {
  it('is not completed when it is opened, only when the learner goes on from its end', async () => {
    useLesson.getState().openChapter('differences');
    renderApp();
    const next = await screen.findByRole('button', { name: /next chapter/i });
    expect(completed('differences')).toBe(false);
    await userEvent.click(next);
    expect(completed('differences')).toBe(true);
    expect(useLesson.getState().position?.chapter).toBe('beyond');
  });
});

describe('leaving a lesson step for the simulator', () => {
  it('offers the way back to that step, and only to a learner who came from the lesson', async () => {
    useLesson.getState().openChapter('active-mode');
    useLesson.getState().setPredictionsOn(false);
    renderApp();
    const forward = await screen.findByRole('button', { name: /next step/i });
    await userEvent.click(forward);
    await userEvent.click(forward);
    await userEvent.click(screen.getByRole('button', { name: /open this step in the simulator/i }));
    expect(useSim.getState().view).toBe('simulator');
    const back = await screen.findByRole('button', { name: /back to the lesson/i });
    await userEvent.click(back);
    expect(useSim.getState().view).toBe('lesson');
    expect(useLesson.getState().position).toEqual({ chapter: 'active-mode', part: 0, cursor: 2 });
    await screen.findByRole('group', { name: /lesson replay/i });
    // Through the tab, not from a lesson step: no way back is offered.
    useSim.getState().setView('simulator');
    await screen.findByRole('main');
    expect(screen.queryByRole('button', { name: /back to the lesson/i })).toBeNull();
  });

  it('says it in Spanish', async () => {
    useLesson.getState().openChapter('active-mode');
    renderApp('es');
    const main = await screen.findByRole('main');
    await userEvent.click(await within(main).findByRole('button', { name: /simulador/i }));
    expect(await screen.findByRole('button', { name: /volver a la lección/i })).toBeTruthy();
  });
});
