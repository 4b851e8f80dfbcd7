import { describe, expect, it } from 'vitest';
import { chapterById, lessonReplay, type LessonReplay } from '../../../src/engine';
import { answerKey } from '../../../src/store/lessonStore';
import {
  isSettled,
  lessonMoment,
  pointsBefore,
  withheldNarration,
  type FlowState,
} from '../../../src/ui/lesson/lessonFlow';

function activeMode(): LessonReplay {
  const chapter = chapterById('active-mode');
  if (chapter?.kind !== 'replay' || !chapter.parts[0]) throw new Error('no active-mode chapter');
  return lessonReplay(chapter.parts[0]);
}

const fresh: FlowState = { chapter: 'active-mode', answers: {}, revealed: {}, predictionsOn: true };

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
});
