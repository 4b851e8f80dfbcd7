import { beforeEach, describe, expect, it } from 'vitest';
import { quizKey, STORAGE_KEYS, useProgress, type ProgressDocument } from '../../src/progress';
import { formatQuizParam, generateQuiz, type QuizConfig } from '../../src/quiz';
import { useQuiz } from '../../src/store/quizStore';

const config: QuizConfig = { seed: 12, topics: ['decode', 'concepts'], count: 4 };
const other: QuizConfig = { ...config, seed: 13 };
const questions = generateQuiz(config);
const id = (i: number) => questions[i]?.id ?? '';

const stored = (): ProgressDocument => JSON.parse(localStorage.getItem(STORAGE_KEYS.progress) ?? 'null');
const keptAside = (): { reason: string; raw: string; source: string }[] =>
  JSON.parse(localStorage.getItem(STORAGE_KEYS.keptAside) ?? '[]');

/** A reload: both stores forget everything but localStorage. */
function reload(): void {
  useQuiz.setState(useQuiz.getInitialState(), true);
  useProgress.setState(useProgress.getInitialState(), true);
}

beforeEach(() => {
  localStorage.clear();
  reload();
});

describe('the quiz store', () => {
  it('saves every answer as it is given, once per question, in the quiz’s own record', () => {
    const s = useQuiz.getState();
    s.start(config);
    s.answer(id(0), 'x', false);
    s.answer(id(0), 'y', true);
    expect(useQuiz.getState().progress?.answers).toEqual([{ id: id(0), response: 'x', correct: false }]);
    expect(useQuiz.getState().reviewing).toBe(id(0));
    expect(stored().version).toBe(2);
    expect(stored().quizzes[formatQuizParam(config)]?.answers).toHaveLength(1);
    expect(stored().activeQuiz).toBe(formatQuizParam(config));
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

  it('keeps each quiz separately: a link to another quiz never takes one’s answers away', () => {
    useQuiz.getState().start(config);
    useQuiz.getState().answer(id(0), 'a', true);
    useQuiz.getState().answer(id(1), 'b', false);
    reload();
    useQuiz.getState().hydrate({ kind: 'quiz', config: other });
    expect(useQuiz.getState().progress?.quiz.seed).toBe(13);
    expect(useQuiz.getState().progress?.answers).toEqual([]);
    expect(useQuiz.getState().notices).toEqual(['fromLink']);
    const q13 = generateQuiz(other)[0]?.id ?? '';
    useQuiz.getState().answer(q13, 'z', true);
    // Both are stored; back to the first by its link: its two answers are there, no "from a link" notice.
    expect(Object.keys(stored().quizzes).sort()).toEqual([formatQuizParam(config), formatQuizParam(other)]);
    reload();
    useQuiz.getState().hydrate({ kind: 'quiz', config });
    expect(useQuiz.getState().progress?.answers.map((a) => a.id)).toEqual([id(0), id(1)]);
    expect(useQuiz.getState().notices).toEqual([]);
    // Without a link, a reload opens the quiz last open.
    reload();
    useQuiz.getState().hydrate();
    expect(useQuiz.getState().progress?.quiz.seed).toBe(12);
  });

  it('refuses a malformed link with a notice, leaving the quiz that was open as it was', () => {
    useQuiz.getState().start(config);
    useQuiz.getState().answer(id(0), 'a', true);
    const before = stored();
    reload();
    useQuiz.getState().hydrate({ kind: 'invalid' });
    expect(useQuiz.getState().notices).toEqual(['badLink']);
    expect(useQuiz.getState().progress?.answers).toHaveLength(1);
    expect(stored().quizzes).toEqual(before.quizzes);
  });

  it('starting a quiz that is saved continues it; “take it again” starts a new attempt', () => {
    useQuiz.getState().start(config);
    useQuiz.getState().answer(id(0), 'a', true);
    useQuiz.getState().leave();
    expect(useQuiz.getState().progress).toBeNull();
    useQuiz.getState().start(config);
    expect(useQuiz.getState().progress?.answers).toHaveLength(1);
    useQuiz.getState().restart();
    expect(useQuiz.getState().progress).toMatchObject({ attempt: 2, answers: [] });
    expect(stored().quizzes[formatQuizParam(config)]).toMatchObject({ attempt: 2, answers: [] });
  });

  it('keeps leaving’s promise: the quiz stays saved, only the start screen shows', () => {
    useQuiz.getState().start(config);
    useQuiz.getState().answer(id(0), 'a', true);
    useQuiz.getState().leave();
    expect(stored().quizzes[formatQuizParam(config)]?.answers).toHaveLength(1);
    expect(stored().activeQuiz).toBeNull();
    reload();
    useQuiz.getState().hydrate();
    expect(useQuiz.getState().progress).toBeNull();
  });

  it('keeps an outdated quiz aside (answers to questions it no longer has) and starts it again', () => {
    useQuiz.getState().start(config);
    const key = formatQuizParam(config);
    const doc = stored();
    const outdated = { ...doc.quizzes[key], answers: [{ id: '7-predict', response: 'a', correct: true }] };
    localStorage.setItem(STORAGE_KEYS.progress, JSON.stringify({ ...doc, quizzes: { [key]: outdated } }));
    reload();
    useQuiz.getState().hydrate();
    expect(useQuiz.getState().notices).toEqual(['outdated']);
    expect(useQuiz.getState().progress).toMatchObject({ attempt: 2, answers: [] });
    const [entry] = keptAside();
    expect(entry).toMatchObject({ reason: 'outdated', source: `quiz:${key}` });
    expect(JSON.parse(entry?.raw ?? '{}').answers).toEqual(outdated.answers);
  });

  it('shows what another tab answered in the quiz open here', () => {
    useQuiz.getState().start(config);
    useQuiz.getState().answer(id(0), 'a', true);
    const doc = stored();
    const key = quizKey({ quiz: config });
    const record = doc.quizzes[key];
    if (!record) throw new Error('not saved');
    const theirs = {
      ...doc,
      quizzes: {
        [key]: { ...record, answers: [...record.answers, { id: id(1), response: 'b', correct: true }] },
      },
    };
    const newValue = JSON.stringify(theirs);
    localStorage.setItem(STORAGE_KEYS.progress, newValue);
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEYS.progress, newValue }));
    expect(useQuiz.getState().progress?.answers.map((a) => a.id)).toEqual([id(0), id(1)]);
    // The question whose feedback was on screen is still answered: its feedback stays.
    expect(useQuiz.getState().reviewing).toBe(id(0));
  });
});
