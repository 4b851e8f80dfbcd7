import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { selectView } from '../../store/selectors';
import { CAPTURE_VIEW } from '../../store/viewIds';
import { useSim } from '../../store/simStore';
import { VIEWS, type ViewDefinition } from '../views';

/** The view on screen: the store's, or the first one when the store names a view that does not exist. */
export function useCurrentView(): ViewDefinition | undefined {
  const id = useSim(selectView);
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}

/** The views that have a tab now (the Capture view's only with a capture open, or while it is shown). */
export function useTabbedViews(): readonly ViewDefinition[] {
  const withCapture = useSim((s) => s.capture !== null || s.view === CAPTURE_VIEW);
  return useMemo(() => VIEWS.filter((v) => withCapture || !v.tabOnlyWithCapture), [withCapture]);
}

export const tabId = (view: ViewDefinition): string => `view-tab-${view.id}`;
export const VIEW_PANEL_ID = 'view-panel';

/**
 * One tab per view of the registry (ui/views.ts), as a WAI-ARIA tablist: ←/→ move to the previous/next
 * tab and show it, Home/End the first/last; only the selected tab is in the Tab order. Those keys stay
 * here and never reach the replay (see player/playerKeys).
 */
export function ViewTabs() {
  const { t } = useTranslation();
  const current = useCurrentView();
  const views = useTabbedViews();
  const setView = useSim((s) => s.setView);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  // On a phone the tabs scroll sideways: keep the selected one in sight (the list only, never the page).
  const index = current ? views.indexOf(current) : 0;
  useEffect(() => {
    const tab = tabs.current[index];
    const list = tab?.parentElement;
    if (!tab || !list || list.scrollWidth <= list.clientWidth) return;
    const start = tab.offsetLeft - list.offsetLeft;
    const end = start + tab.offsetWidth;
    if (start < list.scrollLeft) list.scrollLeft = start;
    else if (end > list.scrollLeft + list.clientWidth) list.scrollLeft = end - list.clientWidth;
  }, [index]);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const last = views.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? (index + 1) % views.length
        : e.key === 'ArrowLeft'
          ? (index - 1 + views.length) % views.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : undefined;
    const view = next === undefined ? undefined : views[next];
    if (next === undefined || !view) return;
    e.preventDefault();
    setView(view.id);
    tabs.current[next]?.focus();
  };

  // In a navigation landmark, so that no page content sits outside the landmarks.
  return (
    <nav className="view-nav" aria-label={t('shell.views.label')}>
      <div className="view-tabs" role="tablist" aria-label={t('shell.views.label')}>
        {views.map((view, index) => {
          const selected = view === current;
          return (
            <button
              key={view.id}
              ref={(el) => {
                tabs.current[index] = el;
              }}
              type="button"
              role="tab"
              id={tabId(view)}
              aria-selected={selected}
              aria-controls={selected ? VIEW_PANEL_ID : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => setView(view.id)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {t(view.labelKey)}
            </button>
          );
        })}
      </div>
    </nav>
  );
}
