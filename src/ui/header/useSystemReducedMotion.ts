import { useEffect } from 'react';
import { useSim } from '../../store/simStore';
import { REDUCED_MOTION_QUERY, systemPrefersReducedMotion } from '../reducedMotion';

/**
 * Keeps the store's `systemReducesMotion` equal to `prefers-reduced-motion`, also when the user changes
 * the system setting while the page is open, and marks <html> with `data-reduced-motion` so that CSS can
 * stop transitions for a reduction chosen in the app too.
 */
export function useSystemReducedMotion(): void {
  const reducedMotion = useSim((s) => s.reducedMotion);

  useEffect(() => {
    const set = useSim.getState().setSystemReducesMotion;
    set(systemPrefersReducedMotion());
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(REDUCED_MOTION_QUERY);
    const onChange = (e: MediaQueryListEvent): void => set(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    if (reducedMotion) root.setAttribute('data-reduced-motion', '');
    else root.removeAttribute('data-reduced-motion');
    return () => root.removeAttribute('data-reduced-motion');
  }, [reducedMotion]);
}
