import i18next, { type i18n as I18n } from 'i18next';
import { addFormatters, baseOptions, mergeCatalogs, type Catalog } from './catalog';
import { LANGUAGES, type Language } from './language';

export * from './language';

/**
 * Every catalog of every language, bundled: for tests and tools that need i18n synchronously. The app
 * itself loads only the language it shows (./load.ts) and must not import this module.
 *
 * One file per feature and language (`locales/en/diagram.json`, `locales/es/diagram.json`), merged into
 * one tree per language. English defines every key; Spanish must have the same keys (tests/i18n checks it).
 */
const files = import.meta.glob<Catalog>('./locales/*/*.json', { eager: true, import: 'default' });

function catalogOf(language: Language): Catalog {
  return mergeCatalogs(Object.entries(files).filter(([path]) => path.startsWith(`./locales/${language}/`)));
}

export const catalogs: Readonly<Record<Language, Catalog>> = Object.fromEntries(
  LANGUAGES.map((l) => [l, catalogOf(l)]),
) as Record<Language, Catalog>;

/** A fresh i18next instance with every language loaded, ready synchronously. */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    ...baseOptions(language),
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: catalogs[l] }])),
    initAsync: false,
  });
  addFormatters(instance);
  return instance;
}
