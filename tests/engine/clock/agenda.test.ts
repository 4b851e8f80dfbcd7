import { describe, expect, it } from 'vitest';
import { createAgenda, schedule, takeNext } from '../../../src/engine/clock/agenda';
import { micros, ZERO_TIME } from '../../../src/engine/clock/virtualTime';

describe('the agenda: one clock and one queue', () => {
  it('delivers inputs in time order, and equal times in the order they were scheduled', () => {
    const agenda = createAgenda<string>(ZERO_TIME);
    schedule(agenda, micros(30), 'c');
    schedule(agenda, micros(10), 'a');
    schedule(agenda, micros(30), 'd');
    schedule(agenda, micros(10), 'b');
    const seen: string[] = [];
    for (let next = takeNext(agenda); next; next = takeNext(agenda)) seen.push(`${next.input}@${agenda.now}`);
    expect(seen).toEqual(['a@10', 'b@10', 'c@30', 'd@30']);
  });

  it('refuses to go back in time', () => {
    const agenda = createAgenda<string>(ZERO_TIME);
    schedule(agenda, micros(50), 'later');
    takeNext(agenda);
    expect(agenda.now).toBe(50);
    expect(() => schedule(agenda, micros(49), 'past')).toThrow(/refuses to go back/);
    schedule(agenda, micros(50), 'now');
    expect(takeNext(agenda)?.input).toBe('now');
  });

  it('keeps a thousand random inputs in order', () => {
    const agenda = createAgenda<number>(ZERO_TIME);
    const times = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 613);
    times.forEach((t, i) => schedule(agenda, micros(t), i));
    const out: number[] = [];
    for (let next = takeNext(agenda); next; next = takeNext(agenda)) out.push(next.input);
    const expected = times
      .map((t, i) => ({ t, i }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map((x) => x.i);
    expect(out).toEqual(expected);
  });
});
