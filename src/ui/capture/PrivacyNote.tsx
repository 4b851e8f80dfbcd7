import { useTranslation } from 'react-i18next';

/** The capture never leaves the browser: said wherever a capture is opened or shown. */
export function PrivacyNote() {
  const { t } = useTranslation();
  return (
    <p className="capture-privacy">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <rect x="5" y="10" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      {t('capture.privacy')}
    </p>
  );
}
