/**
 * Settles once the first view is on screen with its code, strings and engine (App.tsx): what can wait for
 * that (the service worker's precaching of the whole build) then no longer competes with it for the network
 * and the main thread. On a first visit the page's `load` comes before the view, which is asked for only
 * once the opening is painted.
 */
let shown: () => void = () => undefined;
export const firstViewShown: Promise<void> = new Promise((resolve) => {
  shown = resolve;
});

export function markFirstViewShown(): void {
  shown();
}
