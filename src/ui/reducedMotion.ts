import { useSim } from '../store/simStore';

export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

/** The system's "reduce motion" setting (`prefers-reduced-motion`). */
export function systemPrefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(REDUCED_MOTION_QUERY).matches;
}

/**
 * Whether to reduce motion: the system asks for it, or the user chose it in the app (the store's
 * `reducedMotion`). No smooth scrolling or animation when it is on.
 */
export function prefersReducedMotion(): boolean {
  return useSim.getState().reducedMotion || systemPrefersReducedMotion();
}
