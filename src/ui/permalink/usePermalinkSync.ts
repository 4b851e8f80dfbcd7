import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../i18n/language';
import { useSim } from '../../store/simStore';
import { VIEWS } from '../views';
import { encodePermalink } from './permalink';

/** Moving through the steps rewrites the URL only once the cursor rests this long. */
export const CURSOR_URL_DELAY_MS = 400;

/**
 * Keeps the address bar's query string equal to the permalink of what is on screen, with
 * `history.replaceState` (no new history entries, no reload). Scenario, view, presentation mode and
 * language are written at once; the step after the cursor rests.
 */
export function usePermalinkSync(delayMs = CURSOR_URL_DELAY_MS): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    const defaultView = VIEWS[0]?.id ?? '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = (): void => {
      clearTimeout(timer);
      timer = undefined;
      const s = useSim.getState();
      const { pathname, search, hash } = window.location;
      const query = encodePermalink(
        {
          scenario: s.scenario,
          cursor: s.cursor,
          view: VIEWS.some((v) => v.id === s.view) ? s.view : defaultView,
          lang: isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en',
          present: s.presenting,
        },
        defaultView,
        search,
      );
      if (query !== search)
        window.history.replaceState(window.history.state, '', `${pathname}${query}${hash}`);
    };
    write();
    const unsubscribe = useSim.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario || s.view !== prev.view || s.presenting !== prev.presenting) write();
      else if (s.cursor !== prev.cursor) {
        clearTimeout(timer);
        timer = setTimeout(write, delayMs);
      }
    });
    i18n.on('languageChanged', write);
    return () => {
      unsubscribe();
      i18n.off('languageChanged', write);
      clearTimeout(timer);
    };
  }, [i18n, delayMs]);
}
