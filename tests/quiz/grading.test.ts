import { describe, expect, it } from 'vitest';
import { freeValue, gradeAnswer, type FreeFormat, type FreeQuestion } from '../../src/quiz';

function question(format: FreeFormat, answer: string): FreeQuestion {
  return {
    kind: 'free',
    id: '1-decode',
    topic: 'decode',
    variant: 'test',
    prompt: { key: 'quiz.decode.229', params: {} },
    facts: [],
    context: [],
    explanation: [],
    showMe: { scenario: {}, step: 0 },
    format,
    answer,
  };
}

describe('grading free answers: tolerant of notation, precise about the value', () => {
  it('reads a PORT argument with any spacing, parentheses or the word PORT', () => {
    const q = question('hostPort', '192,168,1,10,195,81');
    for (const ok of [
      '192,168,1,10,195,81',
      ' 192, 168,1,10,195,81 ',
      '(192,168,1,10,195,81)',
      'PORT 192,168,1,10,195,81',
      'port 192 ,168 , 1 , 10 , 195 , 81',
      '192,168,001,010,195,081',
    ])
      expect(gradeAnswer(q, ok), ok).toBe(true);
    for (const wrong of [
      '192,168,1,10,195,80',
      '192,168,1,10,81,195',
      '192.168.1.10:50001',
      '192,168,1,10,195',
      '1,192,168,1,10,195,81',
      '192,168,1,10,195,81,0',
      '',
    ])
      expect(gradeAnswer(q, wrong), wrong).toBe(false);
  });

  it('reads a port number, exactly', () => {
    const q = question('port', '50001');
    for (const ok of ['50001', ' 50001 ', 'port 50001', 'Puerto 50001', '(50001)', '|||50001|', '050001'])
      expect(gradeAnswer(q, ok), ok).toBe(true);
    for (const wrong of ['50000', '50002', '5000 1', '50001.5', '65536', 'fifty', '20'])
      expect(gradeAnswer(q, wrong), wrong).toBe(false);
  });

  it('reads an address and port written several ways', () => {
    const q = question('endpoint', '172.16.0.21:40007');
    for (const ok of [
      '172.16.0.21:40007',
      '172.16.0.21 40007',
      '172.16.0.21, 40007',
      '172.16.0.21 port 40007',
      '(172.16.0.21, puerto 40007)',
      ' 172.16.0.021 : 40007 ',
    ])
      expect(gradeAnswer(q, ok), ok).toBe(true);
    for (const wrong of [
      '172.16.0.21:40008',
      '172.16.0.12:40007',
      '40007',
      '172.16.0.21',
      '172.16.0.256:40007',
    ])
      expect(gradeAnswer(q, wrong), wrong).toBe(false);
  });

  it('reads an IPv6 EPRT (|2|) with its address in any valid form, and nothing else as it', () => {
    const q = question('eprt', '|2|2001:db8:1::a2|56013|');
    for (const ok of ['|2|2001:db8:1::a2|56013|', 'EPRT |2|2001:DB8:1:0:0:0:0:A2|56013|'])
      expect(gradeAnswer(q, ok), ok).toBe(true);
    for (const wrong of ['|1|2001:db8:1::a2|56013|', '|2|2001:db8:1::a3|56013|', '|2|2001:db8:1::a2|56014|'])
      expect(gradeAnswer(q, wrong), wrong).toBe(false);
  });

  it('reads an EPRT argument with or without the command name and spaces', () => {
    const q = question('eprt', '|1|192.168.1.10|56013|');
    for (const ok of [
      '|1|192.168.1.10|56013|',
      'EPRT |1|192.168.1.10|56013|',
      ' | 1 | 192.168.1.10 | 56013 | ',
    ])
      expect(gradeAnswer(q, ok), ok).toBe(true);
    for (const wrong of [
      '|2|192.168.1.10|56013|',
      '|1|192.168.1.10|56014|',
      '192.168.1.10:56013',
      '|1|192.168.1.10|56013',
    ])
      expect(gradeAnswer(q, wrong), wrong).toBe(false);
  });

  it('says when an answer cannot be read at all (for the format warning)', () => {
    expect(freeValue('port', 'abc')).toBeUndefined();
    expect(freeValue('hostPort', '1,2,3')).toBeUndefined();
    expect(freeValue('endpoint', '10.0.0.1:2121')).toBe('10.0.0.1:2121');
    expect(freeValue('hostPort', '10,0,0,5,8,73')).toBe('10.0.0.5:2121');
  });

  it('grades a choice by its id', () => {
    const q = {
      ...question('port', '1'),
      kind: 'choice' as const,
      choices: [
        { id: 'a', text: { key: 'x', params: {} } },
        { id: 'b', text: { key: 'y', params: {} } },
      ],
      answer: 'b',
    };
    expect(gradeAnswer(q, 'b')).toBe(true);
    expect(gradeAnswer(q, 'a')).toBe(false);
    expect(gradeAnswer(q, 'B')).toBe(false);
  });
});
