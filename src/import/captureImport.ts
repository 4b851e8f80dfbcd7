/**
 * A capture file in, its FTP sessions out: the one entry the app's worker and the command line use.
 * `importCapture` reads the file once, as a stream, and keeps the packets of one session (the first
 * unless told otherwise) for its replay; every session is listed with a summary, so the app can offer a
 * choice and read the file again for another one.
 */
import type { CapturePointId, Endpoint, Mode, ScenarioInput, StepEvent, TransferSummary } from '../engine';
import { CaptureError, type CaptureWarning } from './captureError';
import type { CaptureFileInfo } from './captureParser';
import { streamCapture } from './captureReader';
import type { CaptureSource, ReadOptions } from './captureSource';
import { FtpAnalyzer, type FtpSession } from './ftpAnalyzer';
import type { Finding } from './findings';
import {
  inferCapturePoint,
  inferScenario,
  MODE_VERBS,
  sessionFindings,
  sessionOutcome,
  sessionTransfers,
  type CapturePointInference,
} from './sessionAnalysis';
import { endpointText, sessionEvents } from './sessionEvents';

const MODE_OF_VERB: Readonly<Record<string, Mode>> = {
  PORT: 'active',
  LPRT: 'active',
  EPRT: 'eprt',
  PASV: 'passive',
  LPSV: 'passive',
  EPSV: 'epsv',
};

export interface SessionSummary {
  /** 1-based: `--session N` and the app's choice name it. */
  readonly index: number;
  readonly client: string;
  readonly server: string;
  readonly ipVersion: 4 | 6;
  readonly firstFrame: number;
  /** Seconds from the start of the capture to the session's first packet, and how long it lasted. */
  readonly start: number;
  readonly duration: number;
  /** The server's greeting (220), as far as it was captured. */
  readonly greeting?: string;
  readonly user?: string;
  readonly mode?: Mode;
  readonly commands: number;
  readonly transfers: readonly { readonly command: string; readonly outcome: 'success' | 'failed' }[];
  readonly outcome: 'success' | 'failed';
}

export interface CaptureOverview {
  readonly file: CaptureFileInfo & {
    readonly bytes: number;
    readonly records: number;
    readonly tcpPackets: number;
    readonly skipped: number;
  };
  readonly warnings: readonly CaptureWarning[];
  readonly sessions: readonly SessionSummary[];
  /** FTP sessions beyond the limit, not listed. */
  readonly sessionsOmitted: number;
}

/** One session as the app replays it and the command line prints it. */
export interface CapturedSession {
  readonly index: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly capturePoint: CapturePointId;
  readonly capturePointEvidence: CapturePointInference['evidence'];
  readonly outcome: 'success' | 'failed';
  readonly transfers: readonly TransferSummary[];
  readonly findings: readonly Finding[];
  /** What the capture suggests, for `parseScenario` and "simulate this scenario". */
  readonly scenario: ScenarioInput;
  readonly events: readonly StepEvent[];
  /** What the replay leaves out to stay small: control packets past the limit, data packets in the middle. */
  readonly omitted: {
    readonly controlPackets: number;
    readonly dataConnections: number;
    readonly dataPackets: number;
    readonly dialogueLines: number;
  };
}

export interface ImportOptions extends ReadOptions {
  /** The session to keep for its replay (1-based, default 1). */
  readonly session?: number;
}

export interface CaptureImport {
  readonly overview: CaptureOverview;
  readonly session: CapturedSession;
}

/** Reads the capture and returns its sessions and the chosen one, or throws a `CaptureError`. */
export async function importCapture(
  source: CaptureSource,
  options: ImportOptions = {},
): Promise<CaptureImport> {
  const wanted = options.session ?? 1;
  const analyzer = new FtpAnalyzer({ retainSession: wanted });
  const read = await streamCapture(source, (d, r) => analyzer.segment(d, r), options);
  const analysis = analyzer.finish();
  if (analysis.sessions.length === 0) throw new CaptureError('noFtp', { packets: read.tcpPackets });
  const chosen = analysis.sessions[wanted - 1];
  if (!chosen) throw new CaptureError('noSession', { session: wanted, count: analysis.sessions.length });
  return {
    overview: {
      file: {
        ...read.info,
        bytes: read.bytes,
        records: read.records,
        tcpPackets: read.tcpPackets,
        skipped: read.skipped,
      },
      warnings: read.warnings,
      sessions: analysis.sessions.map(summarize),
      sessionsOmitted: analysis.sessionsOmitted,
    },
    session: analyzeSession(chosen),
  };
}

function summarize(s: FtpSession): SessionSummary {
  const transfers = sessionTransfers(s);
  const greeting = s.dialogue.find((l) => l.kind === 'reply' && l.code === 220);
  const user = s.dialogue.find((l) => l.kind === 'command' && l.verb === 'USER');
  const mode = s.dialogue.find((l) => l.kind === 'command' && MODE_VERBS.has(l.verb));
  return {
    index: s.index,
    client: endpointText(s.client),
    server: endpointText(s.server),
    ipVersion: s.ipVersion,
    firstFrame: s.firstFrame,
    start: s.firstAt / 1e6,
    duration: (s.lastAt - s.firstAt) / 1e6,
    ...(greeting?.kind === 'reply' ? { greeting: greeting.text.slice(0, 120) } : {}),
    ...(user?.kind === 'command' && user.argument ? { user: user.argument.slice(0, 64) } : {}),
    ...(mode?.kind === 'command' ? { mode: MODE_OF_VERB[mode.verb] } : {}),
    commands: s.dialogue.filter((l) => l.kind === 'command').length,
    transfers: transfers.map((t) => ({ command: t.command.slice(0, 200), outcome: t.outcome })),
    outcome: sessionOutcome(transfers, s),
  };
}

/** Everything the app and the command line show of one session whose packets were kept. */
export function analyzeSession(session: FtpSession): CapturedSession {
  const point = inferCapturePoint(session);
  const transfers = sessionTransfers(session);
  const outcome = sessionOutcome(transfers, session);
  const findings = sessionFindings(session, point.point, transfers);
  const scenario = inferScenario(session, point.point, transfers, findings);
  const built = sessionEvents({ session, point: point.point, transfers, outcome });
  const replay = session.replay;
  return {
    index: session.index,
    client: session.client,
    server: session.server,
    capturePoint: point.point,
    capturePointEvidence: point.evidence,
    outcome,
    transfers: built.transfers,
    findings,
    scenario,
    events: built.events,
    omitted: {
      controlPackets: replay?.controlOmitted ?? 0,
      dataConnections: replay?.dataOmitted ?? 0,
      dataPackets: Object.values(replay?.gaps ?? {}).reduce((n, g) => n + g.packets, 0),
      dialogueLines: session.dialogueOmitted,
    },
  };
}
