import { useEffect, type RefObject } from 'react';

/**
 * Keeps a CSS custom property on <html> (or on `on`, the one element that reads it) equal to an element's
 * height in pixels (border box), so that CSS can give the rest of the screen to something else:
 * `calc(100dvh - var(--chrome-h))`. Written only when it changes, and removed when the element goes (the
 * stylesheet's fallback applies again). A height that changes at every step belongs on its reader: changed
 * on <html>, a custom property makes the browser recompute the style of every element of the page.
 */
export function useHeightVariable(
  ref: RefObject<HTMLElement | null>,
  name: `--${string}`,
  on?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver !== 'function') return;
    const root = on ? on.current : document.documentElement;
    if (!root) return;
    let written = '';
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.borderBoxSize?.[0]?.blockSize ?? element.getBoundingClientRect().height;
      const value = `${Math.ceil(height)}px`;
      if (value === written) return;
      written = value;
      root.style.setProperty(name, value);
    });
    observer.observe(element, { box: 'border-box' });
    return () => {
      observer.disconnect();
      root.style.removeProperty(name);
    };
  }, [ref, name, on]);
}
