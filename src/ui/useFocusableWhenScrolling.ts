import { useEffect, type RefObject } from 'react';

/**
 * A box whose text may not fit (the narration in a phone's short dock) scrolls by itself; while it does,
 * it joins the Tab order so that a keyboard can scroll it too (WCAG 2.1.1, axe's
 * scrollable-region-focusable), and leaves it again when everything fits. `content` changes with what the
 * box shows: a new text starts at its top.
 */
export function useFocusableWhenScrolling(ref: RefObject<HTMLElement | null>, content: unknown): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.scrollTop = 0;
    const update = (): void => {
      const scrolls = element.scrollHeight > element.clientHeight + 1;
      if (scrolls && element.tabIndex !== 0) element.tabIndex = 0;
      else if (!scrolls && element.hasAttribute('tabindex')) element.removeAttribute('tabindex');
    };
    update();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, content]);
}
