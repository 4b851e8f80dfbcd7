/**
 * The FTP dialogue of packets already in memory: the first session's commands, replies and data
 * connections (`extractFtpTrace`), or every session (`analyzePackets`). For a file, `importCapture`
 * reads it as a stream instead.
 */
import type { Endpoint } from '../engine';
import type { CapturedPacket } from './captureReader';
import { FtpAnalyzer, type AnalyzerOptions, type DataConnection, type FtpAnalysis } from './ftpAnalyzer';
import type { FtpLine } from './ftpLines';

export type { DataConnection } from './ftpAnalyzer';
export type { FtpCommandLine, FtpLine, FtpReplyLine } from './ftpLines';

export interface FtpTrace {
  /** The control connection as this capture point saw it; undefined if the packets hold none. */
  readonly control?: { readonly client: Endpoint; readonly server: Endpoint };
  readonly dialogue: readonly FtpLine[];
  readonly dataConnections: readonly DataConnection[];
}

/** Every FTP session of the packets, in the order they were recognized. */
export function analyzePackets(
  packets: Iterable<CapturedPacket>,
  options: AnalyzerOptions = {},
): FtpAnalysis {
  const analyzer = new FtpAnalyzer(options);
  for (const p of packets) analyzer.packet(p);
  return analyzer.finish();
}

/** The first FTP session of the packets: its control dialogue and its data connections. */
export function extractFtpTrace(packets: Iterable<CapturedPacket>): FtpTrace {
  const session = analyzePackets(packets, { retainSession: 1 }).sessions[0];
  if (!session) return { dialogue: [], dataConnections: [] };
  return {
    control: { client: session.client, server: session.server },
    dialogue: session.dialogue,
    dataConnections: session.dataConnections,
  };
}

/** The times of a data connection's SYNs relative to the first one, in seconds. */
export function synOffsets(connection: Pick<DataConnection, 'syns'>): number[] {
  const first = connection.syns[0]?.at ?? 0;
  return connection.syns.map((s) => (s.at - first) / 1e6);
}
