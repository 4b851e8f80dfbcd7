import { extractFtpTrace, type FtpTrace } from '../../../src/import/ftpTrace';
import type { CapturedPacket } from '../../../src/import/pcapReader';

/**
 * What the lab compares between a real capture and the engine's view of the same interface, each reduced to
 * plain lines so that a failing `expect(engine).toEqual(real)` prints a readable diff. Ports the operating
 * system picks at random are named by role: `ctl` (the client's control port), `eph` (any other port that is
 * not 20, 21 or one of the passive ports).
 */

export interface PassiveRange {
  readonly min: number;
  readonly max: number;
}

/** Two packets on different connections, or two FINs of one connection, this close are a race, not an order. */
export const RACE_US = 10_000;
/** Gaps of at least this many µs (retransmissions, time-outs) must agree within TIMING_TOLERANCE. */
export const TIMED_GAP_US = 500_000;
export const TIMING_TOLERANCE = 0.05;

export interface PacketLine {
  /** `control`, `data-1`, … by the order of the data connections' first SYNs; `other` for anything else. */
  readonly conn: string;
  readonly text: string;
  /** µs since the capture's first packet. */
  readonly at: number;
  readonly fin: boolean;
}

function portNamer(trace: FtpTrace, passive: PassiveRange): (port: number) => string {
  const control = trace.control?.client.port;
  return (port) =>
    port === 21 || port === 20 || (port >= passive.min && port <= passive.max)
      ? String(port)
      : port === control
        ? 'ctl'
        : 'eph';
}

/** A control line with the port of PORT/EPRT named by role (227/229 ports are vsftpd's, compared as is). */
function controlText(line: string, name: (port: number) => string): string {
  const port = /^PORT (\d+,\d+,\d+,\d+),(\d+),(\d+)$/.exec(line);
  if (port) return `PORT ${port[1]},${name(Number(port[2]) * 256 + Number(port[3]))}`;
  const eprt = /^EPRT \|1\|([\d.]+)\|(\d+)\|$/.exec(line);
  if (eprt) return `EPRT |1|${eprt[1]}|${name(Number(eprt[2]))}|`;
  return line;
}

/** `> LIST` / `< 150 Here comes the directory listing.`, PORT/EPRT ports named by role. */
export function dialogue(packets: readonly CapturedPacket[], passive: PassiveRange): string[] {
  const trace = extractFtpTrace(packets);
  const name = portNamer(trace, passive);
  return trace.dialogue.map((l) =>
    l.kind === 'command' ? `> ${controlText(l.line, name)}` : `< ${l.lines.join('\n')}`,
  );
}

/** The outcome the engine reports, read from a capture: every transfer command answered 226. */
export function outcome(packets: readonly CapturedPacket[]): 'success' | 'failed' {
  const lines = extractFtpTrace(packets).dialogue;
  let transfers = 0;
  let done = 0;
  lines.forEach((l, i) => {
    if (l.kind !== 'command' || !['LIST', 'RETR', 'STOR'].includes(l.verb)) return;
    transfers++;
    const final = lines.slice(i + 1).find((r) => r.kind === 'reply' && (r.code < 100 || r.code >= 200));
    if (final?.kind === 'reply' && final.code === 226) done++;
  });
  return transfers > 0 && done === transfers ? 'success' : 'failed';
}

/**
 * Each data connection: who opened it to where, from which port, its SYNs and answers, the bytes each way,
 * and where it sits in the dialogue (the line before its first SYN, the first line after it was
 * established, refused or given up).
 */
export function dataConnections(packets: readonly CapturedPacket[], passive: PassiveRange): string[] {
  const trace = extractFtpTrace(packets);
  const name = portNamer(trace, passive);
  const lineAt = (i: number): string => {
    const l = trace.dialogue[i];
    return l === undefined ? '(end)' : l.kind === 'command' ? l.verb : String(l.code);
  };
  const lineBefore = (at: number): string => {
    let found = -1;
    trace.dialogue.forEach((l, i) => {
      if (l.at < at) found = i;
    });
    return found < 0 ? '(start)' : lineAt(found);
  };
  const lineAfter = (at: number): string => {
    const i = trace.dialogue.findIndex((l) => l.at > at);
    return i < 0 ? '(end)' : lineAt(i);
  };
  return trace.dataConnections.map((d, k) => {
    const resolved =
      d.establishedAt ??
      packets.find((p) => p.flags.rst && p.src.port === d.responder.port && p.dst.port === d.initiator.port)
        ?.at ??
      d.syns.at(-1)?.at ??
      0;
    return [
      `data-${k + 1} opened by the ${d.openedBy}`,
      `${d.initiator.ip}:${name(d.initiator.port)} > ${d.responder.ip}:${name(d.responder.port)}`,
      `${d.syns.length} SYN, ${d.synAcks.length} SYN-ACK`,
      d.established ? 'established' : 'not established',
      d.reset ? 'reset' : 'not reset',
      `${d.data.fromInitiator.length}/${d.data.fromResponder.length} bytes`,
      `after ${lineBefore(d.syns[0]?.at ?? 0)}, before ${lineAfter(resolved)}`,
    ].join(' · ');
  });
}

/** Every segment except pure ACKs, as `conn src > dst [flags] payload`, in capture order. */
export function packetsThatMatter(packets: readonly CapturedPacket[], passive: PassiveRange): PacketLine[] {
  const trace = extractFtpTrace(packets);
  const name = portNamer(trace, passive);
  const control = trace.control;
  const key = (a: { ip: string; port: number }, b: { ip: string; port: number }): string =>
    [`${a.ip}:${a.port}`, `${b.ip}:${b.port}`].sort().join('|');
  const dataConn = new Map(
    trace.dataConnections.map((d, k) => [key(d.initiator, d.responder), `data-${k + 1}`]),
  );
  const controlKey = control ? key(control.client, control.server) : '';
  return packets
    .filter((p) => p.payload.length > 0 || p.flags.syn || p.flags.fin || p.flags.rst)
    .map((p) => {
      const k = key(p.src, p.dst);
      const conn = k === controlKey ? 'control' : (dataConn.get(k) ?? 'other');
      const flags =
        (p.flags.syn ? 'S' : '') +
        (p.flags.fin ? 'F' : '') +
        (p.flags.rst ? 'R' : '') +
        (p.flags.psh ? 'P' : '') +
        (p.flags.ack ? '.' : '');
      const payload =
        p.payload.length === 0
          ? ''
          : conn === 'control'
            ? ` ${JSON.stringify(controlText(p.payload.replace(/\r\n$/, ''), name))}`
            : ` <${p.payload.length} bytes>`;
      return {
        conn,
        text: `${conn} ${p.src.ip}:${name(p.src.port)} > ${p.dst.ip}:${name(p.dst.port)} [${flags}]${payload}`,
        at: p.at,
        fin: p.flags.fin,
      };
    });
}

export interface Alignment {
  /** The engine's lines, reordered where the real capture shows a race, or as they were if they cannot be. */
  readonly real: readonly string[];
  readonly engine: readonly string[];
  /** Matched pairs (real, engine) in real order, when every line found its partner. */
  readonly pairs?: readonly (readonly [PacketLine, PacketLine])[];
}

/**
 * Matches the engine's packets to the real ones in order. Where the real capture holds a race (packets of
 * different connections, or the two FINs of one connection, within RACE_US of each other: which goes first
 * varies from run to run), either order is accepted; the real order is then shown for both.
 */
export function alignPackets(real: readonly PacketLine[], engine: readonly PacketLine[]): Alignment {
  const used = new Set<number>();
  const pairs: [PacketLine, PacketLine][] = [];
  const unaligned = { real: real.map((l) => l.text), engine: engine.map((l) => l.text) };
  for (const e of engine) {
    const match = real.findIndex((r, i) => !used.has(i) && r.text === e.text);
    if (match < 0) return unaligned;
    const skipped = real.filter((_, j) => j < match && !used.has(j));
    if (!skipped.every((r) => races(r, real[match] as PacketLine))) return unaligned;
    used.add(match);
    pairs.push([real[match] as PacketLine, e]);
  }
  if (used.size !== real.length) return unaligned;
  pairs.sort((a, b) => real.indexOf(a[0]) - real.indexOf(b[0]));
  const texts = pairs.map(([r]) => r.text);
  return { real: texts, engine: texts, pairs };
}

function races(a: PacketLine, b: PacketLine): boolean {
  if (Math.abs(a.at - b.at) > RACE_US) return false;
  return a.conn !== b.conn || (a.fin && b.fin);
}

/**
 * The gaps between consecutive packets (real order) where either side took at least TIMED_GAP_US: the
 * retransmissions and time-outs. Returns one line per gap, `real ≈ engine` or `real ≠ engine`, in seconds.
 */
export function timedGaps(pairs: readonly (readonly [PacketLine, PacketLine])[]): string[] {
  const gaps: string[] = [];
  for (let i = 1; i < pairs.length; i++) {
    const [r0, e0] = pairs[i - 1] as readonly [PacketLine, PacketLine];
    const [r1, e1] = pairs[i] as readonly [PacketLine, PacketLine];
    const real = r1.at - r0.at;
    const engine = e1.at - e0.at;
    if (Math.max(real, engine) < TIMED_GAP_US) continue;
    const agree = Math.abs(engine - real) <= TIMING_TOLERANCE * real;
    gaps.push(
      `${(real / 1e6).toFixed(3)} s ${agree ? '≈' : '≠'} ${(engine / 1e6).toFixed(3)} s before ${r1.text}`,
    );
  }
  return gaps;
}
