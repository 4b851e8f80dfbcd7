import type { Language } from '../../i18n/language';
import { parseQuizParam, quizQuery, type QuizConfig } from '../../quiz';
import type { LinkRequest } from '../../store/quizStore';

/**
 * A teacher's quiz link: `?view=quiz&quiz=seed:42,count:10,topics:decode+verdict`. The permalink leaves
 * the `quiz` parameter to us (ui/permalink: PASSTHROUGH_PARAMS). The same parameter in the fragment
 * (`?view=quiz#quiz=…`) is read too.
 */
export function readQuizLink(location: Pick<Location, 'search' | 'hash'>): LinkRequest {
  const given = [
    ...new URLSearchParams(location.search).getAll('quiz'),
    ...new URLSearchParams(location.hash.replace(/^#/, '')).getAll('quiz'),
  ];
  if (given.length === 0) return { kind: 'none' };
  // Two quiz parameters name no one quiz: refused like any other malformed link.
  const [text] = given;
  if (given.length > 1 || text === undefined) return { kind: 'invalid' };
  const config = parseQuizParam(text);
  return config ? { kind: 'quiz', config } : { kind: 'invalid' };
}

/**
 * The full link for a class, from this page's address, in the teacher's language: the class opens the
 * quiz in the language it was made in, whatever each student's browser says.
 */
export function quizLinkUrl(
  config: QuizConfig,
  location: Pick<Location, 'origin' | 'pathname'>,
  language: Language,
): string {
  return `${location.origin}${location.pathname}${quizQuery(config)}&lang=${language}`;
}

/** Forgets a quiz link in the address (after leaving that quiz), without a reload or a history entry. */
export function clearQuizLink(): void {
  const { pathname, search, hash } = window.location;
  const query = new URLSearchParams(search);
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  if (!query.has('quiz') && !fragment.has('quiz')) return;
  query.delete('quiz');
  fragment.delete('quiz');
  const q = query.toString();
  const f = fragment.toString();
  window.history.replaceState(window.history.state, '', `${pathname}${q ? `?${q}` : ''}${f ? `#${f}` : ''}`);
}
