import { useEffect, useState } from 'react';
import { selectPlaying } from '../store/selectors';
import { useSim, type SimState } from '../store/simStore';

const HELD: unique symbol = Symbol('held');

/**
 * How far inside the screen's edge a panel must reach to count as seen: the top of the ladder peeking
 * out under a laptop's first screen is its frame, which no step changes.
 */
const SEEN_INSET = '-16px 0px';

/**
 * The store's value as a panel below the first screen shows it (the ladder, the inspector, the list of
 * steps). While a replay plays, a panel that is off screen holds the value it had: following each step,
 * it would be laid out and painted again for nobody to see (a packet's layers and bytes, a ladder row, a
 * list of every step), and on a slow phone that made the steps' frames late. It catches up as soon as it
 * comes into view or the replay stops. Stepping by hand, it always follows: a screen reader reads it
 * wherever it is. Without IntersectionObserver (jsdom) every panel counts as seen.
 *
 * Returns the value and the setter to pass as the panel's outer element's `ref`: where that element is
 * decides whether it follows.
 */
export function useSimWhileSeen<T>(
  select: (s: SimState) => T,
): readonly [T, (element: Element | null) => void] {
  const [element, setPanel] = useState<Element | null>(null);
  const [seen, setSeen] = useState(true);
  useEffect(() => {
    if (!element || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (entry) setSeen(entry.isIntersecting);
      },
      { rootMargin: SEEN_INSET },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);

  const follows = useSim((s) => seen || !selectPlaying(s));
  const live = useSim((s) => (follows ? select(s) : HELD));
  const [held, setHeld] = useState<T>(() => select(useSim.getState()));
  // Kept from the renders that followed, for those that do not (React's pattern for a value from
  // earlier renders: set during render, it re-renders this component at once, before its children).
  if (live !== HELD && !Object.is(live, held)) setHeld(live);
  return [live === HELD ? held : live, setPanel];
}
