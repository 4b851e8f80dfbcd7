import { beforeAll } from 'vitest';

/**
 * The component tests share one DOM per worker (vitest.config.ts: `isolate: false`): each file starts from
 * what a fresh page would have, whatever the file before it left behind.
 */
beforeAll(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('dir');
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});
