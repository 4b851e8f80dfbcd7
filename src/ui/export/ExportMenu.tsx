import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectPcapPoints } from '../../store/captureSlice';
import { selectEvents, selectScenario } from '../../store/selectors';
import { useSim } from '../../store/simStore';
import { scenarioSlug, type CapturePoint } from './fileNames';
import type { LadderSvgParts } from './svgExport';
import './export.css';

type Status =
  { readonly kind: 'saved'; readonly file: string } | { readonly kind: 'failed'; readonly message: string };

interface ExportMenuProps {
  /** The ladder's two SVG elements (header and diagram), or null before they are mounted. */
  readonly getLadder: () => LadderSvgParts | null;
}

/**
 * Saving the session: the capture as .pcap (at the client or at the server: behind NAT the addresses
 * differ), the ladder as SVG or PNG. Everything happens in the page; nothing is sent anywhere.
 */
export function ExportMenu({ getLadder }: ExportMenuProps) {
  const { t } = useTranslation();
  const events = useSim(selectEvents);
  const scenario = useSim(selectScenario);
  const points = useSim(selectPcapPoints);
  const [chosen, setCapturePoint] = useState<CapturePoint>('client');
  // A captured session has one capture point (or none): the choice is what it allows.
  const capturePoint = points.includes(chosen) ? chosen : points[0];
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const id = useId();

  const run = async (action: (m: typeof import('./actions')) => string | Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      const actions = await import('./actions');
      setStatus({ kind: 'saved', file: await action(actions) });
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const ladder = (): LadderSvgParts => {
    const parts = getLadder();
    if (!parts) throw new Error(t('export.noLadder'));
    return parts;
  };
  const title = (): string => t('export.svgTitle', { name: scenarioSlug(scenario) });

  const onKeyDown = (e: React.KeyboardEvent<HTMLDetailsElement>): void => {
    if (e.key === 'Escape' && detailsRef.current?.open) {
      detailsRef.current.open = false;
      detailsRef.current.querySelector('summary')?.focus();
    }
  };

  return (
    <details className="export-menu" ref={detailsRef} onKeyDown={onKeyDown} data-presentation="hidden">
      <summary className="outline-button">{t('export.menu')}</summary>
      <div className="export-panel">
        {points.length > 1 ? (
          <fieldset className="export-capture">
            <legend>{t('export.capture.legend')}</legend>
            {points.map((point) => (
              <label key={point}>
                <input
                  type="radio"
                  name={`${id}-capture`}
                  value={point}
                  checked={capturePoint === point}
                  onChange={() => setCapturePoint(point)}
                />
                {t(`export.capture.${point}`)}
              </label>
            ))}
            <p className="export-hint">{t('export.capture.hint')}</p>
          </fieldset>
        ) : (
          <p className="export-hint">
            {capturePoint ? t(`export.capture.only.${capturePoint}`) : t('export.capture.nowhere')}
          </p>
        )}
        <div className="export-buttons">
          {capturePoint && (
            <button
              type="button"
              className="outline-button"
              aria-disabled={busy}
              onClick={() => !busy && void run((a) => a.downloadPcap(events, scenario, capturePoint))}
            >
              {t('export.pcap')}
            </button>
          )}
          <button
            type="button"
            className="outline-button"
            aria-disabled={busy}
            onClick={() => !busy && void run((a) => a.downloadLadderSvg(ladder(), scenario, title()))}
          >
            {t('export.svg')}
          </button>
          <button
            type="button"
            className="outline-button"
            aria-disabled={busy}
            onClick={() => !busy && void run((a) => a.downloadLadderPng(ladder(), scenario, title()))}
          >
            {t('export.png')}
          </button>
        </div>
        <p className={`export-status${status?.kind === 'failed' ? ' export-failed' : ''}`} role="status">
          {status?.kind === 'saved' && t('export.saved', { file: status.file })}
          {status?.kind === 'failed' && t('export.failed', { message: status.message })}
        </p>
      </div>
    </details>
  );
}
