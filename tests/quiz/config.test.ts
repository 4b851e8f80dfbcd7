import { describe, expect, it } from 'vitest';
import { formatQuizParam, parseQuizConfig, parseQuizParam, quizQuery } from '../../src/quiz';

describe('quiz links', () => {
  it('write and read seed, count and topics', () => {
    const config = { seed: 42, count: 10, topics: ['decode', 'verdict'] as const };
    expect(formatQuizParam({ ...config, topics: [...config.topics] })).toBe(
      'seed:42,count:10,topics:decode+verdict',
    );
    expect(quizQuery({ ...config, topics: [...config.topics] })).toBe(
      '?view=quiz&quiz=seed:42,count:10,topics:decode+verdict',
    );
    expect(parseQuizParam('seed:42,count:10,topics:decode+verdict')).toEqual({
      ...config,
      topics: ['decode', 'verdict'],
    });
  });

  it('read a `+` that a query string turned into a space, any field order, and topics in any order', () => {
    expect(parseQuizParam('topics:verdict decode,count:5,seed:7')).toEqual({
      seed: 7,
      count: 5,
      topics: ['decode', 'verdict'],
    });
  });

  it('refuse anything incomplete or out of range', () => {
    for (const bad of [
      '',
      'seed:42',
      'seed:42,count:10',
      'seed:-1,count:10,topics:decode',
      'seed:42,count:0,topics:decode',
      'seed:42,count:31,topics:decode',
      'seed:42,count:10,topics:cooking',
      'seed:4.2,count:10,topics:decode',
      'seed:99999999999,count:10,topics:decode',
      'seed42,count:10,topics:decode',
    ])
      expect(parseQuizParam(bad), bad).toBeUndefined();
  });

  it('refuse a field given twice, an unknown field or an empty part, rather than guess', () => {
    for (const bad of [
      'seed:1,seed:2,count:10,topics:decode',
      'seed:1,count:10,count:10,topics:decode',
      'seed:1,count:10,topics:decode,topics:verdict',
      'seed:1,count:10,topics:decode,colour:red',
      'seed:1,count:10,topics:decode,',
      'seed:1,,count:10,topics:decode',
      'seed:0x10,count:10,topics:decode',
      'seed: ,count:10,topics:decode',
      `seed:1,count:10,topics:${'decode+'.repeat(40)}decode`,
    ])
      expect(parseQuizParam(bad), bad).toBeUndefined();
  });

  it('keep topics once each, in the catalogue order', () => {
    expect(
      parseQuizConfig({ seed: 1, count: 3, topics: ['concepts', 'predict', 'concepts'] })?.topics,
    ).toEqual(['predict', 'concepts']);
  });
});
