import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Tools that a phone folds away: on a wide screen they sit in the header (the toggle is not shown); on
 * a narrow one the "More options" button shows and hides them (a disclosure: Escape or a click
 * elsewhere closes it). Which of the two is CSS's choice (header.css), so the tools exist once.
 */
export function MoreTools({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent): void => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="more-tools" ref={root} data-open={open || undefined}>
      <button
        ref={toggle}
        type="button"
        className="more-tools-toggle outline-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('shell.tools.more')}
        title={t('shell.tools.more')}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <circle cx="5" cy="12" r="2" fill="currentColor" />
          <circle cx="12" cy="12" r="2" fill="currentColor" />
          <circle cx="19" cy="12" r="2" fill="currentColor" />
        </svg>
      </button>
      <div className="more-tools-list" id={id}>
        {children}
      </div>
    </div>
  );
}
