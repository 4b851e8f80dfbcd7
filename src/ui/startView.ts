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

export interface StartView {
  readonly view: string;
  /** Nothing was stored: this is the first visit's view, whose first screen is known before its code. */
  readonly firstVisit: boolean;
}

export function startView(views: readonly string[]): StartView | undefined {
  let stored: string | null | undefined;
  try {
    stored = storage()?.getItem(VIEW_STORAGE_KEY);
  } catch {
    stored = undefined;
  }
  if (stored && views.includes(stored)) return { view: stored, firstVisit: false };
  if (!views.includes(FIRST_VISIT_VIEW)) return undefined;
  return { view: FIRST_VISIT_VIEW, firstVisit: true };
}

export function rememberView(view: string): void {
  try {
    storage()?.setItem(VIEW_STORAGE_KEY, view);
  } catch {
    // Blocked storage: the next visit opens the lesson again, nothing worse.
  }
}
