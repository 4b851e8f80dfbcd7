import type { i18n as I18n, InitOptions } from 'i18next';
import { capitalize, LANGUAGES, type Language } from './language';

export type Catalog = { [key: string]: string | Catalog };

/** Deep-merges feature catalogs (`locales/<lang>/<feature>.json`) into one tree, in file-name order. */
export function mergeCatalogs(files: readonly (readonly [string, Catalog])[]): Catalog {
  const merge = (into: Catalog, from: Catalog): Catalog => {
    for (const [k, v] of Object.entries(from)) {
      const existing = into[k];
      into[k] = typeof v === 'object' && typeof existing === 'object' ? merge({ ...existing }, v) : v;
    }
    return into;
  };
  return [...files].sort(([a], [b]) => a.localeCompare(b)).reduce<Catalog>((all, [, c]) => merge(all, c), {});
}

/** The options every i18next instance of the app shares. */
export function baseOptions(language: Language): InitOptions {
  return {
    lng: language,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    // React escapes what it renders; escaping here too would show `&#x2F;` in addresses.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  };
}

/** `{{sender, capitalize}}` in the catalogs. */
export function addFormatters(instance: I18n): void {
  instance.services.formatter?.add('capitalize', (value: unknown) => capitalize(String(value)));
}
