/**
 * The geometry of two ladders side by side, phase by phase: each phase of a side is a band of that side's
 * whole ladder (so its lifelines stay where they are), and the first difference a band within a band.
 */
import type { LadderCrop } from '../ladder/LadderSvg';
import { PROJECTOR, type LadderLayout, type LadderMetrics } from '../ladder/layout';

/**
 * Two ladders side by side on a projector (presentation mode): the projector's type and rows (no text under
 * 18 units) in 580 units whatever the lanes (up to the five of the path), so that each side, drawn at least
 * 1:1, fits half of a 1280×720 screen and grows with a larger one.
 */
export const SIDE_BY_SIDE_PROJECTOR: LadderMetrics = {
  ...PROJECTOR,
  // "10.026932" and "+1.0 s" in the time column; "Servidor" over its lifeline.
  timeColumn: 112,
  sideMargin: 52,
  minLaneGap: 91,
  span: 364,
};

/** The events of one phase on one side, first and last index (inclusive). */
export interface EventSpan {
  readonly from: number;
  readonly to: number;
}

/**
 * The band of `layout` that draws the events of `span`: from the end of the row before (so a long wait
 * marked above the first row is in it) to the end of its last row, down to the drawing's bottom for the
 * last phase.
 */
export function phaseCrop(layout: LadderLayout, span: EventSpan): LadderCrop {
  const { rows } = layout;
  const before = rows[span.from - 1];
  const last = rows[Math.min(span.to, rows.length - 1)];
  const top = before ? before.top + before.height : 0;
  const bottom = !last ? top : span.to >= rows.length - 1 ? layout.height : last.top + last.height;
  return { top, height: Math.max(0, bottom - top) };
}

/** Where row `index` lies in `crop`, as percentages of its height (for an overlay); none outside it. */
export function rowInCrop(
  layout: LadderLayout,
  crop: LadderCrop,
  index: number,
): { readonly top: number; readonly height: number } | undefined {
  const row = layout.rows[index];
  if (!row || crop.height <= 0 || row.top < crop.top || row.top + row.height > crop.top + crop.height)
    return undefined;
  return { top: ((row.top - crop.top) / crop.height) * 100, height: (row.height / crop.height) * 100 };
}
