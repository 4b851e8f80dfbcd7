import { Fragment, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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

interface Matcher {
  readonly id: string;
  readonly pattern: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One pattern per term, from its `match` forms in the current language (whole words only). */
function useMatchers(): readonly Matcher[] {
  const { t, i18n } = useTranslation();
  return useMemo(
    () =>
      TERM_IDS.map((id) => {
        const forms = t(`lesson.terms.${id}.match`).split('|').map(escapeRegExp);
        // Upper-case protocol words (NEW, SYN) match only as written; the others in any case.
        const exact = forms.every((f) => f === f.toUpperCase());
        return {
          id,
          pattern: new RegExp(`(?<![\\p{L}\\d_-])(${forms.join('|')})(?![\\p{L}\\d_-])`, exact ? 'u' : 'iu'),
        };
      }),
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
  const matchers = useMatchers();
  const parts: ReactNode[] = [];
  let rest = text;
  const used = new Set<string>();
  for (;;) {
    let best: { id: string; index: number; word: string } | undefined;
    for (const m of matchers) {
      if (used.has(m.id)) continue;
      const found = m.pattern.exec(rest);
      if (found?.[1] !== undefined && (best === undefined || found.index < best.index))
        best = { id: m.id, index: found.index, word: found[1] };
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
