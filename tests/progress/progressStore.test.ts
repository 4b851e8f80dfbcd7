import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  chapterProgress,
  emptyDocument,
  progressFile,
  STORAGE_KEYS,
  useProgress,
  type ProgressDocument,
  type QuizRecord,
} from '../../src/progress';
import { formatQuizParam, type QuizConfig } from '../../src/quiz';

const A: QuizConfig = { seed: 1, count: 3, topics: ['decode'] };
const B: QuizConfig = { seed: 2, count: 3, topics: ['decode'] };
const answer = (id: string) => ({ id, response: 'r', correct: true });
function record(config: QuizConfig, answers: string[] = [], updatedAt = 1): QuizRecord {
  return {
    version: 1,
    quiz: { ...config, topics: [...config.topics] },
    fingerprint: '',
    answers: answers.map(answer),
    attempt: 1,
    round: 0,
    updatedAt,
  };
}
const docOf = (...records: QuizRecord[]): ProgressDocument => ({
  ...emptyDocument(),
  quizzes: Object.fromEntries(records.map((r) => [formatQuizParam(r.quiz), r])),
});
const stored = (): ProgressDocument => JSON.parse(localStorage.getItem(STORAGE_KEYS.progress) ?? 'null');
const keptAside = (): { raw: string; reason: string }[] =>
  JSON.parse(localStorage.getItem(STORAGE_KEYS.keptAside) ?? '[]');

/** Another tab of the same browser saves: localStorage changes, then this tab hears of it. */
function otherTabSaves(value: string, beforeTheEvent: () => void = () => undefined): void {
  localStorage.setItem(STORAGE_KEYS.progress, value);
  beforeTheEvent();
  window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEYS.progress, newValue: value }));
}

const store = () => useProgress.getState();

beforeEach(() => {
  localStorage.clear();
  useProgress.setState(useProgress.getInitialState(), true);
});
afterEach(() => vi.restoreAllMocks());

describe('a newer version’s or unreadable progress', () => {
  it('is kept aside as it was, before anything is written over it, and only once', () => {
    const newer = JSON.stringify({ version: 3, quizzes: { future: true } });
    localStorage.setItem(STORAGE_KEYS.progress, newer);
    store().load();
    expect(keptAside()).toEqual([
      expect.objectContaining({ raw: newer, reason: 'newer', source: STORAGE_KEYS.progress }),
    ]);
    expect(stored()).toEqual(emptyDocument());
    expect(store().notices).toEqual(['keptAside']);
    useProgress.setState(useProgress.getInitialState(), true);
    store().load();
    expect(keptAside()).toHaveLength(1);
  });

  it('stays where it is when it cannot be kept aside (the browser refuses): nothing is written at all', () => {
    const newer = JSON.stringify({ version: 3 });
    localStorage.setItem(STORAGE_KEYS.progress, newer);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    store().load();
    store().putQuiz(record(A, ['1']));
    expect(localStorage.getItem(STORAGE_KEYS.progress)).toBe(newer);
    expect(store().notices).toContain('notSaved');
    // The learner goes on, in memory.
    expect(Object.keys(store().document.quizzes)).toEqual([formatQuizParam(A)]);
  });

  it('keeps an unreadable old-format quiz aside too, and removes the old key only once it is safe', () => {
    localStorage.setItem(STORAGE_KEYS.legacyQuiz, '{"version":1,"quiz":');
    store().load();
    expect(keptAside()).toEqual([
      expect.objectContaining({ raw: '{"version":1,"quiz":', source: STORAGE_KEYS.legacyQuiz }),
    ]);
    expect(localStorage.getItem(STORAGE_KEYS.legacyQuiz)).toBeNull();
  });
});

describe('two tabs', () => {
  it('take in what the other saved, quiz by quiz, without writing back what adds nothing', () => {
    store().load();
    store().putQuiz(record(A, ['1']));
    let set: ReturnType<typeof vi.spyOn> | undefined;
    // The other tab had read A too, and then started B: its copy holds everything this one has.
    otherTabSaves(JSON.stringify(docOf(record(A, ['1']), record(B, ['x']))), () => {
      set = vi.spyOn(Storage.prototype, 'setItem');
    });
    expect(Object.keys(store().document.quizzes).sort()).toEqual([formatQuizParam(A), formatQuizParam(B)]);
    expect(set).not.toHaveBeenCalled();
  });

  it('write back what only this tab has, so neither copy overwrites the other', () => {
    store().load();
    store().putQuiz(record(A, ['1', '2'], 5));
    // The other tab never saw the second answer to A; it saves its B (with its older copy of A).
    otherTabSaves(JSON.stringify(docOf(record(A, ['1']), record(B, ['x']))));
    expect(stored().quizzes[formatQuizParam(A)]?.answers).toHaveLength(2);
    expect(stored().quizzes[formatQuizParam(B)]?.answers).toHaveLength(1);
  });

  it('never overwrite what the other saved unheard: every save reads and merges first', () => {
    store().load();
    store().putQuiz(record(A, ['1']));
    // Saved by another tab, with no event heard here (yet).
    localStorage.setItem(STORAGE_KEYS.progress, JSON.stringify(docOf(record(A, ['1']), record(B, ['x']))));
    store().putQuiz(record(A, ['1', '2'], 2));
    expect(Object.keys(stored().quizzes).sort()).toEqual([formatQuizParam(A), formatQuizParam(B)]);
  });

  it('each keep their own open quiz', () => {
    store().load();
    store().setActiveQuiz(formatQuizParam(A));
    otherTabSaves(JSON.stringify({ ...docOf(record(B)), activeQuiz: formatQuizParam(B) }));
    expect(store().document.activeQuiz).toBe(formatQuizParam(A));
  });

  it('stop saving when the other runs a newer version, and say so', () => {
    store().load();
    store().putQuiz(record(A, ['1']));
    const newer = JSON.stringify({ version: 3 });
    otherTabSaves(newer);
    expect(store().notices).toContain('newerElsewhere');
    store().putQuiz(record(A, ['1', '2'], 2));
    expect(localStorage.getItem(STORAGE_KEYS.progress)).toBe(newer);
    expect(store().document.quizzes[formatQuizParam(A)]?.answers).toHaveLength(2);
  });
});

describe('lesson chapters', () => {
  it('record predictions and completion, for chapterProgress to read', () => {
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    store().recordPrediction('client-firewall', 'who-connects', 'server', true);
    store().recordPrediction('client-firewall', 'will-it-pass', 'yes', false);
    expect(chapterProgress(store().document, 'client-firewall')).toMatchObject({
      answered: 2,
      correct: 1,
      completed: false,
    });
    store().completeChapter('client-firewall');
    const done = chapterProgress(stored(), 'client-firewall');
    expect(done).toMatchObject({
      answered: 2,
      completed: true,
      completedAt: Date.parse('2026-12-02T10:00:00Z'),
    });
    // Completed once: finishing again keeps the first time.
    vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
    store().completeChapter('client-firewall');
    expect(chapterProgress(stored(), 'client-firewall').completedAt).toBe(done.completedAt);
    expect(chapterProgress(stored(), 'never-opened')).toMatchObject({
      answered: 0,
      completed: false,
      predictions: {},
    });
    vi.useRealTimers();
  });

  it('refuse ids that are not short lower-case words (a programmer’s mistake, never the learner’s)', () => {
    expect(() => store().recordPrediction('Client Firewall', 'x', 'a', true)).toThrow(/chapter id/);
    expect(() => store().completeChapter('')).toThrow(/chapter id/);
  });
});

describe('importing a progress file', () => {
  it('merges it and reports what it held; a failure changes nothing', () => {
    store().putQuiz(record(A, ['1']));
    const file = progressFile(docOf(record(A), record(B, ['x'])), [], new Date());
    expect(store().importProgress(file)).toEqual({ ok: true, quizzes: 2, chapters: 0 });
    expect(stored().quizzes[formatQuizParam(A)]?.answers).toHaveLength(1);
    expect(stored().quizzes[formatQuizParam(B)]?.answers).toHaveLength(1);

    const before = localStorage.getItem(STORAGE_KEYS.progress);
    expect(store().importProgress('{"app":"ftp-flow-lab","kind":"progress","version":2}')).toEqual({
      ok: false,
      problem: 'invalid',
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const documentBefore = store().document;
    const other = progressFile(docOf(record({ ...B, seed: 3 })), [], new Date());
    expect(store().importProgress(other)).toEqual({ ok: false, problem: 'notSaved' });
    expect(store().document).toBe(documentBefore);
    expect(localStorage.getItem(STORAGE_KEYS.progress)).toBe(before);
  });
});
