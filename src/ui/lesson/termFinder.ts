/**
 * Where a glossary term first appears in a sentence: one of its forms, as a whole word (no letter, digit,
 * `_` or `-` on either side), matched in any case unless every form is upper case (NEW, SYN: only as
 * written).
 *
 * A search by indexOf rather than one regular expression per term: `(?<![\p{L}\d_-])(…)(?![\p{L}\d_-])`
 * with the `iu` flags took about 1 ms per term and sentence in V8 (every time, not only the first), 15 ms for
 * the glossary's 14 terms on one sentence: a long task on a slow phone each time a step's text was marked.
 */
export interface TermFinder {
  readonly id: string;
  /** The first whole-word match in `text` (`lower` is `text` in lower case, index for index). */
  readonly find: (
    text: string,
    lower: string,
  ) => { readonly index: number; readonly word: string } | undefined;
}

const WORD_CHARACTER = /[\p{L}\d_-]/u;

function isWordCharacter(c: string | undefined): boolean {
  return c !== undefined && WORD_CHARACTER.test(c);
}

/** `text` in lower case, character for character (so that an index into one is an index into the other). */
export function lowerCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // A character whose lower case is longer (İ) is kept as it is, so the indexes still agree.
  return Array.from(text, (c) => {
    const l = c.toLowerCase();
    return l.length === c.length ? l : c;
  }).join('');
}

export function termFinder(id: string, forms: readonly string[]): TermFinder {
  const exact = forms.every((f) => f === f.toUpperCase());
  const wanted = forms.filter((f) => f !== '').map((f) => (exact ? f : lowerCase(f)));
  return {
    id,
    find: (text, lower) => {
      const haystack = exact ? text : lower;
      let best: { index: number; length: number } | undefined;
      for (const form of wanted) {
        for (let at = haystack.indexOf(form); at >= 0; at = haystack.indexOf(form, at + 1)) {
          if (best !== undefined && at >= best.index) break;
          if (!isWordCharacter(haystack[at - 1]) && !isWordCharacter(haystack[at + form.length])) {
            best = { index: at, length: form.length };
            break;
          }
        }
      }
      return best && { index: best.index, word: text.slice(best.index, best.index + best.length) };
    },
  };
}
