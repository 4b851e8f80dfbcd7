/**
 * Which view opens when the address names none: the one the visitor was on last time, or the lesson on a
 * first visit. Light on purpose (the first screen's bundle): a string in localStorage, checked against the
 * views that exist.
 */
export const VIEW_STORAGE_KEY = 'ftp-flow-lab:view';
export const FIRST_VISIT_VIEW = 'lesson';

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** Whether the last `startView` found nothing stored and opened the first visit's view. */
let firstVisit = false;

export function startView(views: readonly string[]): string | undefined {
  firstVisit = false;
  let stored: string | null | undefined;
  try {
    stored = storage()?.getItem(VIEW_STORAGE_KEY);
  } catch {
    stored = undefined;
  }
  if (stored && views.includes(stored)) return stored;
  if (!views.includes(FIRST_VISIT_VIEW)) return undefined;
  firstVisit = true;
  return FIRST_VISIT_VIEW;
}

/**
 * Whether this page opened on the first visit's view: its first screen is then known before its code
 * arrives (the lesson's list of chapters, LessonOpening.tsx).
 */
export function openedOnFirstVisit(): boolean {
  return firstVisit;
}

export function rememberView(view: string): void {
  try {
    storage()?.setItem(VIEW_STORAGE_KEY, view);
  } catch {
    // Blocked storage: the next visit opens the lesson again, nothing worse.
  }
}
