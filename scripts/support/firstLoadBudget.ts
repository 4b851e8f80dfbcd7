import { gzipSync } from 'node:zlib';

/**
 * The most JavaScript, gzip, a first screen may wait for before its first render (issues 10 and 11): the
 * lesson of a first visit, the simulator of a returning one. `npm run bench:ui` prints it against the
 * budget; tests/e2e/first-load.e2e.test.ts fails over it (bytes, not time: the same build gives the same
 * number on any machine).
 */
export const FIRST_LOAD_BUDGET_KB = 120;

/** The size of one file as the budget counts it: gzip at its default level, as a server would send it. */
export function gzipSize(content: Uint8Array): number {
  return gzipSync(content).length;
}
