import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  emptyDocument,
  type ChapterRecord,
  type ProgressDocument,
  type QuizRecord,
} from '../../src/progress/document';
import { mergeChapters, mergeDocuments, moreAdvancedQuiz } from '../../src/progress/merge';
import { formatQuizParam, TOPICS, type QuizConfig } from '../../src/quiz';

function record(config: QuizConfig, fields: Partial<QuizRecord> = {}): QuizRecord {
  return {
    version: 1,
    quiz: { ...config, topics: [...config.topics] },
    fingerprint: 'f',
    answers: [],
    attempt: 1,
    round: 0,
    updatedAt: 0,
    ...fields,
  };
}
const answer = (id: string, correct = true) => ({ id, response: 'r', correct });
const A: QuizConfig = { seed: 1, count: 3, topics: ['decode'] };
const B: QuizConfig = { seed: 2, count: 3, topics: ['decode'] };
const doc = (
  quizzes: QuizRecord[],
  chapters: Record<string, ChapterRecord> = {},
  activeQuiz: string | null = null,
): ProgressDocument => ({
  ...emptyDocument(),
  quizzes: Object.fromEntries(quizzes.map((r) => [formatQuizParam(r.quiz), r])),
  chapters,
  activeQuiz,
});

describe('merging two copies of the progress', () => {
  it('keeps every quiz either copy has', () => {
    const merged = mergeDocuments(doc([record(A)]), doc([record(B)]));
    expect(Object.keys(merged.quizzes).sort()).toEqual([formatQuizParam(A), formatQuizParam(B)]);
  });

  it('keeps, of one quiz, the copy that got further: attempt, then round, then answers', () => {
    const one = record(A, { answers: [answer('1')], updatedAt: 9 });
    const two = record(A, { answers: [answer('1'), answer('2')], updatedAt: 1 });
    expect(moreAdvancedQuiz(one, two)).toBe(two);
    const retry = record(A, { answers: [answer('1')], round: 1, retry: { ids: ['1'], answers: [] } });
    expect(moreAdvancedQuiz(two, retry)).toBe(retry);
    const again = record(A, { attempt: 2 });
    expect(moreAdvancedQuiz(retry, again)).toBe(again);
    // As far on both: the one changed last.
    const later = record(A, { answers: [answer('3')], updatedAt: 10 });
    expect(moreAdvancedQuiz(one, later)).toBe(later);
  });

  it('keeps this tab’s open quiz, even when it has none open', () => {
    expect(mergeDocuments(doc([], {}, null), doc([], {}, 'x')).activeQuiz).toBeNull();
    expect(mergeDocuments(doc([], {}, 'y'), doc([], {}, 'x')).activeQuiz).toBe('y');
  });

  it('unites a chapter’s predictions and keeps it completed, from the first time', () => {
    const a: ChapterRecord = {
      predictions: { one: { response: 'a', correct: true, at: 5 } },
      completedAt: 7,
      updatedAt: 7,
    };
    const b: ChapterRecord = {
      predictions: {
        one: { response: 'b', correct: false, at: 6 },
        two: { response: 'c', correct: true, at: 2 },
      },
      completedAt: 3,
      updatedAt: 6,
    };
    expect(mergeChapters(a, b)).toEqual({
      predictions: {
        one: { response: 'b', correct: false, at: 6 },
        two: { response: 'c', correct: true, at: 2 },
      },
      completedAt: 3,
      updatedAt: 7,
    });
  });
});

/** Arbitrary documents over a few quizzes and chapters, so that copies often share an activity. */
const quizArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 }),
    // Small ranges: two copies of a quiz often tie, which is where merging is easiest to get wrong.
    attempt: fc.integer({ min: 1, max: 2 }),
    round: fc.integer({ min: 0, max: 1 }),
    answers: fc.array(fc.constantFrom('1', '2', '3'), { maxLength: 2 }),
    updatedAt: fc.integer({ min: 0, max: 1 }),
    fingerprint: fc.constantFrom('f', 'g'),
  })
  .map(({ seed, answers, ...rest }) =>
    record({ seed, count: 3, topics: [TOPICS[0]] }, { ...rest, answers: answers.map((id) => answer(id)) }),
  );
const chapterArb = fc.record({
  predictions: fc.dictionary(
    fc.constantFrom('p', 'q', 'r'),
    fc.record({
      response: fc.constantFrom('a', 'b'),
      correct: fc.boolean(),
      at: fc.integer({ min: 0, max: 4 }),
    }),
  ),
  completedAt: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  updatedAt: fc.integer({ min: 0, max: 4 }),
});
const docArb = fc
  .record({
    quizzes: fc.array(quizArb, { maxLength: 4 }),
    chapters: fc.dictionary(fc.constantFrom('c1', 'c2'), chapterArb),
  })
  .map(({ quizzes, chapters }) =>
    doc(
      quizzes,
      Object.fromEntries(
        Object.entries(chapters).map(([k, c]) => [
          k,
          c.completedAt === undefined ? { predictions: c.predictions, updatedAt: c.updatedAt } : c,
        ]),
      ),
    ),
  );
const sameProgress = (a: ProgressDocument, b: ProgressDocument) =>
  canonicalJson({ ...a, activeQuiz: null }) === canonicalJson({ ...b, activeQuiz: null });

describe('merging, for any two copies (property tests)', () => {
  it('gives the same result whichever tab merges (or two tabs would write back and forth for ever)', () => {
    fc.assert(
      fc.property(docArb, docArb, (a, b) => sameProgress(mergeDocuments(a, b), mergeDocuments(b, a))),
    );
  });

  it('changes nothing when merged again (so a tab that already has everything writes nothing)', () => {
    fc.assert(
      fc.property(docArb, docArb, (a, b) => {
        const m = mergeDocuments(a, b);
        return sameProgress(mergeDocuments(m, b), m) && sameProgress(mergeDocuments(m, a), m);
      }),
    );
  });

  it('loses no quiz, no chapter and no prediction of either copy', () => {
    fc.assert(
      fc.property(docArb, docArb, (a, b) => {
        const m = mergeDocuments(a, b);
        const has = (d: ProgressDocument) =>
          Object.keys(d.quizzes).every((k) => k in m.quizzes) &&
          Object.entries(d.chapters).every(
            ([id, c]) =>
              id in m.chapters &&
              Object.keys(c.predictions).every((p) => p in (m.chapters[id]?.predictions ?? {})) &&
              (c.completedAt === undefined || m.chapters[id]?.completedAt !== undefined),
          );
        return has(a) && has(b);
      }),
    );
  });
});
