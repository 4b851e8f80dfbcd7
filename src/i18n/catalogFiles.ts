import { mergeCatalogs, type Catalog } from './catalog';

/**
 * The catalogs as files, one per feature and language (`locales/es/diagram.json`), each its own chunk:
 * a language is fetched only when it is shown, and a feature's strings only with the feature. Light (no
 * i18next): the entry starts fetching the first screen's strings before the rest of the app arrives.
 */
const files = import.meta.glob<Catalog>('./locales/*/*.json', { import: 'default' });

export const FEATURES = [
  'core',
  'shell',
  // What each step of a replay says: with the views that replay one, not before the first render.
  'narration',
  'diagram',
  'ladder',
  'export',
  'inspector',
  'compare',
  'quiz',
  'progress',
  'capture',
  'lesson',
] as const;
export type Feature = (typeof FEATURES)[number];

/** What the first screen shows: everything else arrives with the code that shows it. */
export const START_FEATURES: readonly Feature[] = ['core', 'shell'];

const pending = new Map<string, Promise<readonly [string, Catalog]>>();

function loadFile(path: string): Promise<readonly [string, Catalog]> {
  let file = pending.get(path);
  if (!file) {
    const load = files[path];
    if (!load) return Promise.reject(new Error(`no catalog ${path}`));
    file = load().then((catalog) => [path, catalog] as const);
    // A failed fetch (offline before the first visit completed) may be retried later.
    file.catch(() => pending.delete(path));
    pending.set(path, file);
  }
  return file;
}

/** The features' catalogs of one language, merged into one tree. Each file is fetched once. */
export async function loadCatalog(language: string, features: Iterable<Feature>): Promise<Catalog> {
  const paths = [...features].map((feature) => `./locales/${language}/${feature}.json`);
  return mergeCatalogs(await Promise.all(paths.map(loadFile)));
}
