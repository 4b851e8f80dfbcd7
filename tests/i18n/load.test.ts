import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEATURES, loadCatalog, START_FEATURES } from '../../src/i18n/catalogFiles';
import { LANGUAGES } from '../../src/i18n/language';
import { loadFeatureStrings, loadI18n, withStrings } from '../../src/i18n/load';

const LOCALES = join(import.meta.dirname, '../../src/i18n/locales');

afterEach(() => vi.restoreAllMocks());

describe('catalog files', () => {
  it.each(LANGUAGES)('are exactly one file per feature in %s', (language) => {
    const files = readdirSync(join(LOCALES, language)).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...FEATURES].sort());
  });

  it('merge the features asked for, and only those', async () => {
    const catalog = await loadCatalog('en', START_FEATURES);
    expect(Object.keys(catalog)).toContain('shell');
    expect(Object.keys(catalog)).not.toContain('quiz');
  });
});

describe('the app’s strings', () => {
  it('start with the first screen’s features; a view’s strings arrive with it, in every loaded language', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const i18n = await loadI18n('en');
    expect(i18n.t('shell.views.quiz')).toBe('Quiz');
    // Not loaded yet: a missing string is reported, never silently shown as its key.
    i18n.t('quiz.heading');
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('quiz.heading'));

    await i18n.changeLanguage('es');
    await i18n.changeLanguage('en');
    const QuizView = () => 'the quiz';
    const load = withStrings(['quiz'], () => Promise.resolve(QuizView));
    expect(await load()).toBe(QuizView);
    expect(i18n.t('quiz.heading')).toBe('Quiz');
    // Spanish was loaded before the quiz opened: it has the quiz's strings too.
    await i18n.changeLanguage('es');
    expect(i18n.t('quiz.heading')).toBe('Cuestionario');
  });

  it('fetch a feature opened before a language is first shown along with that language', async () => {
    const i18n = await loadI18n('en');
    await loadFeatureStrings(['inspector', 'ladder']);
    await i18n.changeLanguage('es');
    const es = (await loadCatalog('es', ['inspector', 'ladder'])) as Record<string, { heading: string }>;
    expect(i18n.t('inspector.heading')).toBe(es.inspector?.heading);
    expect(i18n.t('ladder.heading')).toBe(es.ladder?.heading);
  });
});
