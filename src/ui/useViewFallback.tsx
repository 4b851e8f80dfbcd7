import type { ReactNode } from 'react';
import { useSim } from '../store/simStore';
import { ViewLoading } from './ViewLoading';
import type { ViewDefinition } from './views';

export interface ViewFallback {
  /** What to show while the view's code loads. */
  readonly element: ReactNode;
  /**
   * It is the view's opening screen (ViewDefinition.opening): App holds the view back until it is painted,
   * so that on a slow phone the view and the engine do not compete with it.
   */
  readonly opening: boolean;
}

/**
 * The view's opening when a first visit opened on it, plain "Loading…" otherwise: a return may open the
 * lesson on a chapter, which only the lesson's own code knows.
 */
export function useViewFallback(view: ViewDefinition | undefined): ViewFallback {
  const firstVisitView = useSim((s) => s.firstVisitView);
  const Opening = firstVisitView ? view?.opening : undefined;
  return Opening ? { element: <Opening />, opening: true } : { element: <ViewLoading />, opening: false };
}
