/**
 * The geometry of two ladders side by side, phase by phase: each phase of a side is a band of that side's
 * whole ladder (so its lifelines stay where they are), and the first difference a band within a band.
 */
import type { LadderCrop } from '../ladder/LadderSvg';
import type { LadderLayout } from '../ladder/layout';

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
