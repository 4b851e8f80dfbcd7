/** The view shown first, and when a permalink names none. The registry itself is UI (`ui/views.ts`). */
export const DEFAULT_VIEW = 'simulator';

/** The view that replays a capture; showing any other view shows the simulation. */
export const CAPTURE_VIEW = 'capture';

/**
 * Every view's id, in tab order (ui/views.ts defines them; a test keeps the two the same). Light: the
 * page's first script checks a stored view against it, before any of the app has loaded.
 */
export const VIEW_IDS: readonly string[] = [DEFAULT_VIEW, 'lesson', 'compare', 'quiz', CAPTURE_VIEW];
