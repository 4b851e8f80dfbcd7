import { describe, expect, it } from 'vitest';
import { readStoredLesson } from '../../src/store/lessonStore';

const none = { position: undefined, predictionsOn: true };

describe('readStoredLesson', () => {
  it('reads what the lesson stores', () => {
    const text = JSON.stringify({
      version: 1,
      position: { chapter: 'client-firewall', part: 0, cursor: 7 },
      predictionsOn: false,
    });
    expect(readStoredLesson(text)).toEqual({
      position: { chapter: 'client-firewall', part: 0, cursor: 7 },
      predictionsOn: false,
    });
  });

  it.each([
    ['nothing', null],
    ['an empty string', ''],
    ['not JSON', '{"position":'],
    ['a number', '42'],
    ['null', 'null'],
    ['an array', '[1,2]'],
  ])('ignores %s: the list of chapters, predictions on', (_, text) => {
    expect(readStoredLesson(text)).toEqual(none);
  });

  it.each([
    ['an unknown chapter', { chapter: 'chapter-7', part: 0, cursor: 0 }],
    ['a part the chapter does not have', { chapter: 'active-mode', part: 3, cursor: 0 }],
    ['a negative step', { chapter: 'active-mode', part: 0, cursor: -1 }],
    ['a fractional step', { chapter: 'active-mode', part: 0, cursor: 1.5 }],
    ['a step given as text', { chapter: 'active-mode', part: 0, cursor: '2' }],
    ['a huge step', { chapter: 'active-mode', part: 0, cursor: 1e9 }],
  ])('ignores a position with %s, and keeps the predictions switch', (_, position) => {
    expect(readStoredLesson(JSON.stringify({ position, predictionsOn: false }))).toEqual({
      position: undefined,
      predictionsOn: false,
    });
  });

  it('keeps a good position when the switch is unreadable (predictions on)', () => {
    const position = { chapter: 'beyond', part: 1, cursor: 3 };
    expect(readStoredLesson(JSON.stringify({ position, predictionsOn: 'no' }))).toEqual({
      position,
      predictionsOn: true,
    });
  });
});
