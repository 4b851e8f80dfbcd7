/**
 * The ladder's colours, written into the SVG as presentation attributes so that the exported file looks
 * the same on its own. Same hues as the page (styles.css: --control, --data, --bad, --ok).
 */
export const LADDER_COLORS = {
  control: '#1d4ed8',
  data: '#9a3412',
  bad: '#b91c1c',
  ok: '#166534',
  text: '#1b1f24',
  muted: '#4b5563',
  lifeline: '#9ca3af',
  router: '#c4c9d2',
  gap: '#9ca3af',
  halo: '#ffffff',
} as const;

/** Control connection: solid line. Data connections: dashed (colour is never the only cue). */
export const DATA_DASH = '7 4';
export const GAP_DASH = '2 4';

export const FONT_SIZE = {
  label: 14,
  note: 12.5,
  time: 12,
  legend: 13,
} as const;
