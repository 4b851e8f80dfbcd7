import { useSyncExternalStore } from 'react';
import type { Orientation } from './layout';

/** Below this width the page is one column (a phone held upright): the diagram stands up too. */
export const VERTICAL_QUERY = '(max-width: 640px)';

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(VERTICAL_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function snapshot(): Orientation {
  return typeof window.matchMedia === 'function' && window.matchMedia(VERTICAL_QUERY).matches
    ? 'vertical'
    : 'horizontal';
}

/** `vertical` on narrow screens, `horizontal` otherwise; follows the window as it resizes. */
export function useOrientation(): Orientation {
  return useSyncExternalStore(subscribe, snapshot, () => 'horizontal');
}
