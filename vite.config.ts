import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { firstScreen } from './scripts/support/firstScreenPlugin.ts';
import { APP_PRELOADS_ID } from './src/firstScreen/pageIds.ts';
import {
  CONTENT_SECURITY_POLICY,
  devSecurityHeaders,
  SECURITY_HEADERS,
} from './scripts/support/securityHeaders.ts';

/**
 * The built index.html carries the policy as a `<meta>` too, for hosts that cannot set headers; the
 * servers send it as headers (`server.headers`, `preview.headers` below), where `frame-ancestors` works.
 * Not in dev: Vite's dev page has an inline script, allowed by the dev headers by its hash.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'ftp-flow-lab:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

/**
 * The entry (src/main.tsx) is tiny and imports the app dynamically, so that the first screen's strings
 * (which depend on the reader's language) download alongside the app. This puts the app's stylesheet in
 * index.html, and its chunks as module preloads, so the browser fetches them with the entry, not one
 * round trip after. The preloads wait in a `<template>` (which the browser does not fetch from) for the
 * page's first script (src/firstScreen/showFirstScreen.ts): it adds them at once, unless it drew a first
 * visit's first screen, whose paint they must not hold back (the entry asks for the app once it is painted).
 */
function preloadApp(appModule: string): Plugin {
  let base = '/';
  return {
    name: 'ftp-flow-lab:preload-app',
    apply: 'build',
    configResolved: (config) => {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html, { bundle }) => {
        const chunks = Object.values(bundle ?? {}).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith(appModule));
        if (!app) throw new Error(`no chunk for ${appModule}`);
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (fileName: string): void => {
          const chunk = chunks.find((c) => c.fileName === fileName);
          if (!chunk || files.has(fileName)) return;
          files.add(fileName);
          for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        const fresh = (file: string): boolean => !html.includes(`${base}${file}"`);
        return [
          ...[...css].filter(fresh).map((file) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `${base}${file}` },
            injectTo: 'head' as const,
          })),
          {
            tag: 'template',
            attrs: { id: APP_PRELOADS_ID },
            children: [...files].filter(fresh).map((file) => ({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
            })),
            injectTo: 'head' as const,
          },
        ];
      },
    },
  };
}

/** Theme colours of the installed app: the header's blue, on the page's light grey. */
const THEME_COLOR = '#1d4ed8';
const BACKGROUND_COLOR = '#f6f7f9';

/**
 * Offline after the first visit: a service worker precaches every file of the build (not the source maps)
 * and serves index.html for any navigation, so permalinks open offline too. No runtime caching: the app
 * never fetches from another host. Registration is in src/main.tsx (production only), never an inline
 * script, which the CSP would block.
 */
function offline() {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: null,
    includeAssets: ['icons/apple-touch-icon.png'],
    manifest: {
      name: 'FTP Flow Lab',
      short_name: 'FTP Flow Lab',
      description:
        'Interactive simulator of how FTP really connects: control and data connections, active and passive mode, firewalls and NAT.',
      lang: 'en',
      start_url: '.',
      scope: '.',
      display: 'standalone',
      theme_color: THEME_COLOR,
      background_color: BACKGROUND_COLOR,
      icons: [
        { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,json,woff2,wasm}'],
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      // Large chunks (the engine) must be precached too.
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
    },
  });
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), preloadApp('src/startApp.tsx'), firstScreen(), offline()],
  // React Refresh's preamble is the dev page's only inline script (base '/'): allowed by its hash.
  server: { host: '127.0.0.1', headers: devSecurityHeaders([react.preambleCode.replace('__BASE__', '/')]) },
  preview: { host: '127.0.0.1', headers: { ...SECURITY_HEADERS } },
  build: { target: 'es2022', sourcemap: true },
});
