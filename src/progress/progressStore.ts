import { create } from 'zustand';
import {
  ACTIVITY_ID,
  canonicalJson,
  emptyDocument,
  LIMITS,
  quizKey,
  type ProgressDocument,
  type QuizKey,
  type QuizRecord,
} from './document';
import { mergeDocuments } from './merge';
import {
  addKeptAside,
  readDocument,
  readKeptAside,
  readLegacyQuiz,
  serializeDocument,
  type KeptAsideEntry,
  type KeptAsideReason,
} from './stored';
import { readProgressFile, type ImportProblem } from './transfer';

/** Where the browser keeps progress (localStorage). */
export const STORAGE_KEYS = {
  /** The progress document (version 2 and later). */
  progress: 'ftp-flow-lab:progress',
  /** Before version 2: the one quiz in progress. Migrated, then removed. */
  legacyQuiz: 'ftp-flow-lab:quiz',
  /** What could not be used, kept as found (a JSON list of entries). Never removed by the app. */
  keptAside: 'ftp-flow-lab:kept-aside',
} as const;

/** Something the learner should know about their saved progress. */
export type ProgressNotice =
  /** Progress saved by the app before version 2 was converted; the answers are kept. */
  | 'migrated'
  /** Saved progress this version cannot read was kept aside, untouched, to download. */
  | 'keptAside'
  /** localStorage refuses to be read or written (private mode, quota, a policy). */
  | 'notSaved'
  /** Another tab runs a newer version of the app: this tab stops saving until it is reloaded. */
  | 'newerElsewhere';

export type ImportResult =
  | { readonly ok: true; readonly quizzes: number; readonly chapters: number }
  | { readonly ok: false; readonly problem: ImportProblem | 'notSaved' };

export interface ProgressState {
  /** Whether `load` has read the browser's storage yet. */
  readonly loaded: boolean;
  readonly document: ProgressDocument;
  readonly keptAside: readonly KeptAsideEntry[];
  readonly notices: readonly ProgressNotice[];
  /** Reads (again) what the browser holds, migrates it, keeps aside what cannot be used. Never throws. */
  load: () => void;
  /** A quiz's record, merged with what is stored (the more advanced copy wins). */
  putQuiz: (record: QuizRecord) => void;
  /** The quiz shown when the quiz view opens without a link (null: the start screen). */
  setActiveQuiz: (key: QuizKey | null) => void;
  /** Data the app cannot use any more (an outdated quiz), kept for the learner instead of dropped. */
  keepAside: (entries: readonly KeptAsideEntry[]) => void;
  /** A lesson chapter's checkpoint: what the learner predicted and whether it was right. */
  recordPrediction: (chapterId: string, checkpointId: string, response: string, correct: boolean) => void;
  /** A lesson chapter read to its end. */
  completeChapter: (chapterId: string) => void;
  /** A progress file (its text) merged into this browser's progress; nothing changes when it fails. */
  importProgress: (text: string) => ImportResult;
  dismissNotice: (notice: ProgressNotice) => void;
}

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

const withNotice = (notices: readonly ProgressNotice[], n: ProgressNotice): ProgressNotice[] =>
  notices.includes(n) ? [...notices] : [...notices, n];

/** The same progress, whichever quiz each copy has open. */
const sameProgress = (a: ProgressDocument, b: ProgressDocument): boolean =>
  canonicalJson({ ...a, activeQuiz: null }) === canonicalJson({ ...b, activeQuiz: null });

function keptEntry(raw: string, source: string, reason: KeptAsideReason): KeptAsideEntry {
  return { keptAt: new Date().toISOString(), source, reason, raw };
}

function checkId(kind: string, id: string): void {
  // Ids come from the lessons' own data, never from the learner: a bad one is a programmer's mistake.
  if (!ACTIVITY_ID.test(id)) throw new Error(`${kind} id "${id}" must match ${String(ACTIVITY_ID)}`);
}

let listening = false;

export const useProgress = create<ProgressState>()((set, get) => {
  /** This tab stops writing: another tab runs a newer version (see ProgressNotice). */
  let newerElsewhere = false;

  const notSaved = (document: ProgressDocument): false => {
    set((s) => ({ document, notices: withNotice(s.notices, 'notSaved') }));
    return false;
  };

  /**
   * Saves `next` without overwriting anything another tab saved meanwhile: what is stored is read and
   * merged in first (read, merge, write). Data this version cannot read is kept aside before anything
   * is written over it; if even that fails, nothing is written. Returns whether it was saved.
   */
  const commit = (next: ProgressDocument, aside: readonly KeptAsideEntry[] = []): boolean => {
    const s = storage();
    if (!s || newerElsewhere) return notSaved(next);
    try {
      const raw = s.getItem(STORAGE_KEYS.progress);
      const stored = readDocument(raw);
      let merged = next;
      const toKeep = [...aside];
      if (stored.kind === 'document') merged = mergeDocuments(next, stored.document);
      else if (stored.kind === 'unusable' && raw !== null)
        toKeep.push(keptEntry(raw, STORAGE_KEYS.progress, stored.reason));
      let keptAside = get().keptAside;
      if (toKeep.length > 0) {
        keptAside = addKeptAside(
          readKeptAside(s.getItem(STORAGE_KEYS.keptAside), STORAGE_KEYS.keptAside),
          toKeep,
        );
        s.setItem(STORAGE_KEYS.keptAside, JSON.stringify(keptAside));
      }
      const text = serializeDocument(merged);
      if (text !== raw) s.setItem(STORAGE_KEYS.progress, text);
      set((st) => ({
        document: merged,
        keptAside,
        notices: toKeep.some((e) => e.reason !== 'outdated')
          ? withNotice(st.notices, 'keptAside')
          : st.notices,
      }));
      return true;
    } catch {
      return notSaved(next);
    }
  };

  /** Another tab saved: take in what it has, and give back (save) what only this tab has. */
  const onStorage = (event: StorageEvent): void => {
    if (event.key === STORAGE_KEYS.keptAside) {
      set({ keptAside: readKeptAside(event.newValue, STORAGE_KEYS.keptAside) });
      return;
    }
    // null key: the other tab cleared all storage; null value: it removed the progress. This tab's copy
    // is then the only one left, and its next save writes it back.
    if (event.key !== STORAGE_KEYS.progress || event.newValue === null || !get().loaded) return;
    const stored = readDocument(event.newValue);
    if (stored.kind === 'unusable') {
      if (stored.reason === 'newer') {
        newerElsewhere = true;
        set((s) => ({ notices: withNotice(s.notices, 'newerElsewhere') }));
      }
      return;
    }
    if (stored.kind !== 'document') return;
    const merged = mergeDocuments(get().document, stored.document);
    if (sameProgress(merged, stored.document)) set({ document: merged });
    else commit(merged);
  };

  const change = (edit: (document: ProgressDocument) => ProgressDocument): void => {
    // Never a save before the first read: it would not listen to other tabs, nor see the old format.
    if (!get().loaded) get().load();
    commit(edit(get().document));
  };

  return {
    loaded: false,
    document: emptyDocument(),
    keptAside: [],
    notices: [],

    load: () => {
      if (!listening && typeof window !== 'undefined') {
        window.addEventListener('storage', onStorage);
        listening = true;
      }
      newerElsewhere = false;
      const s = storage();
      const { document: current, loaded } = get();
      if (!s) {
        set((st) => ({ loaded: true, notices: withNotice(st.notices, 'notSaved') }));
        return;
      }
      let notices = [...get().notices];
      try {
        const legacyRaw = s.getItem(STORAGE_KEYS.legacyQuiz);
        const keptAside = readKeptAside(s.getItem(STORAGE_KEYS.keptAside), STORAGE_KEYS.keptAside);
        const stored = readDocument(s.getItem(STORAGE_KEYS.progress));
        const base = stored.kind === 'document' ? stored.document : emptyDocument();
        // Read again (a view opened anew): what this tab holds, with its own open quiz, joins what is stored.
        let next = loaded ? mergeDocuments(current, base) : base;
        const aside: KeptAsideEntry[] = [];
        if (legacyRaw !== null) {
          const legacy = readLegacyQuiz(legacyRaw, Date.now());
          if (legacy.kind === 'record') {
            const { record, key } = legacy;
            const old = { ...emptyDocument(), quizzes: { [key]: record } };
            // The old format's quiz was the one in progress: it opens, unless another already does.
            next = { ...mergeDocuments(next, old), activeQuiz: next.activeQuiz ?? key };
            notices = withNotice(notices, 'migrated');
          } else aside.push(keptEntry(legacyRaw, STORAGE_KEYS.legacyQuiz, legacy.reason));
        }
        set({ loaded: true, keptAside, notices });
        // A stored document this version cannot use is kept aside by the save itself.
        const saved = commit(next, aside);
        if (saved && legacyRaw !== null) s.removeItem(STORAGE_KEYS.legacyQuiz);
      } catch {
        set((st) => ({ loaded: true, notices: withNotice(st.notices, 'notSaved') }));
      }
    },

    putQuiz: (record) => change((d) => ({ ...d, quizzes: { ...d.quizzes, [quizKey(record)]: record } })),

    setActiveQuiz: (key) => change((d) => ({ ...d, activeQuiz: key })),

    keepAside: (entries) => {
      commit(get().document, entries);
    },

    recordPrediction: (chapterId, checkpointId, response, correct) => {
      checkId('chapter', chapterId);
      checkId('checkpoint', checkpointId);
      const at = Date.now();
      change((d) => {
        const chapter = d.chapters[chapterId] ?? { predictions: {}, updatedAt: at };
        const prediction = { response: response.slice(0, LIMITS.response), correct, at };
        return {
          ...d,
          chapters: {
            ...d.chapters,
            [chapterId]: {
              ...chapter,
              predictions: { ...chapter.predictions, [checkpointId]: prediction },
              updatedAt: at,
            },
          },
        };
      });
    },

    completeChapter: (chapterId) => {
      checkId('chapter', chapterId);
      const at = Date.now();
      change((d) => {
        const chapter = d.chapters[chapterId] ?? { predictions: {}, updatedAt: at };
        if (chapter.completedAt !== undefined) return d;
        return {
          ...d,
          chapters: { ...d.chapters, [chapterId]: { ...chapter, completedAt: at, updatedAt: at } },
        };
      });
    },

    importProgress: (text) => {
      const file = readProgressFile(text);
      if (!file.ok) return file;
      const before = get().document;
      // The file's open quiz is the other browser's business: this one keeps its own.
      const incoming = { ...file.document, activeQuiz: null };
      const saved = commit(mergeDocuments(before, incoming), file.keptAside);
      if (!saved) {
        // Nothing half-imported: this tab goes on with what it had.
        set({ document: before });
        return { ok: false, problem: 'notSaved' };
      }
      return {
        ok: true,
        quizzes: Object.keys(incoming.quizzes).length,
        chapters: Object.keys(incoming.chapters).length,
      };
    },

    dismissNotice: (notice) => set((s) => ({ notices: s.notices.filter((n) => n !== notice) })),
  };
});
