import { PHONE_EITHER_WAY } from '../ui/mediaQueries';
import { firstScreenFor, firstScreenTemplateId } from './firstScreenForm';
import { APP_PRELOADS_ID, FIRST_SCREEN_ATTRIBUTE } from './pageIds';

/*
 * The page's first script: a classic one, run while the page is parsed, right after #root, so that a
 * drawn first screen is in place before the first paint. The app's first render replaces it with the same
 * elements (startApp.tsx); until then its buttons do nothing. Without one, it starts fetching the app's
 * code at once. Built on its own by scripts/support/firstScreenPlugin.ts.
 */
const root = document.getElementById('root');
const screen = firstScreenFor(
  window.location.search,
  navigator.language,
  window.matchMedia(PHONE_EITHER_WAY).matches,
);
const drawn = screen && document.getElementById(firstScreenTemplateId(screen));
if (root && screen && drawn instanceof HTMLTemplateElement) {
  root.replaceChildren(drawn.content.cloneNode(true));
  root.setAttribute(FIRST_SCREEN_ATTRIBUTE, firstScreenTemplateId(screen));
  document.documentElement.lang = screen.language;
} else {
  const preloads = document.getElementById(APP_PRELOADS_ID);
  if (preloads instanceof HTMLTemplateElement) document.head.append(preloads.content.cloneNode(true));
}
