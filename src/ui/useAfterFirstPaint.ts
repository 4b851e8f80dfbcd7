import { startTransition, useEffect, useState } from 'react';

/**
 * False for the first render, true once the browser has painted it. What renders only after waits for
 * its code and work until the first screen is up, so it cannot hold back the first paint, and renders
 * without blocking the page for long.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // A frame callback runs just before the paint; a task queued from it runs after.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      // A transition: React renders what follows in slices, yielding to the page between them.
      timer = setTimeout(() => startTransition(() => setPainted(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
