import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScenarioControls } from './ScenarioControls';

/**
 * On screens too narrow to keep the settings beside the replay: a button that opens them in a sheet
 * (a modal <dialog>: the focus stays inside, Escape or "Close" shuts it and the focus returns to the
 * button). The replay above stays in sight on a phone and follows each change.
 */
export function SettingsSheet() {
  const { t } = useTranslation();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  const show = (): void => {
    const d = dialog.current;
    if (!d) return;
    setOpen(true);
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', ''); // jsdom
  };
  const close = (): void => {
    const d = dialog.current;
    if (d && typeof d.close === 'function') d.close();
    else {
      d?.removeAttribute('open');
      setOpen(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="settings-button outline-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={id}
        title={t('controls.open')}
        onClick={show}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        <span>{t('controls.open')}</span>
      </button>
      <dialog
        id={id}
        ref={dialog}
        className="settings-sheet"
        aria-labelledby="controls-heading"
        onClose={() => setOpen(false)}
        // A click on the backdrop (the dialog itself, outside its content) closes it.
        onClick={(e) => {
          if (e.target === e.currentTarget) close();
        }}
      >
        <div className="settings-sheet-body">
          <button type="button" className="settings-close outline-button" onClick={close}>
            <span aria-hidden="true">✕ </span>
            {t('controls.close')}
          </button>
          {open && <ScenarioControls />}
        </div>
      </dialog>
    </>
  );
}
