import { useTranslation } from 'react-i18next';
import type { ConnLabel } from '../../store/selectors';
import { connShortText } from '../narration/localizeParams';

/** "control" / "data #1": text first, colour only as a second cue. */
export function ConnTag({ label }: { readonly label: ConnLabel }) {
  const { t } = useTranslation();
  const text = connShortText(label, t);
  return <span className={`conn conn-${label.kind}`}>{text}</span>;
}
