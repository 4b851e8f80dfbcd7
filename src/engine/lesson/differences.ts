import { classicComparison, type ClassicAnswer } from '../analysis/classicComparison';
import { modeComparison, type ComparisonRow } from '../analysis/modeComparison';
import type { Mode } from '../scenario/scenario';
import { chapterById, type ChapterId } from './chapters';
import { lessonReplay } from './replay';

/** One column of the lesson's table of differences: what one chapter's session showed, and the textbook. */
export interface DifferenceColumn {
  readonly chapter: ChapterId;
  readonly mode: Mode;
  /** The table's rows as that session showed them (`modeComparison`), each with the step that shows it. */
  readonly rows: readonly ComparisonRow[];
  /** The textbook's answer for the same mode (`classicComparison`). */
  readonly classic: readonly ClassicAnswer[];
}

/** The table of differences of a `table` chapter, one column per chapter it is filled from. */
export function differenceTable(chapterId: ChapterId): DifferenceColumn[] {
  const chapter = chapterById(chapterId);
  if (chapter?.kind !== 'table') return [];
  return chapter.from.flatMap((id) => {
    const source = chapterById(id);
    const part = source?.kind === 'replay' ? source.parts[0] : undefined;
    if (!part) return [];
    const replay = lessonReplay(part);
    const mode = replay.simulation.scenario.mode;
    const events = replay.simulation.events.slice(0, replay.end + 1);
    return [{ chapter: id, mode, rows: modeComparison(events, mode), classic: classicComparison(mode) }];
  });
}
