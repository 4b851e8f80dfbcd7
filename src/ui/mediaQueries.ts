/** The media queries the app's components follow (useMediaQuery.ts). Light: the page's first script reads one. */

/**
 * Screens narrow enough that the scenario's settings leave the replay's side for a sheet (a button
 * opens it). Keep in step with the same width in stage.css.
 */
export const SETTINGS_IN_SHEET = '(max-width: 1239.98px)';

/** A phone held upright: one column, the narration's type a little smaller. Keep in step with the CSS. */
export const PHONE = '(max-width: 640px)';

/** A phone either way (upright, or on its side: short). Keep in step with header.css and stage.css. */
export const PHONE_EITHER_WAY = '(max-width: 640px), (max-height: 540px)';
