import { beforeEach, describe, expect, it } from 'vitest';
import { chapterById, lessonReplay, type LessonReplay } from '../../src/engine';
import { answerKey, readStoredLesson, useLesson } from '../../src/store/lessonStore';

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

function chapterTwo(): LessonReplay {
  const chapter = chapterById('active-mode');
  if (chapter?.kind !== 'replay' || !chapter.parts[0]) throw new Error('no active-mode chapter');
  return lessonReplay(chapter.parts[0]);
}

describe('forward, pressed by the room in presentation mode', () => {
  const replay = chapterTwo();
  const here = replay.points.filter((p) => p.index === replay.points[0]?.index);
  const [q1, q2] = here;
  if (!q1 || !q2) throw new Error('chapter 2 asks one question only at its first stop');
  const key = (id: string) => answerKey('active-mode', id);

  beforeEach(() => {
    window.localStorage.clear();
    useLesson.setState({ ...useLesson.getInitialState(), predictionsOn: true }, true);
    useLesson.getState().openChapter('active-mode');
    useLesson.getState().setCursor(q1.index - 1);
  });

  it('reveals question 1, then shows question 2, reveals it, and only then steps on', () => {
    const lesson = () => useLesson.getState();
    expect(lesson().forward(replay, 'room')).toEqual({ kind: 'reveal', point: q1 });
    expect(lesson().onScreen).toBe(key(q1.id));
    expect(lesson().position?.cursor).toBe(q1.index - 1);
    expect(lesson().forward(replay, 'room')).toEqual({ kind: 'next-question', point: q2 });
    expect(lesson().onScreen).toBeUndefined();
    expect(lesson().position?.cursor).toBe(q1.index - 1);
    expect(lesson().forward(replay, 'room')).toEqual({ kind: 'reveal', point: q2 });
    expect(lesson().onScreen).toBe(key(q2.id));
    // Each question of the step in turn, then the step itself.
    for (const p of here.slice(2)) {
      expect(lesson().forward(replay, 'room').kind).toBe('next-question');
      expect(lesson().forward(replay, 'room')).toEqual({ kind: 'reveal', point: p });
    }
    expect(lesson().forward(replay, 'room')).toEqual({ kind: 'step' });
    expect(lesson().position?.cursor).toBe(q1.index);
    expect(lesson().onScreen).toBeUndefined();
    // Revealed to the room, never recorded as anybody's answer.
    expect(lesson().answers).toEqual({});
    expect(Object.keys(lesson().revealed).sort()).toEqual(here.map((p) => key(p.id)).sort());
  });

  it('forgets the answer on screen when the step moves another way', () => {
    useLesson.getState().forward(replay, 'room');
    expect(useLesson.getState().onScreen).toBe(key(q1.id));
    useLesson.getState().setCursor(0);
    expect(useLesson.getState().onScreen).toBeUndefined();
  });

  it('stops playing at a question without revealing it', () => {
    useLesson.getState().setPlaying(true);
    expect(useLesson.getState().forward(replay, 'timer')).toEqual({ kind: 'hold', point: q1 });
    expect(useLesson.getState().playing).toBe(false);
    expect(useLesson.getState().revealed).toEqual({});
  });

  it('at the chapter’s end, the clicker opens the next chapter', () => {
    useLesson.getState().setCursor(replay.end);
    expect(useLesson.getState().forward(replay, 'learner')).toEqual({ kind: 'end' });
    expect(useLesson.getState().position?.chapter).toBe('active-mode');
    useLesson.getState().forward(replay, 'room');
    expect(useLesson.getState().position).toEqual({ chapter: 'client-firewall', part: 0, cursor: 0 });
  });
});
