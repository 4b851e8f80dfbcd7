/// <reference types="vite-plugin-pwa/vanillajs" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { FIRST_SCREEN_ATTRIBUTE } from './firstScreen/pageIds';
import { FIRST_RENDER_MARK } from './firstRenderMark';
import type { Language } from './i18n/language';
import { loadI18n } from './i18n/load';
import { useSim } from './store/simStore';
import { App } from './ui/App';
import type { restorePermalink } from './ui/permalink/restore';
import { systemPrefersReducedMotion } from './ui/reducedMotion';
import './ui/styles.css';
import { startView } from './ui/startView';
import { firstViewShown } from './ui/firstViewShown';
import { VIEWS } from './ui/views';

interface Link {
  readonly search: string;
  readonly restore: typeof restorePermalink;
}

/** Restores the link if there is one, sets up the language and renders the app into `root`. */
export async function startApp(root: HTMLElement, language: Language, link: Link | undefined): Promise<void> {
  // Before the first render, so that nothing animates or shows the default scenario on the way.
  useSim.getState().setSystemReducesMotion(systemPrefersReducedMotion());
  const views = VIEWS.map((v) => v.id);
  if (link) {
    // A link's step is checked against its scenario's simulation, so a link waits for the engine (a first
    // visit and a return without a link do not: their first render needs none of it).
    await useSim.getState().loadEngine();
    link.restore(link.search, views, useSim);
  }
  // Without a link: where the visitor was last time, or the lesson on a first visit.
  const first = link ? undefined : startView(views);
  if (first) useSim.getState().openStartView(first.view, first.firstVisit);
  const i18n = await loadI18n(language);

  performance.mark(FIRST_RENDER_MARK);
  // The app's first render replaces a drawn first screen (src/firstScreen) with the same elements.
  root.removeAttribute(FIRST_SCREEN_ATTRIBUTE);
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
  registerServiceWorker();
}

/**
 * Offline after the first visit: the service worker precaches the build (vite-plugin-pwa, generateSW).
 * Production only: in development it would serve stale modules. Registered once the first view is shown
 * and the page has loaded, off the critical path.
 */
function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = (): void => {
    void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
  };
  // After the first view is shown and the page has loaded: its precaching must not compete with them.
  const afterPaint = (): void => void requestAnimationFrame(() => setTimeout(register));
  void firstViewShown.then(() => {
    if (document.readyState === 'complete') afterPaint();
    else window.addEventListener('load', afterPaint, { once: true });
  });
}
