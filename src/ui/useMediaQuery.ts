import { useSyncExternalStore } from 'react';

/**
 * Whether a CSS media query matches, following the window as it changes (rotation, resizing). False
 * where there is no `matchMedia` (jsdom), so tests see the wide-screen layout.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
    () => false,
  );
}

/**
 * Screens narrow enough that the scenario's settings leave the replay's side for a sheet (a button
 * opens it). Keep in step with the same width in stage.css.
 */
export const SETTINGS_IN_SHEET = '(max-width: 1239.98px)';

/** A phone held upright: one column, the narration's type a little smaller. Keep in step with the CSS. */
export const PHONE = '(max-width: 640px)';

/** A phone either way (upright, or on its side: short). Keep in step with header.css and stage.css. */
export const PHONE_EITHER_WAY = '(max-width: 640px), (max-height: 540px)';
