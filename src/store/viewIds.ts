/** The view shown first, and when a permalink names none. The registry itself is UI (`ui/views.ts`). */
export const DEFAULT_VIEW = 'simulator';

/** The view that replays a capture; showing any other view shows the simulation. */
export const CAPTURE_VIEW = 'capture';
