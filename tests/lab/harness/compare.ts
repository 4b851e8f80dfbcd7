import { extractFtpTrace, type FtpTrace } from '../../../src/import/ftpTrace';
import type { Simulation } from '../../../src/engine';
import type { CapturedPacket } from '../../../src/import/captureReader';
import type { RealExpectation } from './expectations';
import { LAB_HOSTS } from './network';

/**
 * What the lab compares between a real capture and the engine's view of the same interface, each reduced to
 * plain lines so that a failing `expect(engine).toEqual(real)` prints a readable diff. Ports the operating
 * system picks at random are named by role (see `portNamer`).
 */

/** Gaps of at least this many µs (retransmissions, time-outs) must agree within TIMING_TOLERANCE. */
export const TIMED_GAP_US = 500_000;
export const TIMING_TOLERANCE = 0.05;

export interface PacketLine {
  /** `control`, `data-1`, … by the order of the data connections' first SYNs; `other` for anything else. */
  readonly conn: string;
  readonly text: string;
  /** µs since the capture's first packet. */
  readonly at: number;
  /** `SYN`, `FIN`, `RST`, the control line, or `<n bytes>`. */
  readonly what: string;
  readonly syn: boolean;
  /** A reply on the control connection (server to client). */
  readonly reply: boolean;
  /** A FIN on a data connection. */
  readonly dataFin: boolean;
  /** Sent by the server's side (the server, or its router answering for it). */
  readonly fromServer: boolean;
  /** A FIN or RST after vsftpd's 221 or 421: the client's close() and vsftpd's exit race. */
  readonly closingAfterGoodbye: boolean;
}

/**
 * Names an endpoint's port: the server side's ports (21, 20, the passive port vsftpd chose, which the engine
 * is made to choose too) as they are; the client side's by role, `ctl` for its control port and `eph` for any
 * other (the operating system picks them at random, and may pick one that is also a passive port number).
 */
function portNamer(trace: FtpTrace): (ip: string, port: number) => string {
  const client = trace.control?.client;
  return (ip, port) => (ip !== client?.ip ? String(port) : port === client.port ? 'ctl' : 'eph');
}

/** A control line with the client's port in PORT/EPRT named `eph` (227/229 ports are vsftpd's, kept as they are). */
function controlText(line: string): string {
  const port = /^PORT (\d+,\d+,\d+,\d+),(\d+),(\d+)$/.exec(line);
  if (port) return `PORT ${port[1]},eph`;
  const eprt = /^EPRT \|([12])\|([\d.]+|[\da-f:]+)\|(\d+)\|$/.exec(line);
  if (eprt) return `EPRT |${eprt[1]}|${eprt[2]}|eph|`;
  return line;
}

/** `> LIST` / `< 150 Here comes the directory listing.`, PORT/EPRT ports named by role. */
export function dialogue(packets: readonly CapturedPacket[]): string[] {
  const trace = extractFtpTrace(packets);
  return trace.dialogue.map((l) =>
    l.kind === 'command' ? `> ${controlText(l.line)}` : `< ${l.lines.join('\n')}`,
  );
}

/** The outcome the engine reports, read from a capture: every transfer command answered 226. */
export function outcome(packets: readonly CapturedPacket[]): 'success' | 'failed' {
  const lines = extractFtpTrace(packets).dialogue;
  let transfers = 0;
  let done = 0;
  lines.forEach((l, i) => {
    if (l.kind !== 'command') return;
    const final = lines.slice(i + 1).find((r) => r.kind === 'reply' && (r.code < 100 || r.code >= 200));
    // curl asks SIZE before RETR: a refused SIZE is a download that failed before its RETR.
    if (l.verb === 'SIZE' && final?.kind === 'reply' && final.code !== 213) transfers++;
    if (!['LIST', 'RETR', 'STOR'].includes(l.verb)) return;
    transfers++;
    if (final?.kind === 'reply' && final.code === 226) done++;
  });
  return transfers > 0 && done === transfers ? 'success' : 'failed';
}

/**
 * Each data connection: who opened it to where, from which port, its SYNs and answers, the bytes each way,
 * and where it sits in the dialogue (the line before its first SYN, the first line after it was
 * established, refused or given up).
 */
export function dataConnections(packets: readonly CapturedPacket[]): string[] {
  const trace = extractFtpTrace(packets);
  const name = portNamer(trace);
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
      `${d.initiator.ip}:${name(d.initiator.ip, d.initiator.port)} > ${d.responder.ip}:${name(d.responder.ip, d.responder.port)}`,
      `${d.syns.length} SYN, ${d.synAcks.length} SYN-ACK`,
      d.established ? 'established' : 'not established',
      d.reset ? 'reset' : 'not reset',
      `${d.data.fromInitiator.length}/${d.data.fromResponder.length} bytes`,
      `after ${lineBefore(d.syns[0]?.at ?? 0)}, before ${lineAfter(resolved)}`,
    ].join(' · ');
  });
}

/** Every segment except pure ACKs, as `conn src > dst [flags] payload`, in capture order. */
export function packetsThatMatter(packets: readonly CapturedPacket[]): PacketLine[] {
  const trace = extractFtpTrace(packets);
  const name = portNamer(trace);
  const control = trace.control;
  const key = (a: { ip: string; port: number }, b: { ip: string; port: number }): string =>
    [`${a.ip}:${a.port}`, `${b.ip}:${b.port}`].sort().join('|');
  const dataConn = new Map(
    trace.dataConnections.map((d, k) => [key(d.initiator, d.responder), `data-${k + 1}`]),
  );
  const controlKey = control ? key(control.client, control.server) : '';
  let goodbye = false;
  const sent = new Set<string>();
  return (
    packets
      .filter((p) => p.payload.length > 0 || p.flags.syn || p.flags.fin || p.flags.rst)
      .filter((p) => {
        // The lab loses nothing, so a segment sent again (other than an unanswered SYN) is a spurious
        // retransmission: a tail loss probe when the peer's ACK was late on a busy machine. The engine models
        // a quiet machine; such repeats are left out.
        if (p.flags.syn) return true;
        const id = `${p.src.ip}:${p.src.port}>${p.dst.ip}:${p.dst.port} ${p.seq} ${p.flags.fin} ${p.flags.rst} ${p.payload.length}`;
        if (sent.has(id)) return false;
        sent.add(id);
        return true;
      })
      // When a socket is closed with data still queued, Linux sends the FIN on the last data segment (2 runs in
      // 20 of a 64 KiB RETR); otherwise, and always in the engine, on a segment of its own. Both read as the
      // data, then the FIN.
      .flatMap((p): CapturedPacket[] =>
        p.flags.fin && p.payload.length > 0
          ? [
              { ...p, flags: { ...p.flags, fin: false } },
              { ...p, seq: (p.seq + p.payload.length) >>> 0, payload: '', flags: { ...p.flags, psh: false } },
            ]
          : [p],
      )
      .map((p) => {
        const k = key(p.src, p.dst);
        const conn = k === controlKey ? 'control' : (dataConn.get(k) ?? 'other');
        // PSH inside a data transfer marks where a send call ended or a forced push at half the peer's
        // window: it varies with scheduling, so on data connections it is not compared.
        const psh = p.flags.psh && conn === 'control';
        const flags =
          (p.flags.syn ? 'S' : '') +
          (p.flags.fin ? 'F' : '') +
          (p.flags.rst ? 'R' : '') +
          (psh ? 'P' : '') +
          (p.flags.ack ? '.' : '');
        const content =
          p.payload.length === 0
            ? ''
            : conn === 'control'
              ? controlText(p.payload.replace(/\r\n$/, ''))
              : `<${p.payload.length} bytes>`;
        const payload =
          conn === 'control' && content ? ` ${JSON.stringify(content)}` : content && ` ${content}`;
        if (conn === 'control' && /^(221|421) /.test(p.payload)) goodbye = true;
        return {
          conn,
          text: `${conn} ${p.src.ip}:${name(p.src.ip, p.src.port)} > ${p.dst.ip}:${name(p.dst.ip, p.dst.port)} [${flags}]${payload}`,
          at: p.at,
          what: p.flags.syn ? 'SYN' : p.flags.fin ? 'FIN' : p.flags.rst ? 'RST' : content,
          syn: p.flags.syn,
          reply: conn === 'control' && p.src.port === control?.server.port && p.payload.length > 0,
          dataFin: conn.startsWith('data-') && p.flags.fin,
          fromServer: p.src.ip === control?.server.ip,
          closingAfterGoodbye: goodbye && (p.flags.fin || p.flags.rst),
        };
      })
  );
}

export interface Alignment {
  /** The engine's lines, reordered where the real capture shows a race, or as they were if they cannot be. */
  readonly real: readonly string[];
  readonly engine: readonly string[];
}

/**
 * Matches the engine's packets to the real ones in order. Where reality races, either order is accepted and
 * the real order is shown for both (measured over 20 runs each, tests/lab/README.md):
 * - a data connection's FINs and vsftpd's reply on the control connection (226 comes after the server's data
 *   FIN about 9 times in 10, before it otherwise; the client's data FIN goes whenever it reads the end);
 * - after 221 (or a 421 that ends the session), the client's closing against vsftpd's: the client closes when it has read the 221, vsftpd's
 *   session exits on its own (the server's FIN first about two times in three, up to tens of ms apart on a
 *   busy machine); each side's own packets keep their order.
 * Every other order must be the same; where a data connection sits in the dialogue is checked on its own
 * (`dataConnections`).
 */
export function alignPackets(
  real: readonly PacketLine[],
  engine: readonly PacketLine[],
  { tls = false }: { readonly tls?: boolean } = {},
): Alignment {
  const used = new Set<number>();
  const unaligned = { real: real.map((l) => l.text), engine: engine.map((l) => l.text) };
  for (const e of engine) {
    const match = real.findIndex((r, i) => !used.has(i) && r.text === e.text);
    if (match < 0) return unaligned;
    const skipped = real.filter((_, j) => j < match && !used.has(j));
    if (!skipped.every((r) => races(r, real[match] as PacketLine, tls))) return unaligned;
    used.add(match);
  }
  if (used.size !== real.length) return unaligned;
  const texts = real.map((r) => r.text);
  return { real: texts, engine: texts };
}

/**
 * After 221 under TLS, curl's close_notify and vsftpd's exit race, and which one wins changes the packets,
 * not only their order (both measured): vsftpd first, its FIN, then its kernel's bare RST answering the
 * alert, and no FIN from curl (most runs); curl first, curl's FIN then vsftpd's (one CI run, 2 ms apart).
 * When the two sides end in these two different ways, the control connection's closing is left out of both;
 * any other ending is compared packet by packet.
 */
export function withoutRacedTlsGoodbye(
  real: readonly PacketLine[],
  engine: readonly PacketLine[],
): { readonly real: readonly PacketLine[]; readonly engine: readonly PacketLine[] } {
  const closing = (l: PacketLine): boolean => l.conn === 'control' && l.closingAfterGoodbye;
  const ending = (lines: readonly PacketLine[]): 'vsftpd first' | 'curl first' | undefined => {
    const [a, b, ...more] = lines.filter(closing);
    if (!a || !b || more.length > 0) return undefined;
    if (a.what === 'FIN' && a.fromServer && b.what === 'RST' && b.fromServer) return 'vsftpd first';
    if (a.what === 'FIN' && b.what === 'FIN' && a.fromServer !== b.fromServer) return 'curl first';
    return undefined;
  };
  const endings = [ending(real), ending(engine)];
  if (!endings[0] || !endings[1] || endings[0] === endings[1]) return { real, engine };
  return { real: real.filter((l) => !closing(l)), engine: engine.filter((l) => !closing(l)) };
}

/**
 * The same packets on both sides, whatever their order: the k-th real packet of each kind with the engine's
 * k-th, in real order; undefined if one side has a packet the other lacks. For timing a session whose order
 * differs (the packet check reports that).
 */
export function pairByKind(
  real: readonly PacketLine[],
  engine: readonly PacketLine[],
): [PacketLine, PacketLine][] | undefined {
  if (real.length !== engine.length) return undefined;
  const left = [...engine];
  const pairs: [PacketLine, PacketLine][] = [];
  for (const r of real) {
    const i = left.findIndex((e) => e.text === r.text);
    if (i < 0) return undefined;
    pairs.push([r, left.splice(i, 1)[0] as PacketLine]);
  }
  return pairs;
}

function races(a: PacketLine, b: PacketLine, tls: boolean): boolean {
  return (
    (a.closingAfterGoodbye && b.closingAfterGoodbye && a.fromServer !== b.fromServer) ||
    (tls && closesUnderTls(a, b)) ||
    (a.reply && b.dataFin) ||
    (a.dataFin && b.reply)
  );
}

/**
 * Under TLS each side closes after reading the other's close_notify (or EOF), and the two FINs of a connection
 * race: on a data connection the classic client FINs right after its own close_notify while vsftpd FINs once
 * it has read it (client first in 2 runs of 3); on the control connection curl's close() comes 0.1–1.25 ms
 * after its close_notify and vsftpd's exit anywhere from 0.06 to 3 ms (both orders measured).
 */
function closesUnderTls(a: PacketLine, b: PacketLine): boolean {
  return a.what === 'FIN' && b.what === 'FIN' && a.conn === b.conn && a.fromServer !== b.fromServer;
}

/**
 * The waits: every span of at least TIMED_GAP_US before a packet, measured from where the wait began, in
 * real and in engine time; one line each, `real ≈ engine` (within TIMING_TOLERANCE) or `real ≠ engine`.
 * A retransmitted SYN is timed from the SYN before it (the kernel's timer); any other packet after a run of
 * unanswered SYNs from the first of them (the application's connect() time-out, or vsftpd's connect_timeout,
 * which starts as vsftpd sends that SYN); anything else from the packet before it (accept_timeout from the
 * transfer command, the idle and data time-outs from vsftpd's last reply).
 */
/**
 * The curl tool waits for its sockets with curl_multi_poll(…, 1000 ms): when nothing wakes it, its next step
 * (e.g. the data SYN after a 229, measured 0.1 ms, 0.19 s and 1.005 s late on a busy machine) comes up to
 * a second later than it could, plus the scheduler's delay in waking it (1.03 and 1.086 s under FTPS at a
 * load average of 14 on 2 cores). A gap that long is the tool's loop, not the protocol.
 */
export const CURL_POLL_US = 1_100_000;

export function timedGaps(
  pairs: readonly (readonly [PacketLine, PacketLine])[],
  { lateBy = 0 }: { readonly lateBy?: number } = {},
): string[] {
  const gaps: string[] = [];
  const line = (i: number): PacketLine => (pairs[i] as readonly [PacketLine, PacketLine])[0];
  const isSynRetry = (i: number): boolean => i > 0 && line(i).syn && line(i).text === line(i - 1).text;
  for (let i = 1; i < pairs.length; i++) {
    let from = i - 1;
    if (!isSynRetry(i)) while (isSynRetry(from)) from--;
    const [r0, e0] = pairs[from] as readonly [PacketLine, PacketLine];
    const [r1, e1] = pairs[i] as readonly [PacketLine, PacketLine];
    const real = r1.at - r0.at;
    const engine = e1.at - e0.at;
    if (Math.max(real, engine) < TIMED_GAP_US) continue;
    const agree =
      Math.abs(engine - real) <= TIMING_TOLERANCE * real ||
      (real > engine && real - engine <= lateBy * (1 + TIMING_TOLERANCE));
    gaps.push(
      `${(real / 1e6).toFixed(3)} s ${agree ? '≈' : '≠'} ${(engine / 1e6).toFixed(3)} s from ${r0.text} to ${r1.text}`,
    );
  }
  return gaps;
}

/**
 * The expectations the FTP helper created, box by box in path order (each box's in its own order), as
 * `box: who > address:port`. A port on the client's side (PORT/EPRT: the client's listening port, chosen at
 * random) is named `eph`.
 */
export function expectationLines(list: readonly RealExpectation[], clientSide: readonly string[]): string[] {
  return LAB_HOSTS.flatMap((host) =>
    list
      .filter((x) => x.host === host)
      .map((x) => `${host}: ${x.src} > ${x.dst}:${clientSide.includes(x.dst) ? 'eph' : x.dport}`),
  );
}

export function engineExpectations(sim: Simulation, clientSide: readonly string[]): string[] {
  return expectationLines(
    sim.events.flatMap((e) =>
      e.kind === 'conntrack/expectation-created' && e.expectation.device !== 'internet'
        ? [
            {
              host: e.expectation.device,
              src: e.expectation.sourceIp,
              dst: e.expectation.destination.ip,
              dport: e.expectation.destination.port,
            },
          ]
        : [],
    ),
    clientSide,
  );
}
