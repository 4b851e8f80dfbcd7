import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Narration, PredictionPoint } from '../../../src/engine';
import { createI18n } from '../../../src/i18n';
import { chapterProgress, useProgress } from '../../../src/progress';
import { answerKey, useLesson } from '../../../src/store/lessonStore';
import { localizeParams } from '../../../src/ui/narration/localizeParams';
import { chapterReplay, freshLessonEachTest, renderApp } from './renderLesson';

const en = createI18n('en').t;
const say = (n: Narration): string => en(n.key, localizeParams(n.params, en));

freshLessonEachTest();

/** Opens a chapter at the step just before its question `id`, and returns that question. */
function openAt(chapter: 'active-mode' | 'client-firewall', id: string): PredictionPoint {
  const point = chapterReplay(chapter).points.find((p) => p.id === id);
  if (!point) throw new Error(`${chapter} has no question ${id}`);
  useLesson.getState().openChapter(chapter);
  useLesson.getState().setCursor(point.index - 1);
  return point;
}

const question = () => screen.findByRole('group', { name: new RegExp(en('lesson.predict.heading')) });
const feedback = async () =>
  (await screen.findByRole('region', { name: en('lesson.predict.heading') })).textContent ?? '';
const outcomes = [en('lesson.outcome.success'), en('lesson.outcome.failed')];

describe('the question card', () => {
  it('offers the choices the engine gives, lettered, and grades a wrong one with the answer and why', async () => {
    const point = openAt('client-firewall', 'syn-passes');
    renderApp();
    const card = await question();
    const radios = within(card).getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(point.choices);
    expect(card.textContent).toContain(`A${en('lesson.choices.will-it-pass.passes')}`);
    expect(card.textContent).toContain(`B${en('lesson.choices.will-it-pass.blocked')}`);
    // Nothing chosen: asked again, nothing recorded.
    await userEvent.click(within(card).getByRole('button', { name: en('lesson.predict.check') }));
    expect((await screen.findByRole('alert')).textContent).toBe(en('lesson.predict.unreadableChoice'));
    expect(useLesson.getState().answers).toEqual({});

    const wrong = point.choices.find((c) => c !== point.answer) ?? '';
    await userEvent.click(
      within(card).getByRole('radio', { name: en(`lesson.choices.will-it-pass.${wrong}`) }),
    );
    await userEvent.click(within(card).getByRole('button', { name: en('lesson.predict.check') }));
    const text = await feedback();
    const letter = (c: string) => String.fromCharCode(65 + point.choices.indexOf(c));
    expect(text).toContain(
      en('lesson.predict.wrong', {
        context: 'choice',
        letter: letter(point.answer),
        answer: en(`lesson.choices.will-it-pass.${point.answer}`),
      }),
    );
    expect(text).toContain(
      en('lesson.predict.yours', {
        context: 'choice',
        letter: letter(wrong),
        answer: en(`lesson.choices.will-it-pass.${wrong}`),
      }),
    );
    // The explanation is the engine's, read from the events that follow.
    expect(text).toContain(say(point.explanation));
    expect(useLesson.getState().answers[answerKey('client-firewall', point.id)]).toEqual({
      response: wrong,
      correct: false,
    });
    expect(chapterProgress(useProgress.getState().document, 'client-firewall').answered).toBe(1);
    // The card is gone and the replay has not moved: the next press shows the step.
    expect(screen.queryByRole('group', { name: new RegExp(en('lesson.predict.heading')) })).toBeNull();
    expect(useLesson.getState().position?.cursor).toBe(point.index - 1);
  });

  it('takes a typed port (with a thousands separator too) and grades it right, with the arithmetic', async () => {
    // Chapter 2 asks who opens the data connection first; answered, the typed port comes next.
    const who = openAt('active-mode', 'who-opens');
    useLesson.getState().answer(answerKey('active-mode', who.id), { response: 'server', correct: true });
    const point = chapterReplay('active-mode').points.find((p) => p.id === 'data-port');
    if (!point) throw new Error('no data-port question');
    renderApp();
    const card = await question();
    const box = within(card).getByRole('textbox', { name: en('lesson.predict.number') });
    await userEvent.type(box, 'port 56013{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(en('lesson.predict.unreadableNumber'));
    expect(box.getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(box);
    await userEvent.type(box, `${point.answer.slice(0, 2)}.${point.answer.slice(2)}{Enter}`);
    const text = await feedback();
    expect(text).toContain(en('lesson.predict.right'));
    expect(text).toContain(say(point.explanation));
    expect(text).toContain(`×256+`);
    expect(useLesson.getState().answers[answerKey('active-mode', point.id)]).toEqual({
      response: point.answer,
      correct: true,
    });
    // The first answer's feedback stays beside the next question of the same step (from which port).
    expect(text).toContain(say(who.explanation));
    expect((await question()).textContent).toContain(en('lesson.choices.source-port.20'));
  });
});

describe('the feedback on a wrong choice', () => {
  // A choice's label is a phrase of its own ("The server"): put mid-sentence it read "the answer is The
  // server". Quoted with its letter, the sentence reads as a sentence in both languages.
  const cases = [
    {
      language: 'en',
      wrong: 'Not quite: the answer is B, “The server”.',
      yours: 'You chose A, “The client”.',
    },
    {
      language: 'es',
      wrong: 'No exactamente: la respuesta es la B, «El servidor».',
      yours: 'Tú elegiste la A, «El cliente».',
    },
  ] as const;
  for (const c of cases)
    it(`names the answer and the learner's choice in sentences that read naturally (${c.language})`, async () => {
      const t = createI18n(c.language).t;
      const point = openAt('active-mode', 'who-opens');
      expect(point.choices).toEqual(['client', 'server']);
      renderApp(c.language);
      const card = await screen.findByRole('group', { name: new RegExp(t('lesson.predict.heading')) });
      await userEvent.click(within(card).getByRole('radio', { name: t('lesson.choices.who-opens.client') }));
      await userEvent.click(within(card).getByRole('button', { name: t('lesson.predict.check') }));
      const verdict =
        (await screen.findByRole('region', { name: t('lesson.predict.heading') })).querySelector(
          '.feedback-verdict',
        )?.textContent ?? '';
      expect(verdict).toContain(c.wrong);
      expect(verdict).toContain(c.yours);
      // No label capitalised after the words that introduce it.
      expect(verdict).not.toMatch(/\b(is|es|chose|said|elegiste|dijiste) [A-ZÁÉÍÓÚ][a-záéíóúñ]/u);
    });
});

describe('predictions turned off', () => {
  it('never asks: the replay just plays to the end, and the outcome shows only there', async () => {
    const replay = chapterReplay('client-firewall');
    useLesson.getState().openChapter('client-firewall');
    renderApp();
    const main = await screen.findByRole('main');
    await userEvent.click(within(main).getByRole('checkbox', { name: en('lesson.predictions.label') }));
    expect(useLesson.getState().predictionsOn).toBe(false);
    const forward = within(main).getByRole('button', { name: en('lesson.player.forward') });
    for (let step = 0; step < replay.end; step++) {
      expect(useLesson.getState().position?.cursor).toBe(step);
      expect(screen.queryByRole('group', { name: new RegExp(en('lesson.predict.heading')) })).toBeNull();
      for (const w of outcomes) expect(main.textContent).not.toContain(w);
      await userEvent.click(forward);
    }
    expect(useLesson.getState().position?.cursor).toBe(replay.end);
    expect(main.textContent).toContain(en('lesson.outcome.failed'));
    expect(useLesson.getState().answers).toEqual({});
  }, 60_000);
});

describe('the session outcome', () => {
  it('stays hidden while a learner jumps ahead (End stops at the next question), and shows at the end', async () => {
    const replay = chapterReplay('active-mode');
    useLesson.getState().openChapter('active-mode');
    renderApp();
    const main = await screen.findByRole('main');
    await userEvent.keyboard('{End}');
    const first = replay.points[0];
    expect(useLesson.getState().position?.cursor).toBe((first?.index ?? 0) - 1);
    for (const w of outcomes) expect(main.textContent).not.toContain(w);
    // Every question answered: End goes to the end, where the outcome is told.
    for (const p of replay.points)
      useLesson.getState().answer(answerKey('active-mode', p.id), { response: p.answer, correct: true });
    await userEvent.keyboard('{End}');
    expect(useLesson.getState().position?.cursor).toBe(replay.end);
    expect(await within(main).findByText(en('lesson.outcome.success'))).toBeTruthy();
  });
});
