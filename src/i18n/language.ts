/** The app's languages and how one is chosen. Light: imported by the app at start. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

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
