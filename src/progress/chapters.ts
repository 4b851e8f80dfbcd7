import type { ChapterRecord, Prediction, ProgressDocument } from './document';

/** A lesson chapter's progress as a view needs it. */
export interface ChapterProgress {
  /** The learner's prediction at each checkpoint answered so far, by checkpoint id. */
  readonly predictions: Readonly<Record<string, Prediction>>;
  readonly answered: number;
  readonly correct: number;
  readonly completed: boolean;
  /** When the chapter was first finished (milliseconds since 1970), if it was. */
  readonly completedAt?: number;
}

const NO_PREDICTIONS: Readonly<Record<string, Prediction>> = Object.freeze({});

/** A chapter's progress, from its stored record (undefined: never opened). */
export function chapterProgressOf(record: ChapterRecord | undefined): ChapterProgress {
  const predictions = record?.predictions ?? NO_PREDICTIONS;
  const all = Object.values(predictions);
  return {
    predictions,
    answered: all.length,
    correct: all.filter((p) => p.correct).length,
    completed: record?.completedAt !== undefined,
    ...(record?.completedAt !== undefined ? { completedAt: record.completedAt } : {}),
  };
}

/** A chapter's progress in a document: `chapterProgress(useProgress.getState().document, 'client-firewall')`. */
export function chapterProgress(document: ProgressDocument, chapterId: string): ChapterProgress {
  return chapterProgressOf(document.chapters[chapterId]);
}
