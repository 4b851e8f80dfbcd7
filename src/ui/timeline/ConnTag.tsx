import { useTranslation } from 'react-i18next';
import type { ConnLabel } from '../../store/selectors';

/** "control" / "data #1": text first, colour only as a second cue. */
export function ConnTag({ label }: { readonly label: ConnLabel }) {
  const { t } = useTranslation();
  const text =
    label.kind === 'data'
      ? t('connShort.data', { k: label.k })
      : label.kind === 'control'
        ? t('connShort.control')
        : t('connShort.none');
  return <span className={`conn conn-${label.kind}`}>{text}</span>;
}
