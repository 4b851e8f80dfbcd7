import { describe, expect, it } from 'vitest';
import { TOPICS, createQuizRandom, generateQuiz, meaningOf, type Question } from '../../src/quiz';

/** What a learner sees of a question: prompt, givens, choices (or format) and the keyed answer. */
function seen(q: Question): string {
  return JSON.stringify([
    q.topic,
    meaningOf(q.prompt),
    q.facts.map(meaningOf),
    q.context.map(meaningOf),
    q.kind === 'choice' ? q.choices.map((c) => meaningOf(c.text)) : q.format,
    q.answer,
  ]);
}

describe('the seeded generator', () => {
  it('gives the same questions for the same seed, every time', () => {
    for (const seed of [0, 1, 42, 123456, 0xffffffff]) {
      const config = { seed, topics: [...TOPICS], count: 12 };
      expect(generateQuiz(config)).toEqual(generateQuiz(config));
    }
  });

  it('gives different quizzes for different seeds', () => {
    const quizzes = Array.from({ length: 40 }, (_, seed) =>
      generateQuiz({ seed, topics: [...TOPICS], count: 8 })
        .map(seen)
        .join('\n'),
    );
    expect(new Set(quizzes).size).toBe(quizzes.length);
  });

  it('gives different questions for neighbouring seeds within one topic', () => {
    for (const topic of TOPICS) {
      const a = generateQuiz({ seed: 7, topics: [topic], count: 4 }).map(seen);
      const b = generateQuiz({ seed: 8, topics: [topic], count: 4 }).map(seen);
      expect(a, topic).not.toEqual(b);
    }
  });

  it('does not repeat a question within a quiz', () => {
    for (const seed of [3, 99, 2024]) {
      const qs = generateQuiz({ seed, topics: ['decode'], count: 20 }).map(seen);
      expect(new Set(qs).size).toBe(qs.length);
    }
  });

  it('does not depend on the order the topics are listed in', () => {
    expect(generateQuiz({ seed: 5, topics: ['verdict', 'decode'], count: 6 })).toEqual(
      generateQuiz({ seed: 5, topics: ['decode', 'verdict'], count: 6 }),
    );
  });

  it('asks only about the chosen topics, in turn', () => {
    const qs = generateQuiz({ seed: 11, topics: ['decode', 'concepts'], count: 7 });
    expect(qs.map((q) => q.topic).every((t) => t === 'decode' || t === 'concepts')).toBe(true);
    expect(qs.filter((q) => q.topic === 'decode').length).toBeGreaterThanOrEqual(3);
    expect(qs.filter((q) => q.topic === 'concepts').length).toBeGreaterThanOrEqual(3);
  });
});

describe('createQuizRandom (mulberry32)', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = createQuizRandom(9);
    const b = createQuizRandom(9);
    for (let i = 0; i < 1000; i++) {
      const x = a.int(3, 7);
      expect(x).toBe(b.int(3, 7));
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(7);
    }
  });

  it('shuffles into a permutation', () => {
    const r = createQuizRandom(1);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = r.shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
