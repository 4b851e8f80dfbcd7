/**
 * A User Timing mark set just before the app's first render: everything fetched before it is what the
 * first screen waited for (`npm run bench:ui` measures its size).
 */
export const FIRST_RENDER_MARK = 'ftp-flow-lab:first-render';
