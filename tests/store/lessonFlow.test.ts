import { describe, expect, it } from 'vitest';
import { chapterById, lessonReplay, type LessonReplay } from '../../src/engine';
import {
  answerKey,
  forwardMove,
  isSettled,
  lastStop,
  lessonMoment,
  placeAfter,
  pointsBefore,
  withheldNarration,
  type FlowState,
} from '../../src/store/lessonFlow';

function activeMode(): LessonReplay {
  const chapter = chapterById('active-mode');
  if (chapter?.kind !== 'replay' || !chapter.parts[0]) throw new Error('no active-mode chapter');
  return lessonReplay(chapter.parts[0]);
}

const fresh: FlowState = {
  chapter: 'active-mode',
  answers: {},
  revealed: {},
  onScreen: undefined,
  predictionsOn: true,
};

describe('lessonFlow', () => {
  const replay = activeMode();
  const first = replay.points[0];
  if (!first) throw new Error('active mode asks nothing');
  // All the questions asked before the same step as the first one (who opens, which ports…).
  const together = pointsBefore(replay, first.index - 1);

  it('finds the questions asked before a step, in the chapter order', () => {
    expect(together.length).toBeGreaterThan(1);
    expect(together.every((p) => p.index === first.index)).toBe(true);
    expect(together[0]).toBe(first);
    expect(pointsBefore(replay, 0).filter((p) => p.index !== 1)).toEqual([]);
  });

  it('watches where nothing is asked, asks in order, and shows the feedback once all are settled', () => {
    expect(lessonMoment(replay, 0, fresh).kind).toBe('watching');
    const at = first.index - 1;
    expect(lessonMoment(replay, at, fresh)).toEqual({ kind: 'asking', point: first });
    const one = {
      ...fresh,
      answers: { [answerKey('active-mode', first.id)]: { response: 'x', correct: false } },
    };
    expect(lessonMoment(replay, at, one)).toEqual({ kind: 'asking', point: together[1] });
    const all = {
      ...fresh,
      answers: Object.fromEntries(
        together.map((p) => [answerKey('active-mode', p.id), { response: p.answer, correct: true }]),
      ),
    };
    expect(lessonMoment(replay, at, all)).toEqual({ kind: 'answered', points: together });
    expect(lessonMoment(replay, replay.end, fresh)).toEqual({ kind: 'end' });
  });

  it('treats a question revealed to the room as settled, though nobody answered it', () => {
    const revealed = { ...fresh, revealed: { [answerKey('active-mode', first.id)]: true as const } };
    expect(isSettled(first, revealed)).toBe(true);
    expect(isSettled(first, fresh)).toBe(false);
    // Another chapter's answer with the same checkpoint id settles nothing here.
    const elsewhere = {
      ...fresh,
      answers: { [answerKey('passive-mode', first.id)]: { response: 'x', correct: true } },
    };
    expect(isSettled(first, elsewhere)).toBe(false);
  });

  it('never asks with predictions off', () => {
    const off = { ...fresh, predictionsOn: false };
    expect(lessonMoment(replay, first.index - 1, off).kind).toBe('watching');
    for (const w of replay.withheld) expect(withheldNarration(replay, w.index, off)).toBeUndefined();
  });

  it('tells a step without its answer only while the question it would give away is open', () => {
    expect(replay.withheld.length).toBeGreaterThan(0);
    for (const w of replay.withheld) {
      const firstHere = replay.withheld.find((o) => o.index === w.index);
      expect(withheldNarration(replay, w.index, fresh)).toEqual(firstHere?.narration);
      // Every question this step would give away, settled (a step may give away more than one).
      const settled = {
        ...fresh,
        revealed: Object.fromEntries(
          replay.withheld
            .filter((o) => o.index === w.index)
            .map((o) => [answerKey('active-mode', o.point), true as const]),
        ),
      };
      expect(withheldNarration(replay, w.index, settled)).toBeUndefined();
    }
  });

  it('in class: a press reveals the answer, the next shows the next question of the step, then the step', () => {
    const at = first.index - 1;
    const second = together[1];
    if (!second) throw new Error('one question only');
    expect(forwardMove(replay, at, fresh, 'room')).toEqual({ kind: 'reveal', point: first });
    // Revealed and on screen: the room sees the answer; the next question waits behind it.
    const shown: FlowState = {
      ...fresh,
      revealed: { [answerKey('active-mode', first.id)]: true },
      onScreen: answerKey('active-mode', first.id),
    };
    expect(lessonMoment(replay, at, shown)).toEqual({ kind: 'revealed', point: first, next: second });
    expect(forwardMove(replay, at, shown, 'room')).toEqual({ kind: 'next-question', point: second });
    expect(lessonMoment(replay, at, { ...shown, onScreen: undefined })).toEqual({
      kind: 'asking',
      point: second,
    });
    // The step's last question revealed: the next press shows the step.
    const last = together[together.length - 1];
    if (!last) throw new Error('no questions');
    const allShown: FlowState = {
      ...fresh,
      revealed: Object.fromEntries(together.map((p) => [answerKey('active-mode', p.id), true as const])),
      onScreen: answerKey('active-mode', last.id),
    };
    expect(lessonMoment(replay, at, allShown)).toEqual({ kind: 'revealed', point: last, next: undefined });
    expect(forwardMove(replay, at, allShown, 'room')).toEqual({ kind: 'step' });
  });

  it('holds a learner at a question, and the play timer too, without revealing it', () => {
    const at = first.index - 1;
    expect(forwardMove(replay, at, fresh, 'learner')).toEqual({ kind: 'hold', point: first });
    expect(forwardMove(replay, at, fresh, 'timer')).toEqual({ kind: 'hold', point: first });
    expect(forwardMove(replay, 0, fresh, 'timer')).toEqual({ kind: 'step' });
    expect(forwardMove(replay, replay.end, fresh, 'room')).toEqual({ kind: 'end' });
    expect(forwardMove(replay, at, { ...fresh, predictionsOn: false }, 'room')).toEqual({ kind: 'step' });
  });

  it('goes to the last step, never past a question still waiting', () => {
    expect(lastStop(replay, 0, fresh)).toBe(first.index - 1);
    expect(lastStop(replay, 0, { ...fresh, predictionsOn: false })).toBe(replay.end);
    const all: FlowState = {
      ...fresh,
      revealed: Object.fromEntries(replay.points.map((p) => [answerKey('active-mode', p.id), true as const])),
    };
    expect(lastStop(replay, 0, all)).toBe(replay.end);
  });

  it('in class, goes on from a part’s end to what follows it; a learner chooses for themselves', () => {
    const after = placeAfter('active-mode', 0);
    expect(after).toEqual({ chapter: 'client-firewall', part: 0 });
    expect(forwardMove(replay, replay.end, fresh, 'room', after)).toEqual({ kind: 'go-on', to: after });
    expect(forwardMove(replay, replay.end, fresh, 'learner', after)).toEqual({ kind: 'end' });
    expect(forwardMove(replay, replay.end, fresh, 'timer', after)).toEqual({ kind: 'end' });
    expect(forwardMove(replay, replay.end, fresh, 'room', undefined)).toEqual({ kind: 'end' });
  });

  it('knows what follows each part: the next part of chapter 6, the table after chapter 4, nothing at the end', () => {
    expect(placeAfter('passive-mode', 0)).toEqual({ chapter: 'differences', part: 0 });
    expect(placeAfter('beyond', 0)).toEqual({ chapter: 'beyond', part: 1 });
    const beyond = chapterById('beyond');
    const last = beyond?.kind === 'replay' ? beyond.parts.length - 1 : 0;
    expect(placeAfter('beyond', last)).toBeUndefined();
  });
});
