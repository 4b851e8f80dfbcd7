import { expect } from 'vitest';
import type { SessionOptions, useBrowser } from './browser';

export interface Screen {
  readonly name: string;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly presenting?: boolean;
  readonly isMobile?: boolean;
}

/** The screens people use: phones both ways, laptops, projectors (presentation mode). */
export const SCREENS: readonly Screen[] = [
  { name: 'a phone held upright', viewport: { width: 390, height: 844 }, isMobile: true },
  { name: 'a phone on its side', viewport: { width: 844, height: 390 }, isMobile: true },
  { name: 'a small laptop', viewport: { width: 1366, height: 768 } },
  { name: 'a 1280×800 laptop', viewport: { width: 1280, height: 800 } },
  { name: 'a 1440×900 laptop', viewport: { width: 1440, height: 900 } },
  { name: 'a 1280×720 projector', viewport: { width: 1280, height: 720 }, presenting: true },
  { name: 'a 1920×1080 projector', viewport: { width: 1920, height: 1080 }, presenting: true },
];

export function options(screen: Screen): SessionOptions {
  return { viewport: screen.viewport, isMobile: screen.isMobile ?? false };
}

/** Opens `path` on `screen` (in presentation mode on a projector) once the network diagram is drawn. */
export async function openStage(screen: Screen, path: string, open: ReturnType<typeof useBrowser>['open']) {
  const query = screen.presenting ? `${path}${path.includes('?') ? '&' : '?'}present=1` : path;
  const session = await open(query, options(screen));
  await session.page.locator('.stage-figure .diagram-svg').waitFor();
  // The diagram's frame measures itself, then draws the picture at its size.
  await expect
    .poll(() => session.page.locator('.stage-figure .diagram-svg').getAttribute('width'))
    .not.toBeNull();
  return session;
}
