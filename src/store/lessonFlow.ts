import {
  assertNever,
  chapterById,
  LESSON_CHAPTERS,
  type ChapterId,
  type LessonReplay,
  type PredictionPoint,
} from '../engine';

/** A prediction made in this run of a chapter (the progress store keeps them for good). */
export interface RunAnswer {
  readonly response: string;
  readonly correct: boolean;
}

export const answerKey = (chapter: string, checkpoint: string): string => `${chapter}/${checkpoint}`;

/** Where the replay stands, for what the dock shows and what "next" does. */
export type LessonMoment =
  /** Nothing to ask here: next shows the next step. */
  | { readonly kind: 'watching' }
  /** The next step answers this question: the replay waits for a prediction (or, in class, the reveal). */
  | { readonly kind: 'asking'; readonly point: PredictionPoint }
  /**
   * In class: the room is shown this question's answer and has not moved on yet; the next press shows
   * the next question of the same step (`next`), or, when there is none, the step itself.
   */
  | {
      readonly kind: 'revealed';
      readonly point: PredictionPoint;
      readonly next: PredictionPoint | undefined;
    }
  /** Every question before the next step is answered (or revealed): next shows it. */
  | { readonly kind: 'answered'; readonly points: readonly PredictionPoint[] }
  /** The part's last step. */
  | { readonly kind: 'end' };

export interface FlowState {
  readonly chapter: string;
  readonly answers: Readonly<Record<string, RunAnswer>>;
  readonly revealed: Readonly<Record<string, true>>;
  /** The question whose answer the room is looking at (`chapter/checkpoint`), until the next press. */
  readonly onScreen: string | undefined;
  readonly predictionsOn: boolean;
}

/** The questions asked before the step after `cursor`, in order. */
export function pointsBefore(replay: LessonReplay, cursor: number): PredictionPoint[] {
  return replay.points.filter((p) => p.index === cursor + 1);
}

export function isSettled(point: PredictionPoint, state: FlowState): boolean {
  const key = answerKey(state.chapter, point.id);
  return key in state.answers || key in state.revealed;
}

/** What the lesson shows at `cursor`: a question waiting, an answer shown to the room, feedback, or nothing. */
export function lessonMoment(replay: LessonReplay, cursor: number, state: FlowState): LessonMoment {
  if (cursor >= replay.end) return { kind: 'end' };
  if (!state.predictionsOn) return { kind: 'watching' };
  const here = pointsBefore(replay, cursor);
  const waiting = here.find((p) => !isSettled(p, state));
  const shown = here.find((p) => answerKey(state.chapter, p.id) === state.onScreen && isSettled(p, state));
  if (shown) return { kind: 'revealed', point: shown, next: waiting };
  if (waiting) return { kind: 'asking', point: waiting };
  return here.length > 0 ? { kind: 'answered', points: here } : { kind: 'watching' };
}

/** Who pressed "next": a learner (who answers on the card), the room's clicker, or the play timer. */
export type ForwardBy = 'learner' | 'room' | 'timer';

/** What one press of "next" does. */
export type ForwardMove =
  /** A question waits for the learner's own answer: the replay holds (and the question gets the focus). */
  | { readonly kind: 'hold'; readonly point: PredictionPoint }
  /** In class: the room is shown the answer to this question. */
  | { readonly kind: 'reveal'; readonly point: PredictionPoint }
  /** In class: the answer shown, the room goes on to the next question of the same step. */
  | { readonly kind: 'next-question'; readonly point: PredictionPoint }
  /** The next step. */
  | { readonly kind: 'step' }
  /** In class, at the part's end: the next part, or the next chapter (the room follows the clicker). */
  | { readonly kind: 'go-on'; readonly to: LessonPlace }
  /** The part's end: nothing further. */
  | { readonly kind: 'end' };

/** A chapter and one of its parts (0 for a chapter of one part, or the table). */
export interface LessonPlace {
  readonly chapter: ChapterId;
  readonly part: number;
}

/** What follows a part: the chapter's next part, the next chapter, or nothing at the lesson's end. */
export function placeAfter(chapter: ChapterId, part: number): LessonPlace | undefined {
  const definition = chapterById(chapter);
  if (definition?.kind === 'replay' && part + 1 < definition.parts.length) return { chapter, part: part + 1 };
  const next = LESSON_CHAPTERS[LESSON_CHAPTERS.findIndex((c) => c.id === chapter) + 1];
  return next ? { chapter: next.id, part: 0 } : undefined;
}

/**
 * What "next" does at `cursor` of `part` of the chapter. A question never lets the replay past it
 * unanswered: a learner answers it on its card; in class the press reveals its answer, and the next one
 * moves on (to the next question of the same step, or to the step). The play timer stops at a question
 * and reveals nothing. At a part's end a learner chooses where to go; in class the clicker goes on.
 */
export function forwardMove(
  replay: LessonReplay,
  cursor: number,
  state: FlowState,
  by: ForwardBy,
  /** Where the lesson goes after this part (`placeAfter`), if anywhere. */
  after?: LessonPlace,
): ForwardMove {
  const moment = lessonMoment(replay, cursor, state);
  switch (moment.kind) {
    case 'end': {
      return by === 'room' && after ? { kind: 'go-on', to: after } : { kind: 'end' };
    }
    case 'asking':
      return by === 'room' ? { kind: 'reveal', point: moment.point } : { kind: 'hold', point: moment.point };
    case 'revealed':
      return moment.next ? { kind: 'next-question', point: moment.next } : { kind: 'step' };
    case 'answered':
    case 'watching':
      return { kind: 'step' };
    default:
      return assertNever(moment);
  }
}

/** The step "last" goes to: the part's end, or just before the first question still waiting. */
export function lastStop(replay: LessonReplay, cursor: number, state: FlowState): number {
  const waiting = state.predictionsOn
    ? replay.points.find((p) => p.index > cursor && !isSettled(p, state))
    : undefined;
  return waiting ? waiting.index - 1 : replay.end;
}

/**
 * The narration to show for a step: a question not yet answered may not be given away by a step before it
 * (PORT's own narration decodes the port), so such a step is told without the answer.
 */
export function withheldNarration(replay: LessonReplay, index: number, state: FlowState) {
  if (!state.predictionsOn) return undefined;
  const point = (id: string) => replay.points.find((p) => p.id === id);
  return replay.withheld.find((w) => {
    const p = point(w.point);
    return w.index === index && p !== undefined && !isSettled(p, state);
  })?.narration;
}

/**
 * In class the table of differences (a chapter without a replay) is shown a row at a time: its cursor is
 * the last row shown (0: the first). What one press forward does: the next row, or once every row is
 * shown, what follows the chapter.
 */
export type TableMove =
  | { readonly kind: 'row'; readonly cursor: number }
  | { readonly kind: 'go-on'; readonly to: LessonPlace }
  | { readonly kind: 'end' };

export function tableForward(chapter: ChapterId, cursor: number, rows: number): TableMove {
  if (cursor + 1 < rows) return { kind: 'row', cursor: cursor + 1 };
  const after = placeAfter(chapter, 0);
  return after ? { kind: 'go-on', to: after } : { kind: 'end' };
}
