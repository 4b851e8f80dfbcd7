import { useTranslation } from 'react-i18next';

/** What a view shows while its code, strings and the engine arrive: a landmark like the view it stands for. */
export function ViewLoading() {
  const { t } = useTranslation();
  return (
    <main className="view-loading" aria-busy="true">
      <p role="status">{t('shell.views.loading')}</p>
    </main>
  );
}
