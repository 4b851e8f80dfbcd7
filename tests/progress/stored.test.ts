import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../src/progress/document';
import { addKeptAside, readDocument, readKeptAside, readLegacyQuiz } from '../../src/progress/stored';
import { progressFile, readProgressFile } from '../../src/progress/transfer';
import {
  formatQuizParam,
  generateQuiz,
  newProgress,
  serializeProgress,
  type QuizConfig,
} from '../../src/quiz';

const config: QuizConfig = { seed: 42, topics: ['decode', 'verdict'], count: 4 };
const questions = generateQuiz(config);
const v1 = {
  ...newProgress(config, questions),
  answers: [{ id: questions[0]?.id ?? '', response: '1', correct: false }],
};
const record = { ...v1, attempt: 1, round: 0, updatedAt: 5 };
const document = { ...emptyDocument(), quizzes: { [formatQuizParam(config)]: record } };

describe('the stored progress document', () => {
  it('round-trips, and is empty (no notice) when nothing is stored', () => {
    expect(readDocument(JSON.stringify(document))).toEqual({ kind: 'document', document });
    expect(readDocument(null)).toEqual({ kind: 'empty' });
    expect(readDocument('')).toEqual({ kind: 'empty' });
  });

  it('files each quiz under its own identity, whatever key it was stored under', () => {
    const misfiled = { ...document, quizzes: { 'seed:1': record } };
    const read = readDocument(JSON.stringify(misfiled));
    expect(read.kind === 'document' && Object.keys(read.document.quizzes)).toEqual([formatQuizParam(config)]);
  });

  it('tells data from a newer version from data it cannot read', () => {
    expect(readDocument(JSON.stringify({ version: 3, anything: true }))).toEqual({
      kind: 'unusable',
      reason: 'newer',
    });
    for (const raw of [
      '{not json',
      '[]',
      '42',
      'null',
      '{"version":"2"}',
      '{"version":1}',
      JSON.stringify({ ...document, quizzes: 'none' }),
    ])
      expect(readDocument(raw), raw).toEqual({ kind: 'unusable', reason: 'unreadable' });
    const tooLong = {
      ...document,
      chapters: {
        c: { predictions: { p: { response: 'x'.repeat(201), correct: true, at: 1 } }, updatedAt: 1 },
      },
    };
    expect(readDocument(JSON.stringify(tooLong)).kind).toBe('unusable');
  });
});

describe('the old format (one quiz, versions 0 and 1)', () => {
  it('becomes a first attempt with its answers', () => {
    const read = readLegacyQuiz(serializeProgress(v1), 99);
    expect(read).toEqual({
      kind: 'record',
      key: formatQuizParam(config),
      record: { ...v1, attempt: 1, round: 0, updatedAt: 99 },
    });
    const draft = readLegacyQuiz(JSON.stringify({ quiz: config, answers: v1.answers }), 1);
    expect(draft.kind === 'record' && draft.record.answers).toEqual(v1.answers);
  });

  it('is kept aside when newer or unreadable', () => {
    expect(readLegacyQuiz(JSON.stringify({ ...v1, version: 2 }), 1)).toEqual({
      kind: 'unusable',
      reason: 'newer',
    });
    expect(readLegacyQuiz('{oops', 1)).toEqual({ kind: 'unusable', reason: 'unreadable' });
  });
});

describe('what is kept aside', () => {
  const entry = {
    keptAt: '2026-12-02T00:00:00.000Z',
    source: 's',
    reason: 'newer' as const,
    raw: '{"version":9}',
  };

  it('adds each piece of data once', () => {
    expect(addKeptAside([entry], [entry, { ...entry, raw: 'x' }]).map((e) => e.raw)).toEqual([
      '{"version":9}',
      'x',
    ]);
  });

  it('keeps an unreadable list as one entry, as it was, rather than lose it', () => {
    expect(readKeptAside('{broken', 'k')).toEqual([
      { keptAt: '', source: 'k', reason: 'unreadable', raw: '{broken' },
    ]);
    expect(readKeptAside(JSON.stringify([entry]), 'k')).toEqual([entry]);
    expect(readKeptAside(null, 'k')).toEqual([]);
  });
});

describe('progress files', () => {
  it('round-trip a document and what was kept aside', () => {
    const kept = [{ keptAt: '', source: 's', reason: 'unreadable' as const, raw: 'x' }];
    const text = progressFile(document, kept, new Date('2026-12-02T10:00:00Z'));
    expect(readProgressFile(text)).toEqual({ ok: true, document, keptAside: kept });
    // A byte-order mark (an editor's) is fine.
    expect(readProgressFile(`\uFEFF${text}`).ok).toBe(true);
  });

  it.each([
    ['tooLarge', 'x'.repeat(2 * 1024 * 1024 + 1)],
    ['notJson', '{'],
    ['notProgress', '[1,2]'],
    ['notProgress', '{"app":"other","kind":"progress","version":2}'],
    ['notProgress', '{"app":"ftp-flow-lab","kind":"kept-aside","version":2}'],
    ['quizResult', '{"app":"ftp-flow-lab","kind":"quiz-result","version":1}'],
    ['newerVersion', '{"app":"ftp-flow-lab","kind":"progress","version":3}'],
    ['invalid', '{"app":"ftp-flow-lab","kind":"progress","version":2}'],
    [
      'invalid',
      '{"app":"ftp-flow-lab","kind":"progress","version":2,"exportedAt":"","keptAside":[],"progress":{"version":2,"quizzes":{},"chapters":{"Bad Id":{"predictions":{},"updatedAt":1}},"activeQuiz":null}}',
    ],
  ])('refuse with %s: %s', (problem, text) => {
    expect(readProgressFile(text)).toEqual({ ok: false, problem });
  });
});
