/**
 * A captured session as the app's `StepEvent[]`, so the simulator's replay (diagram, ladder, inspector,
 * narration, player, presentation, exports) shows it unchanged. Each kept packet becomes one event (one
 * per FTP message it completes), with the packet as the capture point recorded it (`views` holds only
 * that point), `captured` naming the frame, and a fate the capture supports: delivered when the other
 * side answered it, `unanswered` when nothing did. Transfers end with `transfer/finished`, the session
 * with `session/finished`, as in a simulation. Narration keys are the engine's where its sentence holds
 * for any FTP session, and the capture catalog's (`narration.capture.*`) where a capture needs its own.
 */
import { FTP_COMMAND_VERBS } from '../engine';
import type {
  CapturePointId,
  ConnId,
  DeviceId,
  Endpoint,
  FtpCommand,
  FtpReply,
  HostId,
  Narration,
  Packet,
  PacketFate,
  StepEvent,
  TcpSegment,
  TransferSummary,
  VirtualTime,
} from '../engine';
import type { CapturedPacket } from './captureReader';
import type { DataConnection, FtpSession } from './ftpAnalyzer';
import type { FtpCommandLine, FtpLine, FtpReplyLine } from './ftpLines';
import type { CapturedTransfer } from './sessionAnalysis';
import { seqDiff } from './tcpStream';

type Params = Record<string, string | number>;
type Draft = Omit<StepEvent, 'index'>;

interface ConnInfo {
  readonly conn: ConnId;
  /** The session role of the endpoint `a` (the control client, or the data initiator). */
  readonly aRole: HostId;
  readonly a: Endpoint;
  readonly data?: DataConnection;
}

const key = (x: Endpoint, y: Endpoint): string => `${x.ip}#${x.port}>${y.ip}#${y.port}`;
const same = (x: Endpoint, y: Endpoint): boolean => x.ip === y.ip && x.port === y.port;

/** `ip:port`, an IPv6 address in brackets (RFC 3986) so the port stays readable. */
export function endpointText(e: Endpoint): string {
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
}

function flagText(s: TcpSegment): string {
  const f = s.flags;
  return [f.fin && 'FIN', f.syn && 'SYN', f.rst && 'RST', f.psh && 'PSH', f.ack && 'ACK']
    .filter(Boolean)
    .join(', ');
}

/** Verbs the engine narrates with its own sentences (they hold for any FTP session). */
const ENGINE_VERBS: ReadonlySet<string> = new Set(FTP_COMMAND_VERBS);
/** Verbs the capture catalog explains. */
export const CAPTURE_VERBS = [
  'SYST',
  'FEAT',
  'PWD',
  'CWD',
  'CDUP',
  'NLST',
  'MLSD',
  'SIZE',
  'MDTM',
  'AUTH',
  'OPTS',
  'NOOP',
  'REST',
  'APPE',
  'STOU',
  'DELE',
  'MKD',
] as const;
/** Replies whose engine sentence holds for any server. */
const ENGINE_REPLIES = new Set([150, 200, 220, 221, 226, 227, 229, 230, 331, 425, 550]);
/** Replies the capture catalog explains. */
export const CAPTURE_REPLIES = [125, 211, 215, 250, 257, 421, 426, 500, 530] as const;

/** Every `narration.capture.*` key a captured session's events can carry (the catalogs define each). */
export const CAPTURE_NARRATION_KEYS = [
  'narration.capture.synControl',
  ...['PORT', 'EPRT', '227', '229', 'none'].map((a) => `narration.capture.synData.${a}`),
  'narration.capture.synRetransmitted',
  'narration.capture.rst',
  'narration.capture.dataAfterGap',
  'narration.capture.controlText',
  ...[...CAPTURE_VERBS, 'other'].map((v) => `narration.capture.command.${v}`),
  ...CAPTURE_REPLIES.map((c) => `narration.capture.reply.${c}`),
  'narration.capture.transferFailed',
  ...['success', 'failed', 'noTransfer'].map((o) => `narration.capture.session.${o}`),
];

export interface SessionEventsInput {
  readonly session: FtpSession;
  readonly point: CapturePointId;
  readonly transfers: readonly CapturedTransfer[];
  readonly outcome: 'success' | 'failed';
}

export interface SessionEvents {
  readonly events: StepEvent[];
  /** The engine-shaped transfer summaries, `failedPacket` pointing into these events. */
  readonly transfers: TransferSummary[];
}

export function sessionEvents({ session, point, transfers, outcome }: SessionEventsInput): SessionEvents {
  const packets = session.replay?.packets ?? [];
  const conns = new Map<string, ConnInfo>();
  const control: ConnInfo = { conn: 'control', aRole: 'client', a: session.client };
  conns.set(key(session.client, session.server), control);
  conns.set(key(session.server, session.client), control);
  for (const d of session.dataConnections) {
    const info: ConnInfo = {
      conn: `data-${d.index}`,
      aRole: d.openedBy === 'client' ? 'client' : 'server',
      a: d.initiator,
      data: d,
    };
    conns.set(key(d.initiator, d.responder), info);
    conns.set(key(d.responder, d.initiator), info);
  }
  const fates = fatesOf(packets, conns);
  const linesByFrame = new Map<number, FtpLine[]>();
  for (const line of session.dialogue)
    linesByFrame.set(line.frame, [...(linesByFrame.get(line.frame) ?? []), line]);
  const announcedBy = (d: DataConnection | undefined): string => {
    const line = d?.announcedBy === undefined ? undefined : session.dialogue[d.announcedBy];
    if (!line) return 'none';
    return line.kind === 'command'
      ? line.verb === 'EPRT'
        ? 'EPRT'
        : 'PORT'
      : line.code === 229
        ? '229'
        : '227';
  };

  const start = packets[0]?.at ?? session.firstAt;
  const drafts: Draft[] = [];
  const packetIdOfFrame = new Map<number, number>();
  const copies = new Map<string, number>();
  const handshakeDone = new Set<ConnId>();
  const gapShown = new Set<number>();
  const finalLines = new Map<number, CapturedTransfer>();
  for (const t of transfers) if (t.finalLine !== undefined) finalLines.set(t.finalLine, t);
  const summaries: TransferSummary[] = [];
  let clock = 0;
  let id = 0;

  for (const p of packets) {
    const info = conns.get(key(p.src, p.dst));
    if (!info) continue;
    const fromA = same(p.src, info.a);
    const from: HostId = fromA ? info.aRole : info.aRole === 'client' ? 'server' : 'client';
    const segment = segmentOf(p);
    const at = Math.max(clock, Math.round(p.at - start)) as VirtualTime;
    clock = at;
    // Only what takes sequence space is sent again; pure ACKs repeat the same numbers by design.
    const occupies = p.payload.length > 0 || p.flags.syn || p.flags.fin;
    const copyKey = `${info.conn}|${fromA}|${p.seq}|${p.payload.length}|${p.flags.syn}|${p.flags.fin}`;
    const retransmission = occupies ? (copies.get(copyKey) ?? 0) : 0;
    if (occupies) copies.set(copyKey, retransmission + 1);
    const packet: Packet = {
      id: ++id,
      conn: info.conn,
      from,
      segment,
      views: point === 'between' ? {} : { [point]: { at, segment } },
      fate: fates.get(p) ?? { kind: 'delivered' },
      retransmission,
      captured: { point, frame: p.frame },
    };
    packetIdOfFrame.set(p.frame, packet.id);
    const base = {
      conn: info.conn,
      sender: from,
      from: endpointText(p.src),
      to: endpointText(p.dst),
      flags: flagText(segment),
      bytes: p.payload.length,
      n: retransmission,
    };

    const lines =
      info.conn === 'control'
        ? (linesByFrame.get(p.frame) ?? []).filter((l) => (l.kind === 'command') === (from === 'client'))
        : [];
    if (lines.length > 0) {
      for (const line of lines) {
        drafts.push(line.kind === 'command' ? commandEvent(line, packet, at) : replyEvent(line, packet, at));
        const index = session.dialogue.indexOf(line);
        const transfer = finalLines.get(index);
        if (transfer) summaries.push(pushTransfer(drafts, transfer, at, session, packetIdOfFrame));
      }
      continue;
    }
    let narration: Narration;
    const f = segment.flags;
    if (f.rst) narration = { key: 'narration.capture.rst', params: base };
    else if (f.syn && f.ack) narration = { key: 'narration.tcp.synAck', params: base };
    else if (f.syn)
      narration =
        retransmission > 0
          ? { key: 'narration.capture.synRetransmitted', params: base }
          : info.conn === 'control'
            ? { key: 'narration.capture.synControl', params: { ...base, port: p.dst.port } }
            : { key: `narration.capture.synData.${announcedBy(info.data)}`, params: base };
    else if (f.fin) narration = { key: 'narration.tcp.fin', params: base };
    else if (p.payload.length > 0) {
      const gap = info.data ? session.replay?.gaps[info.data.index] : undefined;
      if (info.data && gap && !gapShown.has(info.data.index) && p.frame > gap.afterFrame) {
        gapShown.add(info.data.index);
        narration = {
          key: 'narration.capture.dataAfterGap',
          params: { ...base, packets: gap.packets, gapBytes: gap.bytes },
        };
      } else if (info.conn === 'control') {
        narration = { key: 'narration.capture.controlText', params: base };
      } else {
        narration = { key: 'narration.tcp.data', params: base };
      }
    } else if (!handshakeDone.has(info.conn) && f.ack) {
      handshakeDone.add(info.conn);
      narration = { key: 'narration.tcp.handshakeAck', params: base };
    } else {
      narration = { key: 'narration.tcp.ack', params: base };
    }
    if (f.syn || p.payload.length > 0 || f.fin) handshakeDone.add(info.conn);
    drafts.push({ kind: 'tcp/segment-sent', at, packet, narration } as Draft);
  }

  // Transfers whose final reply the capture (or the kept packets) does not hold end with the session.
  for (const t of transfers)
    if (!summaries.some((s) => s.index === t.index))
      summaries.push(pushTransfer(drafts, t, clock as VirtualTime, session, packetIdOfFrame));
  drafts.push({
    kind: 'session/finished',
    at: clock as VirtualTime,
    outcome,
    narration: {
      key: `narration.capture.session.${transfers.length === 0 ? 'noTransfer' : outcome}`,
      params: {},
    },
  } as Draft);
  const events = drafts.map((d, index) => ({ ...d, index }) as StepEvent);
  summaries.sort((a, b) => a.index - b.index);
  return { events, transfers: summaries };
}

function segmentOf(p: CapturedPacket): TcpSegment {
  return {
    src: p.src,
    dst: p.dst,
    seq: p.seq,
    ack: p.ack,
    flags: p.flags,
    window: p.window,
    options: p.options,
    payload: p.payload,
    ip: p.ip,
  };
}

function addressParams(address: Endpoint | undefined): Params {
  if (!address) return {};
  return { ip: address.ip, port: address.port, p1: address.port >> 8, p2: address.port & 0xff };
}

function commandEvent(line: FtpCommandLine, packet: Packet, at: VirtualTime): Draft {
  // A real client sends verbs the engine's FtpCommand union does not list (SYST, CWD, NLST…): the
  // event keeps the verb as sent, and every reader of commands treats it as text (see the report).
  const command = {
    verb: line.verb,
    ...(line.argument !== undefined ? { argument: line.argument } : {}),
    ...(line.address ? { address: line.address } : {}),
  } as unknown as FtpCommand;
  const params: Params = {
    verb: line.verb,
    argument: line.argument ?? '',
    line: line.line,
    ...addressParams(line.address),
  };
  const addressed = line.verb !== 'PORT' && line.verb !== 'EPRT' ? true : line.address !== undefined;
  const key =
    ENGINE_VERBS.has(line.verb) && addressed
      ? `narration.ftp.command.${line.verb}`
      : (CAPTURE_VERBS as readonly string[]).includes(line.verb)
        ? `narration.capture.command.${line.verb}`
        : 'narration.capture.command.other';
  return { kind: 'ftp/command-sent', at, packet, command, narration: { key, params } } as Draft;
}

function replyEvent(line: FtpReplyLine, packet: Packet, at: VirtualTime): Draft {
  const reply: FtpReply = {
    code: line.code,
    text: line.text,
    ...(line.address && line.code === 227 ? { address: line.address } : {}),
    ...(line.port !== undefined ? { port: line.port } : {}),
  };
  const params: Params = { code: line.code, text: line.text, ...addressParams(line.address) };
  const illegalPort = line.code === 500 && /illegal (port|eprt)/i.test(line.text);
  const key =
    ENGINE_REPLIES.has(line.code) || illegalPort
      ? `narration.ftp.reply.${line.code}`
      : (CAPTURE_REPLIES as readonly number[]).includes(line.code)
        ? `narration.capture.reply.${line.code}`
        : 'narration.ftp.reply.other';
  return { kind: 'ftp/reply-sent', at, packet, reply, narration: { key, params } } as Draft;
}

function pushTransfer(
  drafts: Draft[],
  t: CapturedTransfer,
  at: VirtualTime,
  session: FtpSession,
  packetIdOfFrame: ReadonlyMap<number, number>,
): TransferSummary {
  const data = session.dataConnections.find((d) => d.index === t.data);
  const final = t.finalLine === undefined ? undefined : session.dialogue[t.finalLine];
  const mode = t.modeLine === undefined ? undefined : session.dialogue[t.modeLine];
  const failedFrame =
    t.outcome === 'success'
      ? undefined
      : t.reason === 'data-syn-dropped'
        ? data?.syns[0]?.frame
        : t.reason === 'connection-refused'
          ? data?.resets[0]?.frame
          : t.reason === 'port-rejected'
            ? (session.dialogue.find((l, i) => mode && i > (t.modeLine ?? 0) && l.kind === 'reply')?.frame ??
              final?.frame)
            : final?.frame;
  const failedPacket = failedFrame === undefined ? undefined : packetIdOfFrame.get(failedFrame);
  const summary: TransferSummary = {
    index: t.index,
    command: t.command,
    outcome: t.outcome,
    replyCodes: t.replyCodes,
    ...(t.reason ? { reason: t.reason } : {}),
    ...(failedPacket !== undefined ? { failedPacket } : {}),
  };
  const params = { command: t.command, index: t.index, codes: t.replyCodes.join(', ') };
  const key =
    t.outcome === 'success'
      ? 'narration.transfer.success'
      : t.reason
        ? `narration.transfer.failed.${t.reason}`
        : 'narration.capture.transferFailed';
  drafts.push({ kind: 'transfer/finished', at, transfer: summary, narration: { key, params } } as Draft);
  return summary;
}

/**
 * What the capture shows of each packet's fate: delivered when the other side answered it (acknowledged
 * its bytes, answered its SYN), unanswered when nothing did (or the sender had to send it again).
 */
function fatesOf(
  packets: readonly CapturedPacket[],
  conns: ReadonlyMap<string, ConnInfo>,
): Map<CapturedPacket, PacketFate> {
  const fates = new Map<CapturedPacket, PacketFate>();
  const byConn = new Map<ConnInfo, CapturedPacket[]>();
  for (const p of packets) {
    const info = conns.get(key(p.src, p.dst));
    if (info) byConn.set(info, [...(byConn.get(info) ?? []), p]);
  }
  for (const [info, list] of byConn) {
    const laterAck: [number | undefined, number | undefined] = [undefined, undefined];
    const laterAny = [false, false];
    const laterSyn = [new Set<number>(), new Set<number>()];
    for (let i = list.length - 1; i >= 0; i--) {
      const p = list[i] as CapturedPacket;
      const dir = same(p.src, info.a) ? 0 : 1;
      const other = dir === 0 ? 1 : 0;
      const f = p.flags;
      const end = (p.seq + p.payload.length + (f.syn ? 1 : 0) + (f.fin ? 1 : 0)) >>> 0;
      const acked = laterAck[other] !== undefined && seqDiff(laterAck[other] as number, end) >= 0;
      let answered: boolean;
      if (f.rst) answered = true;
      else if (f.syn && !f.ack) answered = laterAny[other] === true && !laterSyn[dir]?.has(p.seq);
      else if (f.syn || f.fin || p.payload.length > 0) answered = acked;
      else answered = true;
      if (!answered) {
        // Headed for the other end of the connection: a host, or (behind a router's NAT) its router.
        const role = dir === 0 ? info.aRole : info.aRole === 'client' ? 'server' : 'client';
        const device: DeviceId = role === 'client' ? 'server' : 'client';
        fates.set(p, { kind: 'unanswered', device });
      }
      laterAny[dir] = true;
      if (f.syn && !f.ack) laterSyn[dir]?.add(p.seq);
      if (f.ack && (laterAck[dir] === undefined || seqDiff(p.ack, laterAck[dir] as number) > 0))
        laterAck[dir] = p.ack;
    }
  }
  return fates;
}
