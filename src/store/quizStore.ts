import { create } from 'zustand';
import { newQuizRecord, quizKey, useProgress, type QuizKey, type QuizRecord } from '../progress';
import {
  formatQuizParam,
  generateQuiz,
  newProgress,
  quizResults,
  reconcileProgress,
  roundQuestions,
  type Question,
  type QuizConfig,
} from '../quiz';

/** Something the learner should know about the quiz they opened (the progress store has its own). */
export type QuizNotice =
  /** The quiz's questions changed since it was started: it starts again, the old answers kept aside. */
  | 'outdated'
  /** The link names no quiz (malformed, tampered with). */
  | 'badLink'
  /** A link opened a quiz not taken before in this browser. */
  | 'fromLink';

/** What a quiz link asked for, read by the view from the address. */
export type LinkRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'quiz'; readonly config: QuizConfig };

export interface QuizState {
  /** Whether `hydrate` has read the saved progress yet. */
  readonly hydrated: boolean;
  /** The quiz open in this tab: its key in the progress document, or null for the start screen. */
  readonly active: QuizKey | null;
  /** The open quiz's record (null: the start screen). */
  readonly progress: QuizRecord | null;
  readonly notices: readonly QuizNotice[];
  /** The question whose feedback is on screen (answered, waiting for "Next"); not persisted. */
  readonly reviewing: string | null;
  /**
   * Whether the learner moved to what is on screen (start, next, retry) rather than arriving at it (a
   * reload, a link, a tab switch): only then does the new question or the results take the focus.
   */
  readonly moved: boolean;
  /** Reads the saved progress (and applies a quiz link); never throws. */
  hydrate: (link?: LinkRequest) => void;
  /** Opens a quiz: the saved one with this config if there is one (nothing is ever started over), else a new one. */
  start: (config: QuizConfig) => void;
  /** Records the answer to a question of the current round and shows its feedback. */
  answer: (id: string, response: string, correct: boolean) => void;
  /** Leaves the feedback for the next question. */
  next: () => void;
  /** A new round over the questions still answered wrongly. */
  retryWrong: () => void;
  /** The same quiz again from the first question: a new attempt. */
  restart: () => void;
  /** Back to the start screen; the quiz stays saved, to continue later. */
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

const withNotice = (notices: readonly QuizNotice[], n: QuizNotice): QuizNotice[] =>
  notices.includes(n) ? [...notices] : [...notices, n];

/** The current round's wrong answers: of the retry when there is one, else of the first round. */
function wrongIds(progress: QuizRecord): string[] {
  const questions = quizQuestions(progress.quiz);
  const answers = progress.retry ? progress.retry.answers : progress.answers;
  return quizResults(roundQuestions(questions, progress), answers).wrong.map((q) => q.id);
}

const savedQuiz = (key: QuizKey): QuizRecord | undefined => useProgress.getState().document.quizzes[key];

/** The answered questions of a record's current round. */
const answeredIds = (r: QuizRecord): Set<string> =>
  new Set((r.retry ? r.retry.answers : r.answers).map((a) => a.id));

export const useQuiz = create<QuizState>()((set, get) => {
  /** Saves the open quiz's record; what is shown is what the progress store keeps (maybe another tab's, more advanced). */
  const save = (record: QuizRecord, extra: Partial<QuizState> = {}): void => {
    useProgress.getState().putQuiz(record);
    const key = quizKey(record);
    set({ ...extra, active: key, progress: savedQuiz(key) ?? record });
  };

  /**
   * The saved record of a quiz, checked against the questions its config generates now. A record whose
   * questions changed is kept aside (downloadable, never dropped) and the quiz starts a new attempt.
   */
  const open = (config: QuizConfig): { record: QuizRecord; outdated: boolean; isNew: boolean } => {
    const now = Date.now();
    const questions = quizQuestions(config);
    const key = formatQuizParam(config);
    const saved = savedQuiz(key);
    if (!saved)
      return {
        record: newQuizRecord(newProgress(config, questions), 1, now),
        outdated: false,
        isNew: true,
      };
    const reconciled = reconcileProgress(saved, questions);
    if (reconciled) return { record: { ...saved, ...reconciled }, outdated: false, isNew: false };
    useProgress.getState().keepAside([
      {
        keptAt: new Date(now).toISOString(),
        source: `quiz:${key}`,
        reason: 'outdated',
        raw: JSON.stringify(saved),
      },
    ]);
    const fresh = newQuizRecord(newProgress(config, questions), saved.attempt + 1, now);
    return { record: fresh, outdated: true, isNew: false };
  };

  // Another tab answered in the quiz open here: show its (more advanced) record.
  useProgress.subscribe((s, before) => {
    if (s.document === before.document) return;
    const { active, progress, reviewing } = get();
    if (!active) return;
    const record = s.document.quizzes[active];
    if (!record || record === progress) return;
    set({ progress: record, reviewing: reviewing && answeredIds(record).has(reviewing) ? reviewing : null });
  });

  return {
    hydrated: false,
    active: null,
    progress: null,
    notices: [],
    reviewing: null,
    moved: false,

    hydrate: (link = { kind: 'none' }) => {
      const progressStore = useProgress.getState();
      progressStore.load();
      const state = get();
      let notices = [...state.notices];
      if (link.kind === 'invalid') notices = withNotice(notices, 'badLink');
      // A link opens its quiz; otherwise this tab's quiz, or (first time in this tab) the one last open here.
      let config: QuizConfig | undefined;
      if (link.kind === 'quiz') config = link.config;
      else {
        const key = state.hydrated ? state.active : useProgress.getState().document.activeQuiz;
        config = key ? savedQuiz(key)?.quiz : undefined;
      }
      if (!config) {
        set({ hydrated: true, active: null, progress: null, reviewing: null, moved: false, notices });
        return;
      }
      let opened;
      try {
        opened = open(config);
      } catch {
        // A config the generator cannot serve any more: nothing to show but the start screen.
        set({
          hydrated: true,
          active: null,
          progress: null,
          reviewing: null,
          moved: false,
          notices: withNotice(notices, 'outdated'),
        });
        return;
      }
      if (opened.outdated) notices = withNotice(notices, 'outdated');
      if (link.kind === 'quiz' && opened.isNew) notices = withNotice(notices, 'fromLink');
      // Keep what is on screen when the view comes back (tab switch) to the same quiz.
      const key = quizKey(opened.record);
      const reviewing = state.hydrated && state.active === key && !opened.outdated ? state.reviewing : null;
      save(opened.record, { hydrated: true, reviewing, moved: false, notices });
      useProgress.getState().setActiveQuiz(key);
    },

    start: (config) => {
      const opened = open(config);
      save(opened.record, {
        reviewing: null,
        moved: true,
        notices: opened.outdated ? withNotice(get().notices, 'outdated') : get().notices,
      });
      useProgress.getState().setActiveQuiz(quizKey(opened.record));
    },

    answer: (id, response, correct) => {
      const p = get().progress;
      if (!p) return;
      const entry = { id, response, correct };
      const updatedAt = Date.now();
      if (p.retry) {
        if (!p.retry.ids.includes(id) || p.retry.answers.some((a) => a.id === id)) return;
        save(
          { ...p, retry: { ...p.retry, answers: [...p.retry.answers, entry] }, updatedAt },
          { reviewing: id },
        );
      } else {
        if (p.answers.some((a) => a.id === id)) return;
        save({ ...p, answers: [...p.answers, entry], updatedAt }, { reviewing: id });
      }
    },

    next: () => set({ reviewing: null, moved: true }),

    retryWrong: () => {
      const p = get().progress;
      if (!p) return;
      const ids = wrongIds(p);
      if (ids.length === 0) return;
      save(
        { ...p, retry: { ids, answers: [] }, round: p.round + 1, updatedAt: Date.now() },
        { reviewing: null, moved: true },
      );
    },

    restart: () => {
      const p = get().progress;
      if (p) save(newQuizRecord(p, p.attempt + 1, Date.now()), { reviewing: null, moved: true });
    },

    leave: () => {
      set({ active: null, progress: null, reviewing: null, moved: true, notices: [] });
      useProgress.getState().setActiveQuiz(null);
    },

    dismissNotice: (notice) => set((s) => ({ notices: s.notices.filter((n) => n !== notice) })),
  };
});
