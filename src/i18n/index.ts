import i18next, { type i18n as I18n } from 'i18next';

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

type Catalog = { [key: string]: string | Catalog };

/**
 * The catalogs: one file per feature and language (`locales/en/diagram.json`, `locales/es/diagram.json`),
 * merged into one tree per language. English defines every key; Spanish must have the same keys
 * (tests/i18n checks it). Each feature keeps its keys under its own top-level name.
 */
const files = import.meta.glob<Catalog>('./locales/*/*.json', { eager: true, import: 'default' });

function merge(into: Catalog, from: Catalog): Catalog {
  for (const [k, v] of Object.entries(from)) {
    const existing = into[k];
    into[k] = typeof v === 'object' && typeof existing === 'object' ? merge({ ...existing }, v) : v;
  }
  return into;
}

function catalogOf(language: Language): Catalog {
  return Object.entries(files)
    .filter(([path]) => path.startsWith(`./locales/${language}/`))
    .sort(([a], [b]) => a.localeCompare(b))
    .reduce<Catalog>((all, [, catalog]) => merge(all, catalog), {});
}

export const catalogs: Readonly<Record<Language, Catalog>> = { en: catalogOf('en'), es: catalogOf('es') };

/** `navigator.language` starting with `es` (es, es-ES, es-419, …) gives Spanish; anything else English. */
export function pickLanguage(browserLanguage: string | undefined): Language {
  return browserLanguage?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export function isLanguage(value: string | undefined): value is Language {
  return (LANGUAGES as readonly (string | undefined)[]).includes(value);
}

/** Upper-cases the first letter: device names (`the client`, `el cliente`) can open a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * A fresh i18next instance (one per app, one per test), ready synchronously: the catalogs are bundled,
 * so nothing loads over the network.
 */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: catalogs.en }, es: { translation: catalogs.es } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    // React escapes what it renders; escaping here too would show `&#x2F;` in addresses.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  // `{{sender, capitalize}}` in the catalogs.
  instance.services.formatter?.add('capitalize', (value: unknown) => capitalize(String(value)));
  return instance;
}
