import { CHAPTER_IDS, chapterById, type ChapterId } from '../../engine';
import { useLesson, type LessonPosition } from '../../store/lessonStore';

/**
 * The link parameters the lesson owns: `chapter` opens a chapter (`client-firewall`), or a step of it
 * (`client-firewall:18`, step 18; `beyond:2:5`, step 5 of its second part); `predict=0` turns
 * predictions off. The permalink carries both through (ui/permalink: PASSTHROUGH_PARAMS).
 */
export const LESSON_PARAMS = ['chapter', 'predict'] as const;

/** The largest step a link may name (far beyond any chapter; the lesson clamps to the part's end). */
const MAX_STEP = 100_000;

/** Where a `chapter` parameter points: a chapter (from its start, `step` undefined) or one of its steps. */
export interface ChapterLink {
  readonly chapter: ChapterId;
  readonly part: number;
  /** The step's index (0-based), or undefined for the chapter's start. */
  readonly step: number | undefined;
}

const isChapterId = (v: string): v is ChapterId => (CHAPTER_IDS as readonly string[]).includes(v);

/** Untrusted text from an address: anything but `<id>`, `<id>:<step>` or `<id>:<part>:<step>` is undefined. */
export function readChapterParam(value: string): ChapterLink | undefined {
  const m = /^([a-z-]+)(?::([1-9]\d{0,5}))?(?::([1-9]\d{0,5}))?$/.exec(value);
  const id = m?.[1];
  if (!m || id === undefined || !isChapterId(id)) return undefined;
  const chapter = chapterById(id);
  const parts = chapter?.kind === 'replay' ? chapter.parts.length : 1;
  const [part, step] = m[3] === undefined ? [1, m[2]] : [Number(m[2]), m[3]];
  if (part > parts || (step !== undefined && Number(step) > MAX_STEP)) return undefined;
  return { chapter: id, part: part - 1, step: step === undefined ? undefined : Number(step) - 1 };
}

/** The `chapter` parameter for a place in the lesson (the shortest that names it), or undefined for the list. */
export function chapterParam(position: LessonPosition | undefined): string | undefined {
  if (!position) return undefined;
  const step = position.cursor + 1;
  if (position.part > 0) return `${position.chapter}:${position.part + 1}:${step}`;
  return step > 1 ? `${position.chapter}:${step}` : position.chapter;
}

let read = false;

/**
 * A teacher's link to a chapter or a step of it (`?view=lesson&chapter=client-firewall:18&predict=0&lang=es`),
 * read once per page load. A link to a chapter opens it from its start, unless the learner is already
 * in it (their place stays); a link to a step opens that step. Unknown values are ignored (the learner's
 * own place in the lesson stays).
 */
export function readLessonLink(search: string): void {
  if (read) return;
  read = true;
  const params = new URLSearchParams(search);
  const value = params.get('chapter');
  const predict = params.get('predict');
  const lesson = useLesson.getState();
  if (predict === '0' || predict === '1') lesson.setPredictionsOn(predict === '1');
  const link = value === null ? undefined : readChapterParam(value);
  if (!link) return;
  const position = lesson.position;
  if (link.step === undefined && position?.chapter === link.chapter && position.part === link.part) return;
  lesson.openChapter(link.chapter, link.part);
  if (link.step !== undefined) lesson.setCursor(link.step);
}

/** The chapter and part the current history entry was written for (`null`: nothing written yet). */
let entry: Pick<LessonPosition, 'chapter' | 'part'> | undefined | null = null;

const samePlace = (a: Pick<LessonPosition, 'chapter' | 'part'> | undefined, b: LessonPosition | undefined) =>
  a?.chapter === b?.chapter && a?.part === b?.part;

/**
 * Keeps the address's `chapter` parameter on the place the lesson shows, so that the address bar is the
 * link a teacher copies. Another chapter (or part, or the list of chapters) is a new history entry, so
 * that Back returns to the place before at the step it was left at (`followLessonHistory`); a step rewrites
 * the current entry (Back is not a step back). Only that parameter changes. A task later: the permalink
 * rewrites the address in a microtask after a change of view (carrying `chapter` over), and this must
 * come after it.
 */
export function writeLessonAddress(): () => void {
  const id = window.setTimeout(() => {
    const { pathname, search, hash } = window.location;
    const position = useLesson.getState().position;
    const query = withChapter(search, chapterParam(position));
    const push = entry !== null && !samePlace(entry, position);
    entry = position && { chapter: position.chapter, part: position.part };
    if (push) window.history.pushState(null, '', `${pathname}${query}${hash}`);
    else if (query !== search)
      window.history.replaceState(window.history.state, '', `${pathname}${query}${hash}`);
  }, 0);
  return () => window.clearTimeout(id);
}

let following: (() => void) | undefined;

/**
 * Back and Forward within the lesson: the entry's `chapter` parameter says where the lesson was (the list
 * of chapters when there is none). A value that cannot be read changes nothing (the app wrote every entry,
 * so someone edited it), as the permalink does; a step past the part's end is the part's end (the
 * chapter's screen clamps it). Followed from the lesson's first showing on, also while another view is on
 * screen, so that Back from another view to a lesson entry finds the lesson where that entry says.
 */
export function followLessonHistory(): void {
  if (following) return;
  const onPopState = (): void => {
    const params = new URLSearchParams(window.location.search);
    // Another view's entry: the permalink shows that view, and the lesson keeps its place for later.
    if (params.get('view') !== 'lesson') return;
    const value = params.get('chapter');
    const link = value === null ? undefined : readChapterParam(value);
    if (value !== null && !link) return;
    const position = link && { chapter: link.chapter, part: link.part, cursor: link.step ?? 0 };
    // The entry shown is the one popped to: writing it again must not make a new one.
    entry = position && { chapter: position.chapter, part: position.part };
    useLesson.getState().restore(position);
  };
  window.addEventListener('popstate', onPopState);
  following = () => window.removeEventListener('popstate', onPopState);
}

/** `search` with its `chapter` parameter set to `value` (or removed), every other one kept as written. */
export function withChapter(search: string, value: string | undefined): string {
  const others = search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '' && !p.startsWith('chapter='));
  // Chapter ids and step numbers need no escaping (readChapterParam accepts nothing else).
  const all = value === undefined ? others : [...others, `chapter=${value}`];
  return all.length > 0 ? `?${all.join('&')}` : '';
}

/** For tests: the next call reads its link again. */
export function forgetLessonLink(): void {
  read = false;
  entry = null;
  following?.();
  following = undefined;
}
