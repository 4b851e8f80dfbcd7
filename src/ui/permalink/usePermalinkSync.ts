import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../../i18n/language';
import { selectSimulator } from '../../store/captureSlice';
import { useSim, type SimState } from '../../store/simStore';
import { VIEWS } from '../views';
import { encodePermalink } from './permalink';

/** Moving through the steps rewrites the URL only once the cursor rests this long. */
export const CURSOR_URL_DELAY_MS = 400;

/** What the current history entry's address says, to tell a pending step write from other changes. */
type Written = Pick<SimState, 'scenario' | 'view' | 'presenting'>;

/**
 * Keeps the address bar's query string equal to the permalink of what is on screen. A new view (a tab,
 * a quiz's "Show me", the tab back to the quiz) is a new history entry (`history.pushState`), so the
 * browser's Back button returns to the view before, in the state it was left in; everything else
 * (settings, presentation mode, language, and the step once the cursor rests) rewrites the current
 * entry (`history.replaceState`). Changes made in one go (the scenario, the step and the view of a
 * "Show me") make one entry. Back and Forward (`popstate`) restore the entry's scenario, step and view.
 */
export function usePermalinkSync(delayMs = CURSOR_URL_DELAY_MS): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    const defaultView = VIEWS[0]?.id ?? '';
    const asLanguage = (lng: string | undefined): Language => (isLanguage(lng) ? lng : 'en');
    // Followed through the event: the event names the new language before every reader of it agrees.
    let language = asLanguage(i18n.resolvedLanguage);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let flushQueued = false;
    let pushQueued = false;
    let restoring = 0;
    let written: Written | undefined;

    const write = (s: SimState, how: 'push' | 'replace'): void => {
      const { pathname, search, hash } = window.location;
      // A captured session on screen is not in the address (the file stays in this page): the simulator's is.
      const simulator = selectSimulator(s);
      const query = encodePermalink(
        {
          scenario: simulator.scenario,
          cursor: simulator.cursor,
          view: VIEWS.some((v) => v.id === s.view) ? s.view : defaultView,
          lang: language,
          present: s.presenting,
        },
        defaultView,
        // A new entry starts clean: what other features keep in the address (a quiz link) was this one's.
        how === 'push' ? '' : search,
      );
      written = { scenario: s.scenario, view: s.view, presenting: s.presenting };
      if (how === 'push') window.history.pushState(null, '', `${pathname}${query}`);
      else if (query !== search)
        window.history.replaceState(window.history.state, '', `${pathname}${query}${hash}`);
    };

    const flush = (): void => {
      flushQueued = false;
      clearTimeout(timer);
      timer = undefined;
      const how = pushQueued ? 'push' : 'replace';
      pushQueued = false;
      write(useSim.getState(), how);
    };
    // A microtask later: the calls of one handler (set the scenario, seek, show the simulator) are one write.
    const queue = (push: boolean): void => {
      pushQueued ||= push;
      if (flushQueued) return;
      flushQueued = true;
      queueMicrotask(flush);
    };

    write(useSim.getState(), 'replace');
    const unsubscribe = useSim.subscribe((s, prev) => {
      if (restoring > 0) return;
      if (s.view !== prev.view) {
        // A step still waiting to be written belongs to the entry being left: write it there first.
        if (timer !== undefined && !flushQueued && written && sameEntry(prev, written))
          write(prev, 'replace');
        queue(true);
      } else if (s.scenario !== prev.scenario || s.presenting !== prev.presenting) queue(false);
      else if (s.cursor !== prev.cursor && !flushQueued) {
        clearTimeout(timer);
        timer = setTimeout(() => {
          timer = undefined;
          write(useSim.getState(), 'replace');
        }, delayMs);
      }
    });

    // Back or Forward: show what the entry's address says (its scenario, step, view, presentation mode).
    let popped = 0;
    const onPopState = (): void => {
      const search = window.location.search;
      const attempt = ++popped;
      // The engine too: the entry's step is checked against its scenario's simulation.
      void Promise.all([import('./restore'), useSim.getState().loadEngine()]).then(
        ([{ followPermalink }]) => {
          if (attempt !== popped) return; // a later Back or Forward wins
          clearTimeout(timer);
          timer = undefined;
          restoring++;
          try {
            followPermalink(
              search,
              VIEWS.map((v) => v.id),
              useSim,
            );
          } finally {
            restoring--;
          }
          // The entry keeps its place in history; its address now says the current language.
          write(useSim.getState(), 'replace');
        },
      );
    };
    window.addEventListener('popstate', onPopState);

    const onLanguage = (lng: string): void => {
      language = asLanguage(lng);
      queue(false);
    };
    i18n.on('languageChanged', onLanguage);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', onPopState);
      i18n.off('languageChanged', onLanguage);
      clearTimeout(timer);
    };
  }, [i18n, delayMs]);
}

function sameEntry(s: Written, written: Written): boolean {
  return s.scenario === written.scenario && s.view === written.view && s.presenting === written.presenting;
}
