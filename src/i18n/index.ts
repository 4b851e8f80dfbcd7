import i18next, { type i18n as I18n } from 'i18next';
import en from './en.json';
import es from './es.json';

/** The catalogs. en.json defines every key; es.json must have the same keys (tests/i18n checks it). */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const catalogs: Readonly<Record<Language, typeof en>> = { en, es };

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
    resources: { en: { translation: en }, es: { translation: es } },
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
