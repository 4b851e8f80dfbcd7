import { useSyncExternalStore } from 'react';

/**
 * Whether a CSS media query matches, following the window as it changes (rotation, resizing). False
 * where there is no `matchMedia` (jsdom), so tests see the wide-screen layout. The queries the app
 * uses are in mediaQueries.ts.
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
    () => mediaWithoutWindow(query),
  );
}

let mediaWithoutWindow: (query: string) => boolean = () => false;

/**
 * What the media queries match where there is no window: nothing, unless the build is drawing a first
 * screen for a given screen (src/firstScreen/renderFirstScreen.tsx), which says so with this.
 */
export function assumeMediaWithoutWindow(matches: (query: string) => boolean): void {
  mediaWithoutWindow = matches;
}
