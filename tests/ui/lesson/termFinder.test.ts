import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import enLesson from '../../../src/i18n/locales/en/lesson.json';
import esLesson from '../../../src/i18n/locales/es/lesson.json';
import { lowerCase, termFinder } from '../../../src/ui/lesson/termFinder';

/** The regular expression the finder replaced (it was right, only slow): the reference. */
function byRegExp(forms: readonly string[], text: string): { index: number; word: string } | undefined {
  const escaped = forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const exact = escaped.every((f) => f === f.toUpperCase());
  const pattern = new RegExp(`(?<![\\p{L}\\d_-])(${escaped.join('|')})(?![\\p{L}\\d_-])`, exact ? 'u' : 'iu');
  const found = pattern.exec(text);
  return found?.[1] === undefined ? undefined : { index: found.index, word: found[1] };
}

const forms = [enLesson, esLesson].flatMap((catalog) =>
  Object.values(catalog.lesson.terms).map((term) => term.match.split('|')),
);
const allForms = forms.flat();

describe('termFinder', () => {
  it('finds what the regular expression found, for every term of both languages in random sentences', () => {
    const piece = fc.oneof(
      fc.constantFrom(...allForms),
      fc.constantFrom(...allForms).map((f) => f.toUpperCase()),
      fc.constantFrom(...allForms).map((f) => f.toLowerCase()),
      fc.constantFrom(' ', ', ', '-', '_', 'x', 'é', '1', '(', ': ', 'ñandú', 'İ', 'Straße'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...forms), fc.array(piece, { maxLength: 12 }), (termForms, pieces) => {
        const text = pieces.join('');
        expect(termFinder('t', termForms).find(text, lowerCase(text))).toEqual(byRegExp(termForms, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes whole words only, in any case unless every form is upper case', () => {
    const firewall = termFinder('firewall', ['firewall', 'firewalls']);
    const find = (f: typeof firewall, text: string) => f.find(text, lowerCase(text));
    expect(find(firewall, 'Two Firewalls, one firewall')).toEqual({ index: 4, word: 'Firewalls' });
    expect(find(firewall, 'no-firewall firewall-x firewalling')).toBeUndefined();
    const syn = termFinder('syn', ['SYN']);
    expect(find(syn, 'a syn, then a SYN')).toEqual({ index: 14, word: 'SYN' });
  });
});
