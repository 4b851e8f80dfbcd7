import type { LessonReplay, PredictionPoint } from '../../engine';
import { answerKey, type RunAnswer } from '../../store/lessonStore';

/** Where the replay stands, for what the dock shows and what "next" does. */
export type LessonMoment =
  /** Nothing to ask here: next shows the next step. */
  | { readonly kind: 'watching' }
  /** The next step answers this question: the replay waits for a prediction (or, in class, the reveal). */
  | { readonly kind: 'asking'; readonly point: PredictionPoint }
  /** Every question before the next step is answered (or revealed): next shows it. */
  | { readonly kind: 'answered'; readonly points: readonly PredictionPoint[] }
  /** The part's last step. */
  | { readonly kind: 'end' };

export interface FlowState {
  readonly chapter: string;
  readonly answers: Readonly<Record<string, RunAnswer>>;
  readonly revealed: Readonly<Record<string, true>>;
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

/** What the lesson shows at `cursor`: a question waiting, the feedback of answered ones, or nothing. */
export function lessonMoment(replay: LessonReplay, cursor: number, state: FlowState): LessonMoment {
  if (cursor >= replay.end) return { kind: 'end' };
  if (!state.predictionsOn) return { kind: 'watching' };
  const here = pointsBefore(replay, cursor);
  const waiting = here.find((p) => !isSettled(p, state));
  if (waiting) return { kind: 'asking', point: waiting };
  return here.length > 0 ? { kind: 'answered', points: here } : { kind: 'watching' };
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
