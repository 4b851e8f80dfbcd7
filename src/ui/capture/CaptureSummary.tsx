import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '../../import/captureImport';
import { scenarioWords } from '../header/scenarioWords';
import { useCapture, type OpenedCapture } from './captureStore';

type T = ReturnType<typeof useTranslation>['t'];

const sessionText = (s: SessionSummary, t: T): string =>
  t('capture.sessionOption', {
    index: s.index,
    client: s.client,
    server: s.server,
    transfers: s.transfers.length,
    outcome: t(`capture.outcome.${s.outcome}`),
  });

/**
 * What was read: the file, where it was captured (inferred), the session on screen (a choice when the
 * file holds several), what the reader noticed, and the scenario the capture suggests.
 */
export function CaptureSummary({ opened }: { readonly opened: OpenedCapture }) {
  const { t } = useTranslation();
  const { overview, session, scenario } = opened;
  const { file } = overview;
  return (
    <section className="capture-summary" aria-label={t('capture.session')}>
      <p className="capture-facts">
        <span className="capture-inferred-badge">{t('capture.inferred')}</span>{' '}
        {t(`capture.capturedAt.${session.capturePoint}`)}
        {' · '}
        {t('capture.fileSummary', {
          format: file.format,
          records: file.records,
          tcpPackets: file.tcpPackets,
          sessions: overview.sessions.length,
        })}
        {opened.milliseconds !== undefined && (
          <> · {t('capture.readIn', { milliseconds: Math.max(1, Math.round(opened.milliseconds)) })}</>
        )}
      </p>
      {overview.sessions.length > 1 ? (
        <SessionChooser opened={opened} />
      ) : (
        overview.sessions[0] && <p className="capture-session">{sessionText(overview.sessions[0], t)}</p>
      )}
      {(overview.warnings.length > 0 || session.omitted.dataPackets > 0) && (
        <ul className="capture-warnings">
          {overview.warnings.map((w) => (
            <li key={w.key}>{t(w.key, w.params)}</li>
          ))}
          {session.omitted.dataPackets > 0 && (
            <li>{t('capture.omitted', { packets: session.omitted.dataPackets })}</li>
          )}
        </ul>
      )}
      {scenario ? (
        <div className="capture-scenario">
          <h3 id="capture-scenario-heading">{t('capture.scenario.heading')}</h3>
          <ul className="summary-items" aria-labelledby="capture-scenario-heading">
            {scenarioWords(scenario, t).map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          <p id="capture-simulate-hint" className="hint">
            {t('capture.simulateHint', {
              mode: t(`options.mode.${scenario.mode}`),
              clientFirewall: t(`options.clientFirewall.${scenario.clientFirewall}`),
              serverFirewall: t(`options.serverFirewall.${scenario.serverFirewall}`, {
                min: scenario.server.passivePorts.min,
                max: scenario.server.passivePorts.max,
              }),
            })}
          </p>
        </div>
      ) : (
        <p id="capture-simulate-hint" className="hint">
          {t('capture.compare.noScenario')}
        </p>
      )}
    </section>
  );
}

/** The FTP sessions of the file: another one is read again from the file (the reader keeps only one). */
function SessionChooser({ opened }: { readonly opened: OpenedCapture }) {
  const { t } = useTranslation();
  const id = useId();
  const open = useCapture((s) => s.open);
  const reading = useCapture((s) => s.activity.kind === 'reading');
  const [chosen, setChosen] = useState(opened.session.index);
  return (
    <form
      className="capture-sessions"
      data-presentation="hidden"
      onSubmit={(e) => {
        e.preventDefault();
        if (!reading && chosen !== opened.session.index) open(opened.file, chosen);
      }}
    >
      <label htmlFor={id}>{t('capture.session')}</label>
      <select id={id} value={chosen} onChange={(e) => setChosen(Number(e.currentTarget.value))}>
        {opened.overview.sessions.map((s) => (
          <option key={s.index} value={s.index}>
            {sessionText(s, t)}
          </option>
        ))}
      </select>
      <button type="submit" className="outline-button" aria-disabled={reading}>
        {t('capture.showSession')}
      </button>
    </form>
  );
}
