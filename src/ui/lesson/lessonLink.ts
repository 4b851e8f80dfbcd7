import { CHAPTER_IDS, type ChapterId } from '../../engine';
import { useLesson } from '../../store/lessonStore';

/** The link parameters the lesson owns: `chapter=<id>` opens a chapter, `predict=0` turns predictions off. */
export const LESSON_PARAMS = ['chapter', 'predict'] as const;

let read = false;

/**
 * A teacher's link to a chapter (`?view=lesson&chapter=client-firewall&predict=0&lang=es`), read once per
 * page load: it opens that chapter from its start. Unknown values are ignored (the learner's own place
 * in the lesson stays).
 */
export function readLessonLink(search: string): void {
  if (read) return;
  read = true;
  const params = new URLSearchParams(search);
  const chapter = params.get('chapter');
  const predict = params.get('predict');
  const lesson = useLesson.getState();
  if (predict === '0' || predict === '1') lesson.setPredictionsOn(predict === '1');
  if (chapter !== null && (CHAPTER_IDS as readonly string[]).includes(chapter)) {
    const position = lesson.position;
    if (position?.chapter !== chapter) lesson.openChapter(chapter as ChapterId);
  }
}

/** For tests: the next call reads its link again. */
export function forgetLessonLink(): void {
  read = false;
}
