import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CaptureDrop } from './capture/CaptureDrop';
import { CaptureStatusHost } from './capture/CaptureStatusHost';
import { Header } from './header/Header';
import { useSystemReducedMotion } from './header/useSystemReducedMotion';
import { useCurrentView, VIEW_PANEL_ID } from './header/ViewTabs';
import { PermalinkNotice } from './permalink/PermalinkNotice';
import { usePermalinkSync } from './permalink/usePermalinkSync';
import { PlaybackTimer } from './player/usePlaybackTimer';
import { usePlayerKeys } from './player/usePlayerKeys';
import './presentation/presentation.css';
import { usePresentation } from './presentation/usePresentation';
import { rememberView } from './startView';
import { useAfterFirstPaint } from './useAfterFirstPaint';
import { useViewFallback } from './useViewFallback';
import { markFirstViewShown } from './firstViewShown';

export function App() {
  const { t, i18n } = useTranslation();
  usePlayerKeys();
  usePresentation();
  useSystemReducedMotion();
  usePermalinkSync();
  const view = useCurrentView();
  const View = view?.component;
  const fallback = useViewFallback(view);
  // A first visit's opening (the lesson's first lines) is the first screen: the view, and the engine with
  // it, are asked for once it is painted, so that on a slow phone they do not compete with it.
  const painted = useAfterFirstPaint();
  const holding = fallback.opening && !painted;

  // The next visit without a link opens where this one was.
  useEffect(() => {
    if (view) rememberView(view.id);
  }, [view]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  return (
    <div className="app">
      <PlaybackTimer />
      <Header />
      <PermalinkNotice />
      <CaptureStatusHost />
      <CaptureDrop />
      {view && View && (
        // Unnamed on purpose: each view is a named <main> landmark, and a named panel outside the
        // landmarks would be page content outside them (axe: region). The tab points here (aria-controls).
        <div role="tabpanel" id={VIEW_PANEL_ID} data-view={view.id} className="view-panel">
          {/* Views after the first load on demand (ui/views.ts). */}
          <Suspense fallback={fallback.element}>
            {holding ? (
              fallback.element
            ) : (
              <>
                <View />
                <Shown />
              </>
            )}
          </Suspense>
        </div>
      )}
    </div>
  );
}

/**
 * Mounted with the view, in the same commit once its code has arrived: says the view is on screen. Only
 * the first view's mount counts (firstViewShown settles once); later views mount it to no effect.
 */
function Shown() {
  useEffect(() => markFirstViewShown(), []);
  return null;
}
