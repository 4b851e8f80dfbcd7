/** The guided lesson: chapters as data, checkpoints answered from the simulated events, grading. */
export {
  LESSON_CHAPTERS,
  LESSON_ASKS,
  CHAPTER_IDS,
  chapterById,
  type ChapterDefinition,
  type ChapterId,
  type CheckpointDefinition,
  type LessonAsk,
  type LessonPartDefinition,
  type NoteDefinition,
  type ScenarioChanges,
} from './chapters';
export { findStop, type Stop } from './stops';
export {
  lessonReplay,
  partScenario,
  type LessonNote,
  type LessonReplay,
  type PredictionInput,
  type PredictionPoint,
  type WithheldNarration,
} from './replay';
export { gradePrediction, readPort, type PredictionGrade } from './grade';
export { differenceTable, type DifferenceColumn } from './differences';
