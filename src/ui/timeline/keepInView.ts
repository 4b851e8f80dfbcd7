import { prefersReducedMotion } from '../reducedMotion';

/**
 * Scrolls the list (and only the list, not the page) so that the current step is visible, with a line of
 * context around it.
 */
export function keepInView(list: HTMLElement, item: HTMLElement): void {
  if (typeof list.scrollBy !== 'function') return; // jsdom
  const box = list.getBoundingClientRect();
  const line = item.getBoundingClientRect();
  const margin = Math.min(line.height, box.height / 4);
  let delta = 0;
  if (line.top < box.top + margin) delta = line.top - box.top - margin;
  else if (line.bottom > box.bottom - margin) delta = line.bottom - box.bottom + margin;
  if (delta !== 0) list.scrollBy({ top: delta, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
}
