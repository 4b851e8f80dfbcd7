/** The progress store's public surface: the quiz, the lessons and the views import from here. */
export {
  DOCUMENT_VERSION,
  LIMITS as PROGRESS_LIMITS,
  ACTIVITY_ID,
  emptyDocument,
  newQuizRecord,
  quizKey,
  type ProgressDocument,
  type QuizRecord,
  type QuizKey,
  type ChapterRecord,
  type Prediction,
} from './document';
export { mergeDocuments, moreAdvancedQuiz, mergeChapters } from './merge';
export {
  readDocument,
  readLegacyQuiz,
  readKeptAside,
  type KeptAsideEntry,
  type KeptAsideReason,
  type StoredDocument,
} from './stored';
export {
  progressFile,
  keptAsideFile,
  readProgressFile,
  MAX_PROGRESS_FILE_BYTES,
  type ImportProblem,
  type ImportedFile,
} from './transfer';
export { chapterProgress, chapterProgressOf, type ChapterProgress } from './chapters';
export {
  useProgress,
  STORAGE_KEYS,
  type ProgressState,
  type ProgressNotice,
  type ImportResult,
} from './progressStore';
