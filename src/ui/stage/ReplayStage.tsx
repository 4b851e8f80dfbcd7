import { useEffect, useRef, type ReactNode } from 'react';
import { prefersReducedMotion } from '../reducedMotion';
import './stage.css';
import { useHeightVariable } from './useSizeVariable';

export interface ReplayStageProps {
  /** Above the figure: what the session came to, the settings button… (optional; `.stage-bar` lays it out). */
  readonly bar?: ReactNode;
  /** What happens: a network diagram (it gets whatever height the screen has left). */
  readonly figure: ReactNode;
  /** The current step's words and the player. */
  readonly dock: ReactNode;
  /** Changes with the step: the dock is brought into view if it is not (a jump from a link, a list…). */
  readonly stepKey: number | string;
}

/**
 * A replay's first screen: the figure, the current step's narration and the player, together on one
 * screen at any size (stage.css), with no scrolling to step through a session. Put it first in a column
 * (`.stage-host`): what follows it in that column (a ladder, an inspector) scrolls under the dock, which
 * stays at the top of the screen meanwhile. The Simulator uses it, and so can any view that replays a
 * session (a lesson).
 */
export function ReplayStage({ bar, figure, dock, stepKey }: ReplayStageProps) {
  const dockRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  // The narration's length changes the dock's height at (almost) every step: only the top reads it.
  useHeightVariable(dockRef, '--dock-h', topRef);
  useInView(dockRef, stepKey);
  return (
    <>
      <div className="stage-top" ref={topRef}>
        {bar}
        <div className="stage-figure">{figure}</div>
      </div>
      <div className="stage-dock" ref={dockRef}>
        {dock}
      </div>
    </>
  );
}

/**
 * Brings the element into view when `key` changes and it is not wholly on screen. Whether it is comes
 * from an IntersectionObserver, so stepping never forces a layout to find out.
 */
function useInView(ref: React.RefObject<HTMLElement | null>, key: number | string): void {
  const visible = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry) visible.current = entry.intersectionRatio > 0.98;
      },
      { threshold: [0, 0.98, 1] },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!visible.current)
      ref.current?.scrollIntoView({ block: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }, [ref, key]);
}
