import type { TFunction } from 'i18next';
import type { TlsWireSummary } from '../engine';

/**
 * A segment of TLS records as a box on the path sees it, for an arrow's label: the clear-text handshake by
 * name (`TLS ClientHello`), and the rest only as encrypted records (`TLS application data (encrypted)`).
 */
export function tlsLabel(summary: TlsWireSummary, t: TFunction): string {
  const count = summary.encrypted;
  if (summary.clear.length === 0)
    return count > 1 ? t('tls.label.encryptedMany', { count }) : t('tls.label.encrypted');
  const names = summary.clear.join(', ');
  if (count === 0) return t('tls.label.clear', { names });
  return count > 1
    ? t('tls.label.clearAndEncryptedMany', { names, count })
    : t('tls.label.clearAndEncrypted', { names });
}
