/// <reference types="vite-plugin-pwa/vanillajs" />
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { pickLanguage } from './i18n/language';
import { loadI18n } from './i18n/load';
import { useSim } from './store/simStore';
import { App } from './ui/App';
import { restorePermalink } from './ui/permalink/restore';
import { systemPrefersReducedMotion } from './ui/reducedMotion';
import './ui/styles.css';
import { VIEWS } from './ui/views';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Before the first render, so that nothing animates or shows the default scenario on the way.
useSim.getState().setSystemReducesMotion(systemPrefersReducedMotion());
const restored = restorePermalink(
  window.location.search,
  VIEWS.map((v) => v.id),
  useSim,
);
// Only the language shown is fetched; another one loads when the reader switches to it.
const i18n = await loadI18n(restored.lang ?? pickLanguage(navigator.language));

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);

// Offline after the first visit: the service worker precaches the build (vite-plugin-pwa, generateSW).
// Production only: in development it would serve stale modules. Loaded after the app, off its critical path.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = (): void => {
    void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
  };
  // The language is awaited above, so the page may have finished loading already.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
