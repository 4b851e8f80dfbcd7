import { describe, expect, it } from 'vitest';
import {
  buildResultExport,
  generateQuiz,
  newProgress,
  nextQuestion,
  quizResults,
  roundQuestions,
  type Message,
  type Progress,
} from '../../src/quiz';

const config = { seed: 3, topics: ['decode' as const, 'concepts' as const], count: 4 };
const questions = generateQuiz(config);
const [q1, q2, q3, q4] = questions;
if (!q1 || !q2 || !q3 || !q4) throw new Error('four questions expected');

const right = (q: typeof q1) => ({ id: q.id, response: q.answer, correct: true });
const wrong = (q: typeof q1) => ({ id: q.id, response: q.kind === 'free' ? '1' : 'zz', correct: false });

describe('results', () => {
  const progress: Progress = {
    ...newProgress(config, questions),
    answers: [right(q1), wrong(q2), right(q3), wrong(q4)],
  };

  it('score the round and each topic, and list the wrong answers', () => {
    const r = quizResults(questions, progress.answers);
    expect(r.correct).toBe(2);
    expect(r.total).toBe(4);
    expect(r.wrong.map((q) => q.id)).toEqual([q2.id, q4.id]);
    const total = r.mastery.reduce((n, m) => n + m.total, 0);
    expect(total).toBe(4);
    expect(r.mastery.map((m) => m.topic)).toEqual(['decode', 'concepts']);
  });

  it('find the next question to answer, and none when the round is done', () => {
    expect(nextQuestion(questions, [right(q1)])?.id).toBe(q2.id);
    expect(nextQuestion(questions, progress.answers)).toBeUndefined();
  });

  it('make a retry round of just the chosen questions', () => {
    const retry = { ...progress, retry: { ids: [q2.id, q4.id], answers: [right(q2)] } };
    expect(roundQuestions(questions, retry).map((q) => q.id)).toEqual([q2.id, q4.id]);
    expect(nextQuestion(roundQuestions(questions, retry), retry.retry.answers)?.id).toBe(q4.id);
  });

  it('export per question what was asked, what was answered and whether it was right', () => {
    const render = (m: Message) => m.key;
    const retry = { ...progress, retry: { ids: [q2.id, q4.id], answers: [right(q2)] } };
    const out = buildResultExport(questions, retry, render, {
      language: 'es',
      exportedAt: '2025-01-02T03:04:05Z',
    });
    expect(out.score).toEqual({ correct: 2, total: 4 });
    expect(out.retry).toEqual({ correct: 1, total: 2 });
    expect(out.quiz).toEqual(config);
    expect(out.questions).toHaveLength(4);
    const second = out.questions[1];
    expect(second?.asked).toContain(q2.prompt.key);
    expect(second?.correct).toBe(false);
    expect(second?.retryCorrect).toBe(true);
    expect(out.questions[0]?.correct).toBe(true);
    expect(out.questions[0]?.answered).toBe(q1.kind === 'free' ? q1.answer : expect.any(String));
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});
