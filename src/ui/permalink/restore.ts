import { defaultScenario } from '../../engine';
import type { SimState } from '../../store/simStore';
import { decodePermalink } from './decodePermalink';

interface Store {
  getState: () => SimState;
}

/**
 * Opens the state a permalink describes, before the first render (its language is `startLanguage`'s).
 * A link that cannot be read (unknown values, a step beyond the scenario's last, garbage) opens the
 * default scenario with a notice; it never throws.
 */
export function restorePermalink(search: string, views: readonly string[], store: Store): void {
  if (search.replace(/^[?#]/, '') === '') return;
  const result = decodePermalink(search, views);
  const s = store.getState();
  if (result.ok) {
    const { scenario, cursor, view, present } = result.link;
    s.setScenario(scenario);
    // Only the engine knows how many steps a scenario has.
    if (cursor < store.getState().events.length) {
      s.seek(cursor);
      s.setView(view);
      s.setPresenting(present);
      s.setLinkNotice(false);
      return;
    }
    warn([`step: ${cursor + 1} is beyond the last step (${store.getState().events.length})`]);
  } else warn(result.problems);
  s.setScenario(defaultScenario());
  s.setView(views[0] ?? s.view);
  s.setPresenting(false);
  s.setLinkNotice(true);
}

function warn(problems: readonly string[]): void {
  // For whoever debugs a link; the reader sees a short translated notice instead.
  console.warn(`This link could not be read, so the default scenario opens: ${problems.join('; ')}`);
}

/**
 * Shows what a history entry's address says (Back, Forward): its scenario (simulated again only when it
 * differs), step, view and presentation mode. The language stays the reader's current one. An address
 * that cannot be read changes nothing: the entry was written by the app, so that means someone edited it.
 */
export function followPermalink(search: string, views: readonly string[], store: Store): void {
  const result = decodePermalink(search, views);
  if (!result.ok) return;
  const { scenario, cursor, view, present } = result.link;
  const s = store.getState();
  if (JSON.stringify(s.scenario) !== JSON.stringify(scenario)) s.setScenario(scenario);
  if (cursor < store.getState().events.length) s.seek(cursor);
  s.setView(view);
  s.setPresenting(present);
}
