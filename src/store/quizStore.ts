import { create } from 'zustand';
import {
  formatQuizParam,
  generateQuiz,
  loadProgress,
  newProgress,
  quizResults,
  reconcileProgress,
  roundQuestions,
  serializeProgress,
  type Progress,
  type Question,
  type QuizConfig,
} from '../quiz';

/** Where the quiz keeps its progress in the browser. */
export const QUIZ_STORAGE_KEY = 'ftp-flow-lab:quiz';

/** Something the learner should know about their saved progress or the link they opened. */
export type QuizNotice =
  | 'corrupt'
  | 'unsupported'
  | 'migrated'
  | 'outdated'
  | 'badLink'
  | 'fromLink'
  /** localStorage refuses to be read or written (private mode, quota, a policy). */
  | 'notSaved';

/** What a quiz link asked for, read by the view from the address. */
export type LinkRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'quiz'; readonly config: QuizConfig };

export interface QuizState {
  /** Whether `hydrate` has read the browser's storage yet. */
  readonly hydrated: boolean;
  readonly progress: Progress | null;
  readonly notices: readonly QuizNotice[];
  /** The question whose feedback is on screen (answered, waiting for "Next"); not persisted. */
  readonly reviewing: string | null;
  /**
   * Whether the learner moved to what is on screen (start, next, retry) rather than arriving at it (a
   * reload, a link, a tab switch): only then does the new question or the results take the focus.
   */
  readonly moved: boolean;
  /** A save has failed: what is in memory is newer than what the browser kept. */
  readonly unsaved: boolean;
  /** Reads the saved progress (and applies a quiz link); never throws. */
  hydrate: (link?: LinkRequest) => void;
  start: (config: QuizConfig) => void;
  /** Records the answer to a question of the current round and shows its feedback. */
  answer: (id: string, response: string, correct: boolean) => void;
  /** Leaves the feedback for the next question. */
  next: () => void;
  /** A new round over the questions still answered wrongly. */
  retryWrong: () => void;
  /** The same quiz again from the first question. */
  restart: () => void;
  /** Back to the start screen; the saved progress is deleted. */
  leave: () => void;
  dismissNotice: (notice: QuizNotice) => void;
}

let cached: { key: string; questions: Question[] } | undefined;

/** The questions of a config; the last quiz's are kept, since generating runs the simulator many times. */
export function quizQuestions(config: QuizConfig): Question[] {
  const key = formatQuizParam(config);
  if (cached?.key !== key) cached = { key, questions: generateQuiz(config) };
  return cached.questions;
}

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

function readStored(): { raw: string | null; ok: boolean } {
  const s = storage();
  if (!s) return { raw: null, ok: false };
  try {
    return { raw: s.getItem(QUIZ_STORAGE_KEY), ok: true };
  } catch {
    return { raw: null, ok: false };
  }
}

/** Writes (or, for null, deletes) the progress; false when the browser refuses. */
function persist(progress: Progress | null): boolean {
  const s = storage();
  try {
    if (!s) throw new Error('no localStorage');
    if (progress) s.setItem(QUIZ_STORAGE_KEY, serializeProgress(progress));
    else s.removeItem(QUIZ_STORAGE_KEY);
    return true;
  } catch {
    return false;
  }
}

const withNotice = (notices: readonly QuizNotice[], n: QuizNotice | null): QuizNotice[] =>
  n === null || notices.includes(n) ? [...notices] : [...notices, n];

/** The current round's wrong answers: of the retry when there is one, else of the first round. */
function wrongIds(progress: Progress): string[] {
  const questions = quizQuestions(progress.quiz);
  const answers = progress.retry ? progress.retry.answers : progress.answers;
  return quizResults(roundQuestions(questions, progress), answers).wrong.map((q) => q.id);
}

export const useQuiz = create<QuizState>()((set, get) => {
  /** Sets the progress and saves it; a refusal to save becomes a notice, never an error. */
  const save = (progress: Progress | null, extra: Partial<QuizState> = {}): void => {
    const saved = persist(progress);
    set((s) => ({
      progress,
      ...extra,
      unsaved: s.unsaved || !saved,
      notices: withNotice(extra.notices ?? s.notices, saved ? null : 'notSaved'),
    }));
  };

  return {
    hydrated: false,
    progress: null,
    notices: [],
    reviewing: null,
    moved: false,
    unsaved: false,

    hydrate: (link = { kind: 'none' }) => {
      // Once the browser has refused to save, what is in memory is newer than what is stored.
      const { raw, ok } = get().unsaved && get().hydrated ? { raw: null, ok: false } : readStored();
      let notices = withNotice(get().notices, ok ? null : 'notSaved');
      const loaded = ok ? loadProgress(raw) : { progress: get().progress, notice: null };
      notices = withNotice(notices, loaded.notice);
      let progress = loaded.progress;
      if (progress && ok) {
        try {
          const reconciled = reconcileProgress(progress, quizQuestions(progress.quiz));
          if (!reconciled) notices = withNotice(notices, 'outdated');
          progress = reconciled;
        } catch {
          // A config the generator cannot serve any more: treat like outdated progress.
          notices = withNotice(notices, 'outdated');
          progress = null;
        }
      }
      if (link.kind === 'invalid') notices = withNotice(notices, 'badLink');
      if (link.kind === 'quiz') {
        const same = progress && formatQuizParam(progress.quiz) === formatQuizParam(link.config);
        if (!same) {
          progress = newProgress(link.config, quizQuestions(link.config));
          notices = withNotice(notices, 'fromLink');
        }
      }
      // Keep what is on screen when the view comes back (tab switch) with the same progress.
      const keepReviewing = get().hydrated && progress !== null && get().progress !== null;
      const reviewing = keepReviewing ? get().reviewing : null;
      const saved = persist(progress);
      set((s) => ({
        hydrated: true,
        progress,
        reviewing,
        moved: false,
        unsaved: s.unsaved || !saved,
        notices: withNotice(notices, saved ? null : 'notSaved'),
      }));
    },

    start: (config) => {
      save(newProgress(config, quizQuestions(config)), { reviewing: null, moved: true });
    },

    answer: (id, response, correct) => {
      const p = get().progress;
      if (!p) return;
      const entry = { id, response, correct };
      if (p.retry) {
        if (!p.retry.ids.includes(id) || p.retry.answers.some((a) => a.id === id)) return;
        save({ ...p, retry: { ...p.retry, answers: [...p.retry.answers, entry] } }, { reviewing: id });
      } else {
        if (p.answers.some((a) => a.id === id)) return;
        save({ ...p, answers: [...p.answers, entry] }, { reviewing: id });
      }
    },

    next: () => set({ reviewing: null, moved: true }),

    retryWrong: () => {
      const p = get().progress;
      if (!p) return;
      const ids = wrongIds(p);
      if (ids.length === 0) return;
      save({ ...p, retry: { ids, answers: [] } }, { reviewing: null, moved: true });
    },

    restart: () => {
      const p = get().progress;
      if (p) save(newProgress(p.quiz, quizQuestions(p.quiz)), { reviewing: null, moved: true });
    },

    leave: () => save(null, { reviewing: null, notices: get().notices.filter((n) => n === 'notSaved') }),

    dismissNotice: (notice) => set((s) => ({ notices: s.notices.filter((n) => n !== notice) })),
  };
});
