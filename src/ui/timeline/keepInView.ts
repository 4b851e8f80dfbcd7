import { measureAfterLayout } from '../measureAfterLayout';
import { prefersReducedMotion } from '../reducedMotion';

/**
 * Scrolls the list (and only the list, not the page) so that the current step is visible, with a line of
 * context around it. Measured after the next layout (measureAfterLayout), so a step never forces one;
 * returns a function that cancels the scroll when the step changes again first.
 */
export function keepInView(list: HTMLElement, item: HTMLElement): () => void {
  if (typeof list.scrollBy !== 'function') return () => undefined; // jsdom
  return measureAfterLayout(list, [item], ({ box, items: [line] }) => {
    if (!line) return;
    const margin = Math.min(line.height, box.height / 4);
    let delta = 0;
    if (line.top < box.top + margin) delta = line.top - box.top - margin;
    else if (line.bottom > box.bottom - margin) delta = line.bottom - box.bottom + margin;
    if (delta !== 0) list.scrollBy({ top: delta, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  });
}
