import { describe, expect, it } from 'vitest';
import {
  generateQuiz,
  loadProgress,
  newProgress,
  reconcileProgress,
  serializeProgress,
  type Progress,
  type QuizConfig,
} from '../../src/quiz';

const config: QuizConfig = { seed: 42, topics: ['decode', 'verdict'], count: 4 };
const questions = generateQuiz(config);

function started(): Progress {
  const p = newProgress(config, questions);
  return { ...p, answers: [{ id: questions[0]?.id ?? '', response: '40007', correct: false }] };
}

describe('stored quiz progress', () => {
  it('round-trips version 1 unchanged', () => {
    const p = started();
    expect(loadProgress(serializeProgress(p))).toEqual({ progress: p, notice: null });
  });

  it('is empty, without a notice, when nothing was stored', () => {
    expect(loadProgress(null)).toEqual({ progress: null, notice: null });
    expect(loadProgress('')).toEqual({ progress: null, notice: null });
  });

  it('resets with a notice when the text is not JSON or not an object', () => {
    for (const raw of ['{not json', '[]', '42', 'null', '"text"', '{"version":"1"}'])
      expect(loadProgress(raw), raw).toEqual({ progress: null, notice: 'corrupt' });
  });

  it('resets with a notice when version 1 has the wrong shape', () => {
    const p = started();
    const broken = [
      { ...p, answers: 'none' },
      { ...p, quiz: { ...p.quiz, count: 0 } },
      { ...p, quiz: { ...p.quiz, topics: ['cooking'] } },
      { ...p, answers: [{ id: 'x', response: 1, correct: 'yes' }] },
      { version: 1 },
    ];
    for (const b of broken) expect(loadProgress(JSON.stringify(b)).notice).toBe('corrupt');
  });

  it('resets with a notice when a newer app wrote it', () => {
    expect(loadProgress(JSON.stringify({ ...started(), version: 2 }))).toEqual({
      progress: null,
      notice: 'unsupported',
    });
  });

  it('migrates the unversioned draft, keeping the answers', () => {
    const { quiz, answers } = started();
    const loaded = loadProgress(JSON.stringify({ quiz, answers }));
    expect(loaded.notice).toBe('migrated');
    expect(loaded.progress?.version).toBe(1);
    expect(loaded.progress?.answers).toEqual(answers);
    // The fingerprint is filled in once the questions are checked.
    const reconciled = loaded.progress && reconcileProgress(loaded.progress, questions);
    expect(reconciled?.fingerprint).toBe(newProgress(config, questions).fingerprint);
  });

  it('fits progress to the questions its config generates, or refuses it', () => {
    const p = started();
    expect(reconcileProgress(p, questions)).toEqual(p);
    expect(reconcileProgress({ ...p, fingerprint: 'deadbeef' }, questions)).toBeNull();
    expect(
      reconcileProgress({ ...p, answers: [{ id: '99-decode', response: '1', correct: true }] }, questions),
    ).toBeNull();
    expect(reconcileProgress({ ...p, retry: { ids: ['99-verdict'], answers: [] } }, questions)).toBeNull();
  });
});
