import { useEffect, useRef, type RefObject } from 'react';

/**
 * A box whose text may not fit (the narration in a phone's short dock) scrolls by itself; while it does,
 * it joins the Tab order so that a keyboard can scroll it too (WCAG 2.1.1, axe's
 * scrollable-region-focusable), and leaves it again when everything fits. `content` changes with what the
 * box shows: a new text starts at its top.
 *
 * It changes at every step of a replay, so it never forces a layout to find out: whether the box
 * overflows is read in a ResizeObserver's callback (after the browser's own layout of the frame) on the
 * box and what is in it, and the box is scrolled back to its top only when it was scrolled away from it.
 */
export function useFocusableWhenScrolling(ref: RefObject<HTMLElement | null>, content: unknown): void {
  const scrolled = useRef(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Scroll events come from a reader's (or the reset's) scrolling, not from stepping: reading here is rare.
    const onScroll = (): void => {
      scrolled.current = element.scrollTop > 0;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [ref]);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (scrolled.current) {
      element.scrollTop = 0;
      scrolled.current = false;
    }
    const update = (): void => {
      // Even a pixel too many scrolls (and axe asks for a way to scroll it by keyboard).
      const scrolls = element.scrollHeight > element.clientHeight;
      if (scrolls && element.tabIndex !== 0) element.tabIndex = 0;
      else if (!scrolls && element.hasAttribute('tabindex')) element.removeAttribute('tabindex');
    };
    if (typeof ResizeObserver !== 'function') {
      update();
      return;
    }
    // The box keeps its size when only its text changes: its children's sizes say that the text did.
    const observer = new ResizeObserver(update);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, [ref, content]);
}
