import { useTranslation } from 'react-i18next';
import { isPacketEvent } from '../../engine';
import type { Finding } from '../../import/findings';
import { selectEvents } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { localizeParams } from '../narration/localizeParams';
import { useCapture } from './captureStore';

/**
 * What the capture suggests beyond what it shows (NAT in the path, a firewall that dropped a SYN…), each
 * marked as inferred in words, with a way to the packet it is about.
 */
export function CaptureFindings({ findings }: { readonly findings: readonly Finding[] }) {
  const { t } = useTranslation();
  const events = useSim(selectEvents);
  const seek = useSim((s) => s.seek);
  const setComparing = useCapture((s) => s.setComparing);
  const stepOfFrame = (frame: number): number =>
    events.findIndex((e) => isPacketEvent(e) && e.packet.captured?.frame === frame);
  return (
    <section className="capture-findings" aria-labelledby="capture-findings-heading">
      <h3 id="capture-findings-heading">{t('capture.findings')}</h3>
      {findings.length === 0 ? (
        <p>{t('capture.noFindings')}</p>
      ) : (
        <ul>
          {findings.map((f, i) => {
            const step = f.frame === undefined ? -1 : stepOfFrame(f.frame);
            return (
              <li key={`${f.kind}-${i}`}>
                <span className="capture-inferred-badge">{t('capture.inferred')}</span>{' '}
                {t(f.key, localizeParams(f.params, t))}
                {step >= 0 && f.frame !== undefined && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setComparing(false);
                        seek(step);
                      }}
                    >
                      {t('capture.showPacket', { frame: f.frame })}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
