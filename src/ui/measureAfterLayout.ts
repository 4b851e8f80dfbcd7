/** Where a scrolling box and some of its elements are on screen (viewport coordinates). */
export interface Placement {
  readonly box: DOMRectReadOnly;
  readonly items: readonly DOMRectReadOnly[];
}

/**
 * Reads where `box` and `items` are, once the browser has laid the page out for the next frame and the
 * box is on screen, and calls `read` with that, once. The reading happens in an IntersectionObserver's
 * report, which comes after the frame's own layout: stepping through a replay never forces an extra
 * layout to find out (getBoundingClientRect right after a render would). A box off screen (whose
 * content the browser may not even lay out: content-visibility) is read when it comes into view. Returns
 * a function that cancels the reading. Without IntersectionObserver (jsdom, which lays nothing out)
 * nothing is read.
 */
export function measureAfterLayout(
  box: Element,
  items: readonly Element[],
  read: (placement: Placement) => void,
): () => void {
  if (typeof IntersectionObserver !== 'function') return () => undefined;
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    // The layout is fresh here: these reads cost nothing.
    read({ box: box.getBoundingClientRect(), items: items.map((item) => item.getBoundingClientRect()) });
  });
  observer.observe(box);
  return () => observer.disconnect();
}
