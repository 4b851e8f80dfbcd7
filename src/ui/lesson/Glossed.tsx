import { Fragment, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { lowerCase, termFinder, type TermFinder } from './termFinder';

/** The glossary's terms, in the order the glossary lists them (`lesson.terms.<id>` in the catalogs). */
export const TERM_IDS = [
  'conntrack',
  'new',
  'established',
  'related',
  'syn',
  'listen',
  'syn-sent',
  'nat',
  'masquerade',
  'ftp-helper',
  'ephemeral-port',
  'private-address',
  'reply-code',
  'firewall',
] as const;

/** One finder per term, from its `match` forms in the current language. */
function useFinders(): readonly TermFinder[] {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => TERM_IDS.map((id) => termFinder(id, t(`lesson.terms.${id}.match`).split('|'))),
    // The language decides the forms.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
}

/**
 * A sentence with its technical terms marked: the first time each term appears it becomes a `Term` (focus,
 * hover or tap shows its definition). The words themselves are never changed.
 */
export function Glossed({ text }: { readonly text: string }) {
  const finders = useFinders();
  const parts: ReactNode[] = [];
  let rest = text;
  const used = new Set<string>();
  for (;;) {
    let best: { id: string; index: number; word: string } | undefined;
    const lower = lowerCase(rest);
    for (const finder of finders) {
      if (used.has(finder.id)) continue;
      const found = finder.find(rest, lower);
      if (found && (best === undefined || found.index < best.index)) best = { id: finder.id, ...found };
    }
    if (!best) break;
    used.add(best.id);
    parts.push(rest.slice(0, best.index));
    parts.push(
      <Term key={parts.length} id={best.id}>
        {best.word}
      </Term>,
    );
    rest = rest.slice(best.index + best.word.length);
  }
  parts.push(rest);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </>
  );
}

/**
 * A term with its short definition: a button (so the keyboard reaches it) described by a tooltip that
 * shows on focus, hover or tap, and hides on Escape or when the pointer and focus leave.
 */
export function Term({ id, children }: { readonly id: string; readonly children: ReactNode }) {
  const { t } = useTranslation();
  const tipId = useId();
  const [open, setOpen] = useState(false);
  return (
    <span className="term-wrap" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className="term"
        aria-describedby={tipId}
        aria-expanded={open}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        {children}
      </button>
      <span role="tooltip" id={tipId} className="term-tip" hidden={!open}>
        <strong>{t(`lesson.terms.${id}.term`)}</strong>: {t(`lesson.terms.${id}.definition`)}
      </span>
    </span>
  );
}

/** Every term with its definition, as a description list. */
export function Glossary() {
  const { t } = useTranslation();
  return (
    <details className="glossary">
      <summary>{t('lesson.glossary.open')}</summary>
      <dl>
        {TERM_IDS.map((id) => (
          <div key={id}>
            <dt>{t(`lesson.terms.${id}.term`)}</dt>
            <dd>{t(`lesson.terms.${id}.definition`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
