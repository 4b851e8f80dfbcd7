/**
 * One captured FTP session read the way the simulator reads its own: where the capture was taken, the
 * transfers with their reply codes and outcome, the findings, and the scenario the capture suggests (a
 * `ScenarioInput` the engine's `parseScenario` accepts), so that "simulate this scenario" can hold the
 * model against reality. Whatever the capture cannot show keeps the scenario's default.
 */
import {
  isIpv4,
  isIpv6,
  isPrivateIpv4,
  SCENARIO_LIMITS,
  type CapturePointId,
  type Endpoint,
  type FailureReason,
  type Mode,
  type ScenarioInput,
} from '../engine';
import { parseScenario } from '../engine/validation';
import type { DataConnection, FtpSession } from './ftpAnalyzer';
import type { FtpCommandLine, FtpLine, FtpReplyLine } from './ftpLines';
import { finding, type Finding } from './findings';

export const TRANSFER_VERBS = new Set(['LIST', 'NLST', 'MLSD', 'RETR', 'STOR', 'STOU', 'APPE']);
export const MODE_VERBS = new Set(['PORT', 'PASV', 'EPRT', 'EPSV', 'LPRT', 'LPSV']);

const MODE_OF: Readonly<Record<string, Mode>> = {
  PORT: 'active',
  LPRT: 'active',
  EPRT: 'eprt',
  PASV: 'passive',
  LPSV: 'passive',
  EPSV: 'epsv',
};

export interface CapturePointInference {
  readonly point: CapturePointId;
  /** What gave it away: the hosts' initial TTLs, checksum offload on the capturing host, or timing. */
  readonly evidence: 'ttl' | 'checksum' | 'timing' | 'none';
}

/** Initial TTLs of common stacks (Linux and macOS 64, Windows 128, network gear 255, old ones 32/60). */
const INITIAL_TTLS = [32, 60, 64, 128, 255];

function dominant(counts: Readonly<Record<number, number>>): number | undefined {
  let best: number | undefined;
  let bestCount = 0;
  for (const [ttl, n] of Object.entries(counts)) {
    if (n > bestCount) {
      best = Number(ttl);
      bestCount = n;
    }
  }
  return best;
}

/**
 * Where the capture was taken. A host's own packets leave it with an initial TTL; the other host's have
 * lost one per router. On one network (both initial), a capturing host's own packets carry wrong TCP
 * checksums (offloaded to the card, after the capture point), and its handshake answers come at once.
 */
export function inferCapturePoint(session: FtpSession): CapturePointInference {
  const { client, server, handshakes } = session.evidence;
  const c = dominant(client.ttls);
  const s = dominant(server.ttls);
  const ci = c !== undefined && INITIAL_TTLS.includes(c);
  const si = s !== undefined && INITIAL_TTLS.includes(s);
  if (ci && (s === undefined || !si)) return { point: 'client', evidence: 'ttl' };
  if (si && (c === undefined || !ci)) return { point: 'server', evidence: 'ttl' };
  if (c !== undefined && s !== undefined && !ci && !si) return { point: 'between', evidence: 'ttl' };
  const cw = client.checksums.wrong > 0;
  const sw = server.checksums.wrong > 0;
  if (cw && !sw) return { point: 'client', evidence: 'checksum' };
  if (sw && !cw) return { point: 'server', evidence: 'checksum' };
  const h = handshakes[0];
  if (h) {
    if (h.synToSynAck > 4 * h.synAckToAck && h.synToSynAck >= 20)
      return { point: 'client', evidence: 'timing' };
    if (h.synAckToAck > 4 * h.synToSynAck && h.synAckToAck >= 20)
      return { point: 'server', evidence: 'timing' };
  }
  return { point: 'between', evidence: 'none' };
}

export interface CapturedTransfer {
  /** 1-based, like the engine's transfers. */
  readonly index: number;
  /** The command line as sent, e.g. `RETR hello.txt`. */
  readonly command: string;
  readonly verb: string;
  readonly outcome: 'success' | 'failed';
  /** The reply codes from the PORT/PASV/EPRT/EPSV before it on, in order (the engine's `replyCodes`). */
  readonly replyCodes: readonly number[];
  readonly reason?: FailureReason;
  /** Dialogue indices: the mode command, the transfer command, its final reply. */
  readonly modeLine?: number;
  readonly commandLine: number;
  readonly finalLine?: number;
  /** The data connection (its index) that carried it, when the capture shows one. */
  readonly data?: number;
}

/** Each command's replies, matched in order (the server answers commands one after another, RFC 959 §4.2). */
export function repliesByCommand(dialogue: readonly FtpLine[]): Map<number, number[]> {
  const replies = new Map<number, number[]>();
  const queue: number[] = [];
  dialogue.forEach((line, i) => {
    if (line.kind === 'command') {
      queue.push(i);
      replies.set(i, []);
      return;
    }
    const head = queue[0];
    if (head === undefined) return;
    replies.get(head)?.push(i);
    // A preliminary (1xx) reply leaves the command open; anything else completes it.
    if (line.code < 100 || line.code >= 200) queue.shift();
  });
  return replies;
}

const reply = (dialogue: readonly FtpLine[], i: number | undefined): FtpReplyLine | undefined => {
  const line = i === undefined ? undefined : dialogue[i];
  return line?.kind === 'reply' ? line : undefined;
};

export function sessionTransfers(session: FtpSession): CapturedTransfer[] {
  const { dialogue } = session;
  const replies = repliesByCommand(dialogue);
  const transfers: CapturedTransfer[] = [];
  let mode: number | undefined;
  /** A mode command the server refused, and no transfer command after it: the client gave up there. */
  const refusedSetUp = (): void => {
    if (mode === undefined) return;
    const line = dialogue[mode];
    const own = replies.get(mode) ?? [];
    const last = reply(dialogue, own.at(-1));
    if (line?.kind !== 'command' || !last || last.code < 400) return;
    transfers.push({
      index: transfers.length + 1,
      command: line.line,
      verb: line.verb,
      outcome: 'failed',
      replyCodes: own.map((r) => reply(dialogue, r)?.code ?? 0),
      ...(last.code >= 500 && (line.verb === 'PORT' || line.verb === 'EPRT')
        ? { reason: 'port-rejected' as const }
        : {}),
      modeLine: mode,
      commandLine: mode,
      finalLine: own.at(-1),
    });
    mode = undefined;
  };
  dialogue.forEach((line, i) => {
    if (line.kind !== 'command') return;
    if (MODE_VERBS.has(line.verb)) {
      refusedSetUp();
      mode = i;
      return;
    }
    if (line.verb === 'QUIT') refusedSetUp();
    if (!TRANSFER_VERBS.has(line.verb)) return;
    const own = replies.get(i) ?? [];
    const modeReplies = mode === undefined ? [] : (replies.get(mode) ?? []);
    const codes = [...modeReplies, ...own].map((r) => reply(dialogue, r)?.code ?? 0);
    const finalLine = own.at(-1);
    const final = reply(dialogue, finalLine);
    const outcome = final && final.code >= 200 && final.code < 300 ? 'success' : 'failed';
    const data = dataFor(session, mode, i, finalLine);
    const modeReply = reply(dialogue, modeReplies.at(-1));
    const reason = outcome === 'success' ? undefined : failureReason(line.verb, modeReply, final, data);
    transfers.push({
      index: transfers.length + 1,
      command: line.line,
      verb: line.verb,
      outcome,
      replyCodes: codes,
      ...(reason ? { reason } : {}),
      ...(mode !== undefined ? { modeLine: mode } : {}),
      commandLine: i,
      ...(finalLine !== undefined ? { finalLine } : {}),
      ...(data ? { data: data.index } : {}),
    });
    mode = undefined;
  });
  refusedSetUp();
  return transfers;
}

/** The data connection a transfer used: the one its mode command announced, else the first in its time. */
function dataFor(
  session: FtpSession,
  mode: number | undefined,
  command: number,
  finalLine: number | undefined,
): DataConnection | undefined {
  const { dialogue, dataConnections } = session;
  if (mode !== undefined) {
    const announced = dataConnections.find(
      (d) => d.announcedBy !== undefined && d.announcedBy >= mode && d.announcedBy < command + 1,
    );
    if (announced) return announced;
  }
  const from = dialogue[mode ?? command]?.at ?? 0;
  const to = finalLine !== undefined ? (dialogue[finalLine]?.at ?? Infinity) : Infinity;
  return dataConnections.find((d) => d.firstAt >= from && d.firstAt <= to);
}

function failureReason(
  verb: string,
  modeReply: FtpReplyLine | undefined,
  final: FtpReplyLine | undefined,
  data: DataConnection | undefined,
): FailureReason | undefined {
  if (modeReply && modeReply.code >= 500) return 'port-rejected';
  if (!final) return data && !data.established ? 'data-syn-dropped' : undefined;
  if (final.code === 425 || final.code === 426) {
    if (data?.reset && !data.established) return 'connection-refused';
    return 'data-syn-dropped';
  }
  if (final.code === 553) return 'cannot-create';
  if (final.code === 550 || final.code === 450)
    return verb === 'STOR' || verb === 'STOU' || verb === 'APPE' ? 'permission-denied' : 'file-unavailable';
  return undefined;
}

/** The session's outcome as the engine states it: every transfer succeeded (or none failed, with none). */
export function sessionOutcome(
  transfers: readonly CapturedTransfer[],
  session: FtpSession,
): 'success' | 'failed' {
  if (transfers.length > 0) return transfers.every((t) => t.outcome === 'success') ? 'success' : 'failed';
  // No transfer: a session that logged in is a success, one refused at login (530) or never greeted is not.
  const codes = session.dialogue.filter((l): l is FtpReplyLine => l.kind === 'reply').map((l) => l.code);
  return codes.includes(230) && !codes.includes(530) ? 'success' : 'failed';
}

/** A connection's id (`data-1`), as in the events: the app puts it into words in its language. */
const connName = (d: DataConnection): string => `data-${d.index}`;
const fmt = (e: Endpoint): string => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);

export function sessionFindings(
  session: FtpSession,
  point: CapturePointId,
  transfers: readonly CapturedTransfer[],
): Finding[] {
  const out: Finding[] = [];
  const { dialogue, client, server } = session;
  dialogue.forEach((line) => {
    if (line.kind === 'command' && line.address && (line.verb === 'PORT' || line.verb === 'EPRT')) {
      if (line.address.ip !== client.ip)
        out.push(
          finding(
            'natPortAddress',
            { command: line.verb, announced: line.address.ip, seen: client.ip },
            line.frame,
          ),
        );
    }
    if (line.kind === 'reply' && line.code === 227 && line.address && line.address.ip !== server.ip) {
      const params = { code: 227, announced: line.address.ip, seen: server.ip };
      const announcedPrivate = isIpv4(line.address.ip) && isPrivateIpv4(line.address.ip);
      out.push(finding(announcedPrivate ? 'natPassivePrivate' : 'natPassivePublic', params, line.frame));
    }
  });
  const replies = repliesByCommand(dialogue);
  dialogue.forEach((line, i) => {
    if (line.kind !== 'command' || (line.verb !== 'PORT' && line.verb !== 'EPRT')) return;
    const r = reply(dialogue, replies.get(i)?.at(-1));
    if (r && (r.code === 500 || r.code === 501) && /illegal|not allowed|refused|bad/i.test(r.text))
      out.push(finding('illegalPort', { command: line.verb, code: r.code, text: r.text }, r.frame));
  });
  for (const d of session.dataConnections) {
    const from = fmt(d.initiator);
    const to = fmt(d.responder);
    if (!d.established && d.synAcks.length === 0 && d.resets.length === 0 && d.syns.length > 0) {
      const first = d.syns[0];
      const last = d.syns.at(-1);
      const seconds = first && last ? Math.round((last.at - first.at) / 1e5) / 10 : 0;
      // Captured on the host it was going to: it reached that host and the host kept silent.
      const here =
        (point === 'client' && d.openedBy === 'server') || (point === 'server' && d.openedBy === 'client');
      out.push(
        finding(
          here ? 'synUnansweredHere' : 'synUnansweredAway',
          { conn: connName(d), from, to, count: d.syns.length, seconds },
          first?.frame,
        ),
      );
    }
    const reset = d.resets.find((r) => r.from === 'responder');
    if (!d.established && reset)
      out.push(
        finding('resetInsteadOfConnection', { conn: connName(d), from, to, by: d.responder.ip }, reset.frame),
      );
  }
  for (const t of transfers) {
    const final = reply(dialogue, t.finalLine);
    if (final?.code !== 425) continue;
    const mode = t.modeLine === undefined ? undefined : (dialogue[t.modeLine] as FtpCommandLine | undefined);
    const active = mode ? MODE_OF[mode.verb] === 'active' || MODE_OF[mode.verb] === 'eprt' : false;
    out.push(
      finding(
        active ? 'reply425Active' : 'reply425Passive',
        { code: final.code, text: final.text },
        final.frame,
      ),
    );
  }
  if (session.controlMissingBytes > 0)
    out.push(finding('captureGap', { bytes: session.controlMissingBytes }));
  return out;
}

/** A file name the scenario accepts: the last path part, other characters as `_`, at most 64. */
function scenarioFileName(argument: string | undefined): string {
  const base = (argument ?? '').trim().split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, SCENARIO_LIMITS.fileName.max);
  return clean.length > 0 ? clean : 'file';
}

const clamp = (n: number, { min, max }: { min: number; max: number }): number =>
  Math.min(max, Math.max(min, n));
const seconds = (us: number): number => Math.round(us / 1e5) / 10;

/**
 * The scenario the capture suggests: the mode of its first data transfer, its transfer commands, the
 * addresses and ports it shows, firewalls and NAT where the findings point to them, and the time-outs
 * the failures took. The password is never copied from the capture.
 */
export function inferScenario(
  session: FtpSession,
  point: CapturePointId,
  transfers: readonly CapturedTransfer[],
  findings: readonly Finding[],
): ScenarioInput {
  const { dialogue } = session;
  const commandAt = (i: number | undefined) =>
    i === undefined ? undefined : (dialogue[i] as FtpCommandLine | undefined);
  const firstMode = dialogue.find((l): l is FtpCommandLine => l.kind === 'command' && MODE_VERBS.has(l.verb));
  const mode: Mode = firstMode ? (MODE_OF[firstMode.verb] ?? 'passive') : 'active';
  const activeMode = mode === 'active' || mode === 'eprt';

  const commands: NonNullable<ScenarioInput['commands']> = [];
  const files: { name: string; size: number }[] = [];
  let uploads = true;
  for (const t of transfers.slice(0, SCENARIO_LIMITS.commands.max)) {
    const line = commandAt(t.commandLine);
    const data = session.dataConnections.find((d) => d.index === t.data);
    const moved = data ? Math.max(data.bytes.fromInitiator, data.bytes.fromResponder) : 0;
    const size = clamp(moved, SCENARIO_LIMITS.fileSize);
    if (t.verb === 'RETR') {
      const file = scenarioFileName(line?.argument);
      commands.push({ verb: 'RETR', file });
      if (t.outcome === 'success' || t.reason !== 'file-unavailable')
        if (!files.some((f) => f.name === file)) files.push({ name: file, size });
    } else if (t.verb === 'STOR' || t.verb === 'STOU' || t.verb === 'APPE') {
      const file = scenarioFileName(line?.argument);
      commands.push({ verb: 'STOR', file, size });
      if (t.reason === 'cannot-create' && !files.some((f) => f.name === file))
        files.push({ name: file, size });
      if (t.reason === 'permission-denied') uploads = false;
    } else {
      commands.push({ verb: 'LIST' });
    }
  }

  const kinds = new Set(findings.map((f) => f.kind));
  const dataSynLost = session.dataConnections.some(
    (d) => !d.established && d.syns.length > 0 && d.resets.length === 0,
  );
  // An IPv6 session is simulated over IPv6, where the simulator has no NAT (every host has its own
  // global address), and its addresses are IPv6 ones.
  const v6 = session.ipVersion === 6;
  const usable = (ip: string): boolean => (v6 ? isIpv6(ip) : isIpv4(ip));
  const clientNat = !v6 && (kinds.has('natPortAddress') || kinds.has('illegalPort'));
  const serverNat = v6
    ? 'none'
    : kinds.has('natPassivePrivate')
      ? 'private'
      : kinds.has('natPassivePublic')
        ? 'public'
        : 'none';

  const input: ScenarioInput & { client: Record<string, unknown>; server: Record<string, unknown> } = {
    mode,
    client: {},
    server: {},
  };
  if (v6) input.ipVersion = 6;
  if (commands.length > 0) input.commands = commands;
  const user = dialogue.find((l): l is FtpCommandLine => l.kind === 'command' && l.verb === 'USER')?.argument;
  if (user && /^[\x21-\x7e]{1,32}$/.test(user)) input.user = user;

  // Addresses the capture shows, as the scenario names them.
  const seenClient = session.client.ip;
  const seenServer = session.server.ip;
  const announcedByClient = commandAt(dialogue.findIndex((l) => l.kind === 'command' && !!l.address))?.address
    ?.ip;
  if (clientNat) {
    if (isIpv4(seenClient)) input.clientRouter = { wanIp: seenClient };
    if (announcedByClient && isIpv4(announcedByClient) && isPrivateIpv4(announcedByClient))
      input.client.ip = announcedByClient;
  } else if (usable(seenClient)) {
    input.client.ip = seenClient;
  }
  const announcedByServer = dialogue.find(
    (l): l is FtpReplyLine => l.kind === 'reply' && l.code === 227 && !!l.address,
  )?.address?.ip;
  if (serverNat === 'private') {
    if (isIpv4(seenServer)) input.serverRouter = { wanIp: seenServer };
    if (announcedByServer && isIpv4(announcedByServer)) input.server.ip = announcedByServer;
  } else if (serverNat === 'public') {
    if (point === 'server' && isIpv4(seenServer)) input.server.ip = seenServer;
    if (announcedByServer && isIpv4(announcedByServer)) input.serverRouter = { wanIp: announcedByServer };
  } else if (usable(seenServer)) {
    input.server.ip = seenServer;
  }
  if (serverNat !== 'none') input.serverNat = serverNat;
  if (clientNat) input.clientNat = true;

  const controlPort = session.client.port;
  if (
    controlPort >= SCENARIO_LIMITS.clientControlPort.min &&
    controlPort <= SCENARIO_LIMITS.clientControlPort.max
  )
    input.client.controlPort = controlPort;
  const announcedPort = firstMode
    ? dialogue.find((l) => l.address && l.at >= firstMode.at)?.address?.port
    : undefined;
  if (activeMode) input.client.dataPort = announcedPort === controlPort + 1 ? 'textbook' : 'realistic';
  else input.client.dataPort = 'realistic';
  const passivePorts = dialogue
    .filter((l): l is FtpReplyLine => l.kind === 'reply' && (l.code === 227 || l.code === 229) && !!l.address)
    .map((l) => l.address?.port ?? 0);
  if (passivePorts.length > 0)
    input.server.passivePorts = { min: Math.min(...passivePorts), max: Math.max(...passivePorts) };
  if (files.length > 0) input.server.files = files.slice(0, SCENARIO_LIMITS.serverFiles.max);
  if (!uploads) input.server.uploads = false;

  // What the failures show of firewalls, and how long each side waited.
  if (dataSynLost && activeMode && !clientNat) input.clientFirewall = 'stateful';
  if (dataSynLost && !activeMode && serverNat === 'none') input.serverFirewall = 'port21';
  for (const t of transfers) {
    const final = reply(dialogue, t.finalLine);
    const command = dialogue[t.commandLine];
    if (final?.code !== 425 || !command) continue;
    const waited = seconds(final.at - command.at);
    if (activeMode) input.server.connectTimeout = clamp(waited, SCENARIO_LIMITS.serverConnectTimeout);
    else input.server.acceptTimeout = clamp(waited, SCENARIO_LIMITS.serverAcceptTimeout);
    const data = session.dataConnections.find((d) => d.index === t.data);
    const firstSyn = data?.syns[0];
    // Passive: the client tried to connect until it gave up and sent the command anyway.
    if (!activeMode && data && !data.established && firstSyn && command.at > firstSyn.at)
      input.client.connectTimeout = clamp(
        seconds(command.at - firstSyn.at),
        SCENARIO_LIMITS.clientConnectTimeout,
      );
    break;
  }
  // The reference captures' lab routes private addresses as they are: so does a scenario that shows one.
  const plain = [!clientNat && input.client.ip, serverNat === 'none' && input.server.ip];
  if (plain.some((a) => typeof a === 'string' && isIpv4(a) && isPrivateIpv4(a)))
    input.network = 'routed-private';
  return workable(input);
}

const ADDRESS_FIELDS = [
  'client.ip',
  'server.ip',
  'clientRouter.lanIp',
  'clientRouter.wanIp',
  'serverRouter.wanIp',
  'serverRouter.lanIp',
];

/**
 * The scenario without the addresses the engine cannot use together (loopback, one address on both
 * hosts, a public address behind NAT…): those take the scenario's defaults instead.
 */
function workable(input: ScenarioInput): ScenarioInput {
  let scenario: Record<string, unknown> = { ...input };
  const holder = (section: string) => scenario[section] as Record<string, unknown> | undefined;
  const explicit = (field: string): boolean => {
    const [section = '', name = ''] = field.split('.');
    return holder(section)?.[name] !== undefined;
  };
  const without = (field: string): void => {
    const [section = '', name = ''] = field.split('.');
    const fields = holder(section);
    if (!fields) return;
    const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name));
    scenario =
      Object.keys(rest).length > 0
        ? { ...scenario, [section]: rest }
        : Object.fromEntries(Object.entries(scenario).filter(([k]) => k !== section));
  };
  // Drop the addresses a problem names; when it names a default one, the capture's own clash with it.
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = parseScenario(scenario);
    if (result.ok) return scenario as ScenarioInput;
    const named = result.problems.map((p) => p.field).filter((f) => ADDRESS_FIELDS.includes(f));
    const own = named.filter(explicit);
    (own.length > 0 ? own : ADDRESS_FIELDS.filter(explicit)).forEach(without);
    if (own.length === 0 && attempt > 0)
      scenario = Object.fromEntries(Object.entries(scenario).filter(([k]) => k !== 'network'));
  }
  if (parseScenario(scenario).ok) return scenario as ScenarioInput;
  // Whatever else the capture suggests, its mode and commands always make a valid scenario.
  return { mode: input.mode, ...(input.commands ? { commands: input.commands } : {}) };
}
