import { isLanguage, pickLanguage, type Language } from '../../i18n/language';

/**
 * The language the app opens in: the link's `lang` when it names one (even if the rest of the link is
 * broken, so the notice is in the reader's language), otherwise the browser's. Light on purpose: the
 * entry decides this before anything else loads, so the right strings download alongside the app.
 */
export function startLanguage(search: string, browserLanguage: string | undefined): Language {
  const lang = new URLSearchParams(search.replace(/^[?#]/, '')).get('lang') ?? undefined;
  return isLanguage(lang) ? lang : pickLanguage(browserLanguage);
}

/** Whether the address carries a link (any parameter); a bare `?` is none. */
export function hasLink(search: string): boolean {
  return search.replace(/^\?/, '') !== '';
}
