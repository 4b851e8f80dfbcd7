import { useLayoutEffect, type RefObject } from 'react';
import type { Point } from './layout';

/** A CSS transform that puts an element's origin at `p` (the diagram's own units). */
export function translate(p: Point): string {
  return `translate(${p.x}px, ${p.y}px)`;
}

/*
 * The packet's trip and the notes' fading in are played by the browser (the Web Animations API), not by
 * framer-motion: starting a framer-motion animation resolved its keyframes in JavaScript, in the step's
 * own task, and it then ran JavaScript at every frame. On a slow phone the first step of a replay was
 * its longest task. The browser plays these with no script at all; they start in a layout effect, before
 * the step's first paint, so the element is never seen where the animation does not begin. Without
 * `animate` (jsdom) the element stays where its style puts it: where the animation ends.
 */

/**
 * Moves an element through `points` over `seconds`, reaching each at its fraction of the time (`times`,
 * 0 to 1), once for each `key`. Nothing moves when `points` is undefined or `seconds` is 0 (reduced
 * motion): the element stays where its own style puts it, which should be the last point.
 */
export function useTrip(
  ref: RefObject<Element | null>,
  points: readonly Point[] | undefined,
  times: readonly number[],
  seconds: number,
  key: unknown,
): void {
  // The keyframes as text: a render that draws the same trip again (the packet's arrival re-renders the
  // diagram) leaves the animation playing; only another trip, or another `key`, starts one.
  const frames =
    points && points.length > 1 && seconds > 0
      ? JSON.stringify(
          points.map((p, i) => ({ transform: translate(p), offset: times[i] ?? i / (points.length - 1) })),
        )
      : undefined;
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !frames || typeof element.animate !== 'function') return;
    const keyframes = JSON.parse(frames) as Keyframe[];
    const animation = element.animate(keyframes, { duration: seconds * 1000, easing: 'linear' });
    return () => animation.cancel();
  }, [ref, frames, seconds, key]);
}

/** Fades an element in over `seconds` after `delay` seconds (hidden until then), once for each `key`. */
export function useFadeIn(
  ref: RefObject<Element | null>,
  delay: number,
  seconds: number,
  key: unknown,
): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || delay <= 0 || typeof element.animate !== 'function') return;
    const animation = element.animate([{ opacity: 0 }, { opacity: 1 }], {
      delay: delay * 1000,
      duration: seconds * 1000,
      fill: 'backwards',
    });
    return () => animation.cancel();
  }, [ref, delay, seconds, key]);
}
