import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import { addFormatters, baseOptions } from './catalog';
import { loadCatalog, START_FEATURES, type Feature } from './catalogFiles';
import type { Language } from './language';

interface RunningApp {
  readonly instance: I18n;
  /** The features whose strings the instance holds or is fetching: a language switch fetches these. */
  readonly features: Set<Feature>;
  readonly loading: Map<Feature, Promise<void>>;
}

let app: RunningApp | undefined;

/** An i18next backend over the catalog chunks: `changeLanguage('es')` fetches what is in use, in Spanish. */
function catalogChunks(features: ReadonlySet<Feature>): BackendModule {
  return {
    type: 'backend',
    init: () => undefined,
    read: (language, _namespace, callback) => {
      loadCatalog(language, features).then(
        (catalog) => callback(null, catalog),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
      );
    },
  };
}

/** The app's i18next instance, resolved once the first screen's strings are in. */
export async function loadI18n(language: Language): Promise<I18n> {
  const features = new Set<Feature>(START_FEATURES);
  const instance = i18next.createInstance().use(catalogChunks(features));
  await instance.init({
    ...baseOptions(language),
    // A string missing from the screen is a bug: say so (the end-to-end tests fail on console errors).
    saveMissing: true,
    missingKeyHandler: (languages, _namespace, key) =>
      console.error(`No "${key}" string loaded for ${languages.join(', ')}`),
  });
  addFormatters(instance);
  app = { instance, features, loading: new Map() };
  return instance;
}

/**
 * Adds the strings of features that load on demand (a view, the diagram), in every language loaded so
 * far, before they render; later language switches fetch them too. Without a running app (component
 * tests load every catalog up front) there is nothing to do.
 */
export async function loadFeatureStrings(features: readonly Feature[]): Promise<void> {
  const running = app;
  if (running) await Promise.all(features.map((feature) => featureStrings(running, feature)));
}

function featureStrings(running: RunningApp, feature: Feature): Promise<void> {
  const known = running.loading.get(feature);
  if (known) return known;
  if (running.features.has(feature)) return Promise.resolve();
  const { instance } = running;
  running.features.add(feature);
  const loading = Promise.all(
    Object.keys(instance.store.data).map(async (language) => {
      instance.addResourceBundle(language, 'translation', await loadCatalog(language, [feature]), true, true);
    }),
  ).then(
    () => undefined,
    (error: unknown) => {
      // Not held: the next attempt (the view opened again, back online) fetches again.
      running.features.delete(feature);
      running.loading.delete(feature);
      throw error;
    },
  );
  running.loading.set(feature, loading);
  return loading;
}

/** A lazy component's loader that brings the strings of its features along. */
export function withStrings<T>(features: readonly Feature[], load: () => Promise<T>): () => Promise<T> {
  return async () => (await Promise.all([load(), loadFeatureStrings(features)]))[0];
}
