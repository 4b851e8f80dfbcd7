import { useEffect } from 'react';
import { selectPresenting } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { leavePresentation, onFullscreenChange, togglePresentation } from './presentation';
import { presentationActionFor } from './presentationKeys';

/**
 * Presentation mode for the whole page: `data-presenting` on <html> switches the styles
 * (presentation.css), P toggles the mode, Escape leaves it, and so does leaving full screen.
 */
export function usePresentation(): void {
  const presenting = useSim(selectPresenting);

  useEffect(() => {
    const root = document.documentElement;
    if (presenting) root.setAttribute('data-presenting', '');
    else root.removeAttribute('data-presenting');
    // The focus may have been on a control that presentation mode hides: keep it on the page, on the
    // button that leaves the mode.
    const focused = document.activeElement;
    if (
      presenting &&
      focused instanceof HTMLElement &&
      focused !== document.body &&
      !focused.getClientRects().length
    )
      document.querySelector<HTMLElement>('.presentation-button')?.focus();
    return () => root.removeAttribute('data-presenting');
  }, [presenting]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.repeat) return;
      const action = presentationActionFor(e, useSim.getState().presenting);
      if (!action) return;
      e.preventDefault();
      if (action === 'leave') leavePresentation();
      else togglePresentation();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, []);
}
