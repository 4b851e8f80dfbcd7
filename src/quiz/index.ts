/** The quiz's public surface: the view and the store import from here. */
export {
  TOPICS,
  type Topic,
  type Message,
  type Param,
  type Question,
  type ChoiceQuestion,
  type FreeQuestion,
  type Choice,
  type FreeFormat,
  type ShowMe,
  type QuizConfig,
} from './types';
export { generateQuiz } from './generate';
export { gradeAnswer, freeValue, isReadable } from './grade';
export { meaningOf } from './choices';
export {
  QuizConfigSchema,
  parseQuizConfig,
  parseQuizParam,
  formatQuizParam,
  quizQuery,
  MAX_QUESTIONS,
  MAX_SEED,
} from './config';
export {
  ProgressSchema,
  PROGRESS_VERSION,
  loadProgress,
  serializeProgress,
  newProgress,
  reconcileProgress,
  quizFingerprint,
  type Progress,
  type Answer,
  type ProgressNotice,
  type LoadedProgress,
} from './progress';
export {
  quizResults,
  nextQuestion,
  roundQuestions,
  buildResultExport,
  type QuizResults,
  type TopicMastery,
  type ResultExport,
} from './results';
export { createQuizRandom } from './random';
export { transferOutcome, type Outcome } from './outcome';
export { moveSteps, type Move } from './moves';
export { comparisonRow } from './concepts';
export { DECODE_VARIANTS } from './decode';
