import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPTURE_ACCEPT, openCaptureFile } from './captureEntry';

interface OpenCaptureButtonProps {
  /** The button's words (default: "Open a capture…"). */
  readonly label?: string;
  readonly className?: string;
  /** The id of text that says more (the accepted formats). */
  readonly describedBy?: string;
}

/**
 * A button that opens the system's file picker for a capture file: the keyboard's way in (a file can also
 * be dropped anywhere on the page). The input itself stays out of sight and out of the Tab order.
 */
export function OpenCaptureButton({
  label,
  className = 'outline-button',
  describedBy,
}: OpenCaptureButtonProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={`open-capture ${className}`}
        aria-describedby={describedBy}
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            d="M4 5h6l2 2h8v12H4z M12 10v6 M9 13l3 3 3-3"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        </svg>
        {label ?? t('shell.capture.open')}
      </button>
      <input
        ref={input}
        type="file"
        accept={CAPTURE_ACCEPT}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Cleared, so that choosing the same file again (after fixing it) opens it again.
          e.currentTarget.value = '';
          if (file) openCaptureFile(file);
        }}
      />
    </>
  );
}
