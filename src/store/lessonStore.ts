import { create } from 'zustand';
import { assertNever, CHAPTER_IDS, chapterById, type ChapterId, type LessonReplay } from '../engine';
import {
  answerKey,
  forwardMove,
  placeAfter,
  lastStop,
  type FlowState,
  type ForwardBy,
  type ForwardMove,
  type RunAnswer,
} from './lessonFlow';

/** Where the learner is in the lesson: a chapter, one of its parts, and a step of that part's replay. */
export interface LessonPosition {
  readonly chapter: ChapterId;
  /** Index into the chapter's parts (0 for a chapter with one part, or for the table). */
  readonly part: number;
  /** The step shown (an index into the part's events, never past its end). */
  readonly cursor: number;
}

export interface LessonState {
  /** Undefined: the list of chapters. */
  readonly position: LessonPosition | undefined;
  /** Off: the replay never stops to ask (for a learner who only wants to watch). */
  readonly predictionsOn: boolean;
  /** This run's answers, by `chapter/checkpoint`; a chapter opened again asks again. */
  readonly answers: Readonly<Record<string, RunAnswer>>;
  /** Presentation mode: questions whose answer the room has been shown (by `chapter/checkpoint`). */
  readonly revealed: Readonly<Record<string, true>>;
  /**
   * Presentation mode: the question whose answer the room is looking at (`chapter/checkpoint`): the next
   * press moves on from it. Cleared by any move of the step.
   */
  readonly onScreen: string | undefined;
  /** Whether the replay advances by itself (it stops at every question and at the part's end). */
  readonly playing: boolean;
  /** The learner left a lesson step for the simulator: the simulator offers the way back (not kept). */
  readonly cameFromLesson: boolean;
  openChapter: (chapter: ChapterId, part?: number) => void;
  showChapters: () => void;
  /**
   * Back or Forward to a place in the lesson (or the list): the place only; this run's answers stay, so a
   * chapter returned to is as it was left.
   */
  restore: (position: LessonPosition | undefined) => void;
  setCursor: (cursor: number) => void;
  answer: (key: string, answer: RunAnswer) => void;
  /**
   * "Next" in the replay `replay` of the open part, pressed by a learner, the room's clicker or the play
   * timer: holds at a question, reveals it to the room, goes on to the next question or the next step
   * (`forwardMove` decides). Returns what it did.
   */
  forward: (replay: LessonReplay, by: ForwardBy) => ForwardMove;
  /** The part's last step, never past a question still waiting. */
  toLast: (replay: LessonReplay) => void;
  setPredictionsOn: (on: boolean) => void;
  setPlaying: (playing: boolean) => void;
  setCameFromLesson: (came: boolean) => void;
}

/** What is kept between visits: the position and the predictions switch. */
export const LESSON_STORAGE_KEY = 'ftp-flow-lab:lesson';

export { answerKey, type RunAnswer };

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

const isChapterId = (v: unknown): v is ChapterId =>
  typeof v === 'string' && (CHAPTER_IDS as readonly string[]).includes(v);
const isIndex = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100_000;

/**
 * What was stored, checked field by field (stored data is untrusted: another version, an extension, a
 * hand edit). Anything unreadable is ignored: the lesson opens at its list of chapters.
 */
export function readStoredLesson(text: string | null | undefined): {
  position: LessonPosition | undefined;
  predictionsOn: boolean;
} {
  const none = { position: undefined, predictionsOn: true };
  if (!text) return none;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return none;
  }
  if (!data || typeof data !== 'object') return none;
  const { position, predictionsOn } = data as Record<string, unknown>;
  const on = typeof predictionsOn === 'boolean' ? predictionsOn : true;
  if (!position || typeof position !== 'object') return { position: undefined, predictionsOn: on };
  const { chapter, part, cursor } = position as Record<string, unknown>;
  if (!isChapterId(chapter) || !isIndex(part) || !isIndex(cursor))
    return { position: undefined, predictionsOn: on };
  const definition = chapterById(chapter);
  const parts = definition?.kind === 'replay' ? definition.parts.length : 1;
  if (part >= parts) return { position: undefined, predictionsOn: on };
  return { position: { chapter, part, cursor }, predictionsOn: on };
}

function save(state: Pick<LessonState, 'position' | 'predictionsOn'>): void {
  try {
    storage()?.setItem(
      LESSON_STORAGE_KEY,
      JSON.stringify({ version: 1, position: state.position ?? null, predictionsOn: state.predictionsOn }),
    );
  } catch {
    // Full or blocked storage: the lesson still works, it only will not resume.
  }
}

function initial(): Pick<LessonState, 'position' | 'predictionsOn'> {
  try {
    return readStoredLesson(storage()?.getItem(LESSON_STORAGE_KEY));
  } catch {
    return { position: undefined, predictionsOn: true };
  }
}

/** What the lesson's flow reads of the state, for a chapter. */
export function flowState(
  s: Pick<LessonState, 'answers' | 'revealed' | 'onScreen' | 'predictionsOn'>,
  chapter: string,
): FlowState {
  return {
    chapter,
    answers: s.answers,
    revealed: s.revealed,
    onScreen: s.onScreen,
    predictionsOn: s.predictionsOn,
  };
}

/**
 * The lesson's own state, apart from the simulator's (`useSim`): opening a chapter never changes the
 * learner's scenario; "open in the simulator" copies the chapter's scenario and step there on purpose.
 */
export const useLesson = create<LessonState>()((set, get) => {
  const persist = (): void => save(get());
  return {
    ...initial(),
    answers: {},
    revealed: {},
    onScreen: undefined,
    playing: false,
    cameFromLesson: false,
    openChapter: (chapter, part = 0) => {
      // A chapter opened again asks its questions again (what was answered stays in the progress store).
      const prefix = `${chapter}/`;
      const keep = <T>(r: Readonly<Record<string, T>>): Record<string, T> =>
        part === 0 ? Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith(prefix))) : { ...r };
      set((s) => ({
        position: { chapter, part, cursor: 0 },
        answers: keep(s.answers),
        revealed: keep(s.revealed),
        onScreen: undefined,
        playing: false,
      }));
      persist();
    },
    showChapters: () => {
      set({ position: undefined, onScreen: undefined, playing: false });
      persist();
    },
    restore: (position) => {
      set({ position, onScreen: undefined, playing: false });
      persist();
    },
    setCursor: (cursor) => {
      const position = get().position;
      if (!position || position.cursor === cursor) return;
      set({ position: { ...position, cursor }, onScreen: undefined });
      persist();
    },
    answer: (key, answer) => set((s) => ({ answers: { ...s.answers, [key]: answer } })),
    forward: (replay, by) => {
      const s = get();
      const position = s.position;
      if (!position) return { kind: 'end' };
      const cursor = Math.min(position.cursor, replay.end);
      const after = placeAfter(position.chapter, position.part);
      const move = forwardMove(replay, cursor, flowState(s, position.chapter), by, after);
      switch (move.kind) {
        case 'hold':
        case 'end':
          set({ playing: false });
          break;
        case 'reveal': {
          // Kept for this run only and never as a prediction: nobody answered it (the progress store
          // records only a learner's own answers).
          const key = answerKey(position.chapter, move.point.id);
          set({ revealed: { ...s.revealed, [key]: true }, onScreen: key, playing: false });
          break;
        }
        case 'go-on':
          s.openChapter(move.to.chapter, move.to.part);
          break;
        case 'next-question':
          set({ onScreen: undefined });
          break;
        case 'step':
          s.setCursor(Math.min(cursor + 1, replay.end));
          break;
        default:
          return assertNever(move);
      }
      return move;
    },
    toLast: (replay) => {
      const s = get();
      if (!s.position) return;
      s.setCursor(lastStop(replay, s.position.cursor, flowState(s, s.position.chapter)));
    },
    setPredictionsOn: (on) => {
      set({ predictionsOn: on });
      persist();
    },
    setPlaying: (playing) => set({ playing }),
    setCameFromLesson: (came) => set({ cameFromLesson: came }),
  };
});
