import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PredictionPoint } from '../../../src/engine';
import { createI18n } from '../../../src/i18n';
import { useLesson } from '../../../src/store/lessonStore';
import { useSim } from '../../../src/store/simStore';
import { chapterReplay, renderApp, freshLessonEachTest } from './renderLesson';

const en = createI18n('en').t;

freshLessonEachTest();

describe('presentation mode: a question for the room', () => {
  it('reveals each question of a step full screen on the next press, and only then moves on', async () => {
    // Chapter 2 asks three questions before the data connection's first SYN: who opens it, to which
    // port, from which port.
    const replay = chapterReplay('active-mode');
    const stop = replay.points[0]?.index ?? 0;
    const here = replay.points.filter((p) => p.index === stop);
    expect(here.length).toBeGreaterThan(1);
    useSim.getState().setPresenting(true);
    useLesson.getState().openChapter('active-mode');
    useLesson.getState().setCursor(stop - 1);
    renderApp();

    const room = async () => (await screen.findByRole('dialog')).textContent ?? '';
    // A choice's label quoted with its letter ("B, “The server”"), a number as it is.
    const answerOf = (point: PredictionPoint) =>
      point.input === 'number'
        ? en('lesson.room.answer', { context: 'number', answer: point.answer })
        : en('lesson.room.answer', {
            context: 'choice',
            letter: String.fromCharCode(65 + point.choices.indexOf(point.answer)),
            answer: en(`lesson.choices.${point.ask}.${point.answer}`),
          });
    const theAnswer = en('lesson.room.answer', { context: 'number', answer: '' }).trim();
    const first = here[0];
    if (!first) throw new Error('no question');
    // The question, hands up, no answer yet.
    expect(await room()).toContain(en('lesson.ask.who-opens.data'));
    expect(await room()).toContain(en('lesson.room.revealHint'));
    expect(await room()).not.toContain(theAnswer);

    for (const [i, point] of here.entries()) {
      await userEvent.keyboard('{PageDown}');
      // Revealed: its answer and its explanation, while the replay has not moved.
      const revealed = await room();
      expect(revealed).toContain(theAnswer);
      expect(revealed).toContain(answerOf(point));
      const last = i === here.length - 1;
      expect(revealed).toContain(en(last ? 'lesson.room.continueHint' : 'lesson.room.nextQuestionHint'));
      expect(useLesson.getState().position?.cursor).toBe(stop - 1);
      if (last) break;
      // The next press: the next question, unanswered.
      await userEvent.keyboard('{PageDown}');
      const next = await room();
      expect(next).toContain(en('lesson.room.revealHint'));
      expect(next).not.toContain(theAnswer);
      expect(useLesson.getState().position?.cursor).toBe(stop - 1);
    }
    // After the last reveal, the next press moves the replay on: the room's question is gone.
    await userEvent.keyboard('{PageDown}');
    expect(useLesson.getState().position?.cursor).toBe(stop);
    expect(screen.queryByRole('dialog')).toBeNull();
    // Nobody's prediction was recorded: the room answered with hands.
    expect(useLesson.getState().answers).toEqual({});
  });
});
