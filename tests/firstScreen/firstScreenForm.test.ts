import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_SCREENS, firstScreenFor, firstScreenTemplateId } from '../../src/firstScreen/firstScreenForm';
import { VIEW_IDS } from '../../src/store/viewIds';
import { VIEW_STORAGE_KEY } from '../../src/ui/startView';
import { VIEWS } from '../../src/ui/views';

describe('which first screen the page draws', () => {
  beforeEach(() => window.localStorage.clear());
  afterEach(() => window.localStorage.clear());

  it("is a first visit's, in the browser's language, with a phone's header on a phone", () => {
    expect(firstScreenFor('', 'es-419', true)).toEqual({ language: 'es', form: 'phone' });
    expect(firstScreenFor('', 'en-GB', false)).toEqual({ language: 'en', form: 'wide' });
    expect(firstScreenFor('?', 'de-DE', false)).toEqual({ language: 'en', form: 'wide' });
  });

  it("is none for a link (the app opens on the link's view) or a returning visitor", () => {
    expect(firstScreenFor('?lang=es', 'es-ES', false)).toBeUndefined();
    expect(firstScreenFor('?view=lesson', 'en-US', false)).toBeUndefined();
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'quiz');
    expect(firstScreenFor('', 'en-US', false)).toBeUndefined();
  });

  it("is a first visit's when what is stored names no view (the app opens the lesson then too)", () => {
    window.localStorage.setItem(VIEW_STORAGE_KEY, 'gone');
    expect(firstScreenFor('', 'en-US', false)).toEqual({ language: 'en', form: 'wide' });
  });

  it('knows every view the app has, and every screen has its own template', () => {
    expect(VIEW_IDS).toEqual(VIEWS.map((v) => v.id));
    const ids = FIRST_SCREENS.map(firstScreenTemplateId);
    expect(new Set(ids).size).toBe(4);
  });
});
