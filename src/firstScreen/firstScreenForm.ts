import { startLanguage, hasLink } from '../ui/permalink/linkLanguage';
import { startView } from '../ui/startView';
import { VIEW_IDS } from '../store/viewIds';
import { LANGUAGES, type Language } from '../i18n/language';

/**
 * A first visit's first screen is in the page itself (index.html), drawn by the build for each language
 * and each header layout (a phone's folds the presentation switch), so that a new learner reads the
 * lesson's opening lines before any of the app's code has arrived. Light on purpose: the page's first
 * script picks one with this, before the first paint.
 */
export type FirstScreenForm = 'phone' | 'wide';
const FIRST_SCREEN_FORMS: readonly FirstScreenForm[] = ['phone', 'wide'];

export interface FirstScreen {
  readonly language: Language;
  readonly form: FirstScreenForm;
}

export const FIRST_SCREENS: readonly FirstScreen[] = LANGUAGES.flatMap((language) =>
  FIRST_SCREEN_FORMS.map((form) => ({ language, form })),
);

/** The `<template>` that holds one drawn first screen. */
export function firstScreenTemplateId({ language, form }: FirstScreen): string {
  return `first-screen-${language}-${form}`;
}

/**
 * The drawn first screen that the app's first render will show, if one was drawn for it: only a first
 * visit without a link opens on the lesson's opening (startApp.tsx decides the same way). `phone`: the
 * header's query for a phone's layout matches (PHONE_EITHER_WAY, ui/mediaQueries.ts).
 */
export function firstScreenFor(
  search: string,
  browserLanguage: string | undefined,
  phone: boolean,
): FirstScreen | undefined {
  if (hasLink(search) || !startView(VIEW_IDS)?.firstVisit) return undefined;
  return { language: startLanguage(search, browserLanguage), form: phone ? 'phone' : 'wide' };
}
