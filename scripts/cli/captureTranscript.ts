import { summarizeEvent } from '../../src/engine';
import type { CaptureImport } from '../../src/import/captureImport';

const LINK_NAMES: Readonly<Record<number, string>> = {
  0: 'BSD loopback',
  1: 'Ethernet',
  12: 'raw IP',
  14: 'raw IP',
  101: 'raw IP',
  108: 'OpenBSD loopback',
  113: 'Linux cooked capture',
  228: 'raw IPv4',
  229: 'raw IPv6',
  276: 'Linux cooked capture v2',
};

const POINT_WORDS = {
  client: 'at the client',
  server: 'at the server',
  between: 'between the hosts',
} as const;
const EVIDENCE_WORDS = {
  ttl: 'from the TTLs',
  checksum: 'from checksum offload',
  timing: 'from the handshake timing',
  none: 'no clear sign',
} as const;

/**
 * A captured session as the CLI prints it: the same transcript as a simulated session (a header, one line
 * per event, the transfers and the outcome), with what the capture leaves out and what is inferred.
 */
export function captureTranscript({ overview, session }: CaptureImport, fileName: string): string {
  const f = overview.file;
  const links = f.linkTypes.map((l) => LINK_NAMES[l] ?? `link type ${l}`).join(', ');
  const header = [
    `FTP Flow Lab — captured session ${session.index} of ${overview.sessions.length}${overview.sessionsOmitted ? '+' : ''} in ${fileName} (${f.format}, ${links}, ${f.records} packets)`,
    `client ${overview.sessions[session.index - 1]?.client ?? ''}, server ${overview.sessions[session.index - 1]?.server ?? ''}; captured ${POINT_WORDS[session.capturePoint]} (inferred: ${EVIDENCE_WORDS[session.capturePointEvidence]})`,
    ...overview.warnings.map((w) => `warning: ${w.message}`),
    '',
  ];
  const lines: string[] = [];
  for (const e of session.events) {
    if (e.narration.key === 'narration.capture.dataAfterGap') {
      const { packets, gapBytes, conn } = e.narration.params;
      lines.push(
        `${' '.repeat(11)}  ${String(conn).padEnd(7)} … ${packets} packets (${gapBytes} bytes) not shown`,
      );
    }
    lines.push(summarizeEvent(e));
  }
  if (session.omitted.controlPackets > 0)
    lines.push(`${' '.repeat(11)}  control … ${session.omitted.controlPackets} more packets not shown`);
  const footer = [
    '',
    ...session.transfers.map(
      (t) =>
        `${t.command}: ${t.outcome}${t.reason ? ` (${t.reason})` : ''} — replies ${t.replyCodes.join(', ')}`,
    ),
    ...(session.findings.length > 0 ? ['', ...session.findings.map((x) => `finding: ${x.message}`)] : []),
    `outcome: ${session.outcome}`,
  ];
  return [...header, ...lines, ...footer].join('\n');
}

/** `--from-pcap FILE --format json`. */
export function captureJson({ overview, session }: CaptureImport, fileName: string): string {
  return JSON.stringify(
    {
      file: { name: fileName, ...overview.file },
      warnings: overview.warnings.map((w) => ({ kind: w.kind, message: w.message, params: w.params })),
      capturePoint: session.capturePoint,
      capturePointEvidence: session.capturePointEvidence,
      sessions: overview.sessions,
      sessionsOmitted: overview.sessionsOmitted,
      session: session.index,
      outcome: session.outcome,
      transfers: session.transfers.map((t) => ({
        command: t.command,
        outcome: t.outcome,
        replyCodes: t.replyCodes,
        ...(t.reason ? { reason: t.reason } : {}),
      })),
      findings: session.findings.map((x) => ({
        kind: x.kind,
        inferred: x.inferred,
        message: x.message,
        params: x.params,
        ...(x.frame !== undefined ? { frame: x.frame } : {}),
      })),
      scenario: session.scenario,
      omitted: session.omitted,
      events: session.events,
    },
    null,
    2,
  );
}
