import { beforeEach, describe, expect, it } from 'vitest';
import { generateQuiz, type QuizConfig } from '../../src/quiz';
import { QUIZ_STORAGE_KEY, useQuiz } from '../../src/store/quizStore';

const config: QuizConfig = { seed: 12, topics: ['decode', 'concepts'], count: 4 };
const questions = generateQuiz(config);
const id = (i: number) => questions[i]?.id ?? '';

const stored = () => JSON.parse(localStorage.getItem(QUIZ_STORAGE_KEY) ?? 'null');

beforeEach(() => {
  localStorage.clear();
  useQuiz.setState(useQuiz.getInitialState(), true);
});

describe('the quiz store', () => {
  it('saves every answer as it is given, once per question', () => {
    const s = useQuiz.getState();
    s.start(config);
    s.answer(id(0), 'x', false);
    s.answer(id(0), 'y', true);
    expect(useQuiz.getState().progress?.answers).toEqual([{ id: id(0), response: 'x', correct: false }]);
    expect(useQuiz.getState().reviewing).toBe(id(0));
    expect(stored().answers).toHaveLength(1);
    expect(stored().version).toBe(1);
  });

  it('retries just the wrong answers, and then those still wrong', () => {
    const s = useQuiz.getState();
    s.start(config);
    s.answer(id(0), 'a', true);
    s.answer(id(1), 'b', false);
    s.answer(id(2), 'c', false);
    s.answer(id(3), 'd', true);
    useQuiz.getState().retryWrong();
    expect(useQuiz.getState().progress?.retry).toEqual({ ids: [id(1), id(2)], answers: [] });
    // Only questions of the retry round can be answered in it.
    useQuiz.getState().answer(id(0), 'a', true);
    useQuiz.getState().answer(id(1), 'b', true);
    useQuiz.getState().answer(id(2), 'c', false);
    expect(useQuiz.getState().progress?.retry?.answers.map((a) => a.id)).toEqual([id(1), id(2)]);
    useQuiz.getState().retryWrong();
    expect(useQuiz.getState().progress?.retry).toEqual({ ids: [id(2)], answers: [] });
    // The first round's answers stay the score of record.
    expect(useQuiz.getState().progress?.answers.map((a) => a.correct)).toEqual([true, false, false, true]);
  });

  it('reloads saved progress; a link to the same quiz keeps it, a link to another replaces it', () => {
    useQuiz.getState().start(config);
    useQuiz.getState().answer(id(0), 'a', true);
    useQuiz.setState(useQuiz.getInitialState(), true);
    useQuiz.getState().hydrate({ kind: 'quiz', config });
    expect(useQuiz.getState().progress?.answers).toHaveLength(1);
    expect(useQuiz.getState().notices).toEqual([]);
    useQuiz.getState().hydrate({ kind: 'quiz', config: { ...config, seed: 13 } });
    expect(useQuiz.getState().progress?.quiz.seed).toBe(13);
    expect(useQuiz.getState().progress?.answers).toEqual([]);
    expect(useQuiz.getState().notices).toEqual(['fromLink']);
  });

  it('resets outdated progress (answers to questions the quiz no longer has) with a notice', () => {
    useQuiz.getState().start(config);
    const p = useQuiz.getState().progress;
    localStorage.setItem(
      QUIZ_STORAGE_KEY,
      JSON.stringify({ ...p, answers: [{ id: '7-predict', response: 'a', correct: true }] }),
    );
    useQuiz.setState(useQuiz.getInitialState(), true);
    useQuiz.getState().hydrate();
    expect(useQuiz.getState().progress).toBeNull();
    expect(useQuiz.getState().notices).toEqual(['outdated']);
    expect(localStorage.getItem(QUIZ_STORAGE_KEY)).toBeNull();
  });

  it('deletes the saved progress when the learner leaves the quiz', () => {
    useQuiz.getState().start(config);
    useQuiz.getState().leave();
    expect(useQuiz.getState().progress).toBeNull();
    expect(localStorage.getItem(QUIZ_STORAGE_KEY)).toBeNull();
  });
});
