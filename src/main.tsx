import { loadCatalog, START_FEATURES } from './i18n/catalogFiles';
import { FIRST_SCREEN_ATTRIBUTE } from './firstScreen/pageIds';
import { hasLink, startLanguage } from './ui/permalink/linkLanguage';

/*
 * The entry is tiny on purpose: it decides the language and then asks for the first screen's strings,
 * the app and (for a link) the link reader and the engine all at once, so they download side by side
 * rather than one after another.
 */
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const search = window.location.search;
const language = startLanguage(search, navigator.language);
// Only started here; the app awaits the same files (and reports a failure) when it sets up i18n.
loadCatalog(language, START_FEATURES).catch(() => undefined);
const link = hasLink(search) ? import('./ui/permalink/restore') : undefined;
// A link waits for the engine before its first render (startApp.tsx): ask for it alongside.
if (link) import('./engine').catch(() => undefined);
// A first visit's first screen, drawn in the page (src/firstScreen), is painted before the app's code is
// asked for: on a slow phone the two would share the line, and the learner reads it meanwhile.
if (root.hasAttribute(FIRST_SCREEN_ATTRIBUTE))
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
const { startApp } = await import('./startApp');
await startApp(root, language, link && { search, restore: (await link).restorePermalink });
