import { useCallback, useRef, type UIEvent } from 'react';

/**
 * Whether a scrolling box is at its top, followed through its scroll events (put `onScroll` on it). Lets
 * a box whose first item is current skip measuring it: at the top, the first item is in view already,
 * and measuring would force a layout of the whole box.
 */
export function useAtTop(): {
  readonly atTop: { readonly current: boolean };
  readonly onScroll: (e: UIEvent<HTMLElement>) => void;
} {
  const atTop = useRef(true);
  const onScroll = useCallback((e: UIEvent<HTMLElement>) => {
    atTop.current = e.currentTarget.scrollTop === 0;
  }, []);
  return { atTop, onScroll };
}
