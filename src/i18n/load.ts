import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import { addFormatters, baseOptions, mergeCatalogs, type Catalog } from './catalog';
import type { Language } from './language';

/** Each catalog file is its own chunk: a language is fetched (from this origin) only when it is shown. */
const loaders = import.meta.glob<Catalog>('./locales/*/*.json', { import: 'default' });

export async function loadCatalog(language: string): Promise<Catalog> {
  const mine = Object.entries(loaders).filter(([path]) => path.startsWith(`./locales/${language}/`));
  const loaded = await Promise.all(mine.map(async ([path, load]) => [path, await load()] as const));
  return mergeCatalogs(loaded);
}

/** An i18next backend over the bundled chunks: `changeLanguage('es')` fetches Spanish the first time. */
const bundledChunks: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, _namespace, callback) => {
    loadCatalog(language).then(
      (catalog) => callback(null, catalog),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** The app's i18next instance, resolved once the first language's catalogs are in. */
export async function loadI18n(language: Language): Promise<I18n> {
  const instance = i18next.createInstance().use(bundledChunks);
  await instance.init(baseOptions(language));
  addFormatters(instance);
  return instance;
}
