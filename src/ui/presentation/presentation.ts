import { useSim } from '../../store/simStore';

/** Whether this page put the browser in full screen, so that leaving full screen leaves presentation too. */
let fullscreenIsOurs = false;

/**
 * Presentation mode: on in the store at once, then full screen when the browser allows it (it needs a
 * click or key press, and some browsers or frames have no Fullscreen API); the mode works without it.
 */
export function enterPresentation(): void {
  useSim.getState().setPresenting(true);
  const root = document.documentElement;
  if (typeof root.requestFullscreen !== 'function' || document.fullscreenElement) return;
  root.requestFullscreen().then(
    () => {
      fullscreenIsOurs = true;
    },
    () => {
      // Refused (no user gesture, or a frame without allowfullscreen): stay in the mode, windowed.
    },
  );
}

export function leavePresentation(): void {
  useSim.getState().setPresenting(false);
  if (fullscreenIsOurs && document.fullscreenElement && typeof document.exitFullscreen === 'function') {
    document.exitFullscreen().catch(() => undefined);
  }
  fullscreenIsOurs = false;
}

export function togglePresentation(): void {
  if (useSim.getState().presenting) leavePresentation();
  else enterPresentation();
}

/**
 * The browser leaves full screen by itself on Escape (the page never sees that key press): leave
 * presentation mode with it.
 */
export function onFullscreenChange(): void {
  if (document.fullscreenElement || !fullscreenIsOurs) return;
  fullscreenIsOurs = false;
  useSim.getState().setPresenting(false);
}
