import {
  commandLine,
  eventOfPacket,
  flagLabel,
  formatEndpoint,
  isPacketEvent,
  packetRoute,
  replyLine,
  socketTable,
  type ConnId,
  type ConntrackState,
  type DeviceId,
  type Endpoint,
  type HostId,
  type Packet,
  type PacketEvent,
  type Scenario,
  type SocketEntry,
  type SocketState,
  type StepEvent,
  type TimerId,
  type TlsWireSummary,
  tlsWireSummary,
} from '../../engine';
import { connLabel, type ConnLabel } from '../../store/selectors';

/**
 * What the network diagram draws at one step, derived from the engine's events and analysis functions
 * (packetRoute, socketTable). Pure and display-only: it picks, formats and places engine facts; it never
 * decides a protocol fact itself.
 */

/** The text on a packet: its TCP flags, its FTP line, or how many data bytes it carries. */
export type PacketLabel =
  | { readonly kind: 'flags'; readonly text: string }
  | { readonly kind: 'ftp'; readonly text: string }
  | { readonly kind: 'bytes'; readonly count: number }
  /** Explicit FTPS: TLS records, which a box on the path reads only by their headers. */
  | { readonly kind: 'tls'; readonly summary: TlsWireSummary };

export interface PacketScene {
  readonly id: number;
  readonly conn: ConnId;
  readonly connLabel: ConnLabel;
  /** The boxes from the sender towards the destination (packetRoute). */
  readonly path: readonly DeviceId[];
  /** Where it ends: the destination, or the device that dropped or refused it. */
  readonly stopsAt: DeviceId;
  readonly fate: 'delivered' | 'dropped' | 'refused' | 'unanswered';
  readonly label: PacketLabel;
  /** 0 for a first transmission, n for the n-th retransmission. */
  readonly retransmission: number;
  /**
   * `travel`: the step is the packet itself, which moves from its sender to `stopsAt`. `parked`: the step
   * is a device's decision about it (verdict, NAT), so it sits where it reached that device.
   */
  readonly motion: { readonly kind: 'travel' } | { readonly kind: 'parked'; readonly at: DeviceId };
}

export interface AddressChange {
  readonly field: 'src' | 'dst';
  readonly before: string;
  readonly after: string;
}

/** A callout beside a device: what happens there at this step. */
export type Note =
  | { readonly kind: 'dropped'; readonly device: DeviceId; readonly rule: string }
  | { readonly kind: 'refused'; readonly device: DeviceId }
  | {
      readonly kind: 'nat';
      readonly device: DeviceId;
      /** As the engine reported it for a connection's first packet; absent for later packets of the flow. */
      readonly type?: 'snat' | 'dnat';
      readonly changes: readonly AddressChange[];
    }
  | { readonly kind: 'payload'; readonly device: DeviceId; readonly before: string; readonly after: string }
  /** Explicit FTPS: the FTP helper could not read the line inside a TLS record. */
  | { readonly kind: 'blind'; readonly device: DeviceId; readonly line: string }
  | {
      readonly kind: 'verdict';
      readonly device: DeviceId;
      readonly action: 'accept' | 'drop';
      readonly state: ConntrackState;
      readonly rule: string;
    }
  | {
      readonly kind: 'expectation';
      readonly device: DeviceId;
      readonly source: string;
      readonly destination: string;
      readonly translatedTo?: string;
    }
  | { readonly kind: 'timer'; readonly device: HostId; readonly timer: TimerId; readonly after: number };

export interface Scene {
  readonly packet?: PacketScene;
  readonly notes: readonly Note[];
  /** The device this step is about, drawn emphasised. */
  readonly focus?: DeviceId;
}

function packetLabel(e: PacketEvent): PacketLabel {
  if (e.packet.tls) return { kind: 'tls', summary: tlsWireSummary(e.packet.tls) };
  switch (e.kind) {
    case 'ftp/command-sent':
      return { kind: 'ftp', text: commandLine(e.command).trim() };
    case 'ftp/reply-sent':
      return { kind: 'ftp', text: replyLine(e.reply).trim() };
    case 'tcp/segment-sent': {
      const { segment } = e.packet;
      return segment.payload.length > 0
        ? { kind: 'bytes', count: segment.payload.length }
        : { kind: 'flags', text: flagLabel(segment.flags) };
    }
  }
}

function packetScene(e: PacketEvent, motion: PacketScene['motion']): PacketScene {
  const { packet } = e;
  const route = packetRoute(packet);
  return {
    id: packet.id,
    conn: packet.conn,
    connLabel: connLabel(packet.conn),
    path: route.path,
    stopsAt: route.stopsAt,
    fate: packet.fate.kind,
    label: packetLabel(e),
    retransmission: packet.retransmission,
    motion,
  };
}

function changesOf(
  before: { readonly src: Endpoint; readonly dst: Endpoint },
  after: { readonly src: Endpoint; readonly dst: Endpoint },
): AddressChange[] {
  const changes: AddressChange[] = [];
  for (const field of ['src', 'dst'] as const) {
    const b = formatEndpoint(before[field]);
    const a = formatEndpoint(after[field]);
    if (a !== b) changes.push({ field, before: b, after: a });
  }
  return changes;
}

/** The NAT routers of a scenario, in path order. */
function natRouters(scenario: Scenario): DeviceId[] {
  const routers: DeviceId[] = [];
  if (scenario.clientNat) routers.push('client-router');
  if (scenario.serverNat !== 'none') routers.push('server-router');
  return routers;
}

/**
 * A packet whose two hosts saw different addresses was translated on its way. The engine reports the
 * translation of a connection's first packet (`nat/translated`); for the later packets of the flow the
 * diagram shows the rewrite from the two views, at the NAT router nearest the sender for the source and
 * nearest the receiver for the destination.
 */
function natNotes(events: readonly StepEvent[], packet: Packet, scenario: Scenario): Note[] {
  if (packet.from !== 'client' && packet.from !== 'server') return [];
  const receiver: HostId = packet.from === 'client' ? 'server' : 'client';
  const sent = packet.views[packet.from]?.segment ?? packet.segment;
  const got = packet.views[receiver]?.segment;
  if (!got) return [];
  const reported = events.filter(
    (x): x is Extract<StepEvent, { kind: 'nat/translated' }> =>
      x.kind === 'nat/translated' && x.packetId === packet.id,
  );
  if (reported.length > 0)
    return reported.map((x) => ({
      kind: 'nat',
      device: x.device,
      type: x.type,
      changes: changesOf(x.before, x.after),
    }));
  const changes = changesOf(sent, got);
  const path = packetRoute(packet).path;
  const routers = natRouters(scenario).filter((r) => path.includes(r));
  const ordered = [...routers].sort((a, b) => path.indexOf(a) - path.indexOf(b));
  const nearSender = ordered[0];
  const nearReceiver = ordered[ordered.length - 1];
  if (!nearSender || !nearReceiver || changes.length === 0) return [];
  const byDevice = new Map<DeviceId, AddressChange[]>();
  for (const change of changes) {
    const device = change.field === 'src' ? nearSender : nearReceiver;
    byDevice.set(device, [...(byDevice.get(device) ?? []), change]);
  }
  return [...byDevice].map(([device, list]) => ({ kind: 'nat', device, changes: list }));
}

function fateNotes(packet: Packet): Note[] {
  const { fate } = packet;
  if (fate.kind === 'dropped') return [{ kind: 'dropped', device: fate.device, rule: fate.rule.text }];
  if (fate.kind === 'refused') return [{ kind: 'refused', device: fate.device }];
  return [];
}

function parked(events: readonly StepEvent[], packetId: number, at: DeviceId): PacketScene | undefined {
  const e = eventOfPacket(events, packetId);
  return e && isPacketEvent(e) ? packetScene(e, { kind: 'parked', at }) : undefined;
}

/** The diagram's content at the event `cursor`. */
export function diagramScene(events: readonly StepEvent[], cursor: number, scenario: Scenario): Scene {
  const e = events[cursor];
  if (!e) return { notes: [] };
  if (isPacketEvent(e)) {
    const packet = packetScene(e, { kind: 'travel' });
    const notes = [...natNotes(events, e.packet, scenario), ...fateNotes(e.packet)];
    return { packet, notes, ...(packet.fate !== 'delivered' ? { focus: packet.stopsAt } : {}) };
  }
  switch (e.kind) {
    case 'fw/verdict': {
      const packet = parked(events, e.packetId, e.device);
      const note: Note = {
        kind: 'verdict',
        device: e.device,
        action: e.verdict.action,
        state: e.verdict.state,
        rule: e.verdict.rule.text,
      };
      return { ...(packet ? { packet } : {}), notes: [note], focus: e.device };
    }
    case 'nat/translated': {
      const packet = parked(events, e.packetId, e.device);
      const note: Note = {
        kind: 'nat',
        device: e.device,
        type: e.type,
        changes: changesOf(e.before, e.after),
      };
      return { ...(packet ? { packet } : {}), notes: [note], focus: e.device };
    }
    case 'nat/payload-rewritten': {
      const packet = parked(events, e.packetId, e.device);
      const note: Note = { kind: 'payload', device: e.device, before: e.before, after: e.after };
      return { ...(packet ? { packet } : {}), notes: [note], focus: e.device };
    }
    case 'conntrack/expectation-created': {
      const x = e.expectation;
      const note: Note = {
        kind: 'expectation',
        device: x.device,
        source: x.sourceIp,
        destination: formatEndpoint(x.destination),
        ...(x.translatedTo ? { translatedTo: formatEndpoint(x.translatedTo) } : {}),
      };
      return { notes: [note], focus: x.device };
    }
    case 'conntrack/helper-blind': {
      const packet = parked(events, e.packetId, e.device);
      const note: Note = { kind: 'blind', device: e.device, line: e.line };
      return { ...(packet ? { packet } : {}), notes: [note], focus: e.device };
    }
    case 'timer/expired':
      return { notes: [{ kind: 'timer', device: e.host, timer: e.timer, after: e.after }], focus: e.host };
    case 'socket/listening':
    case 'socket/closed':
      return { notes: [], focus: e.host };
    case 'transfer/finished':
    case 'session/finished':
      return { notes: [] };
  }
}

export interface SocketRow {
  /** Stable across steps, so a row keeps its identity while its state changes. */
  readonly key: string;
  readonly conn: ConnId;
  readonly connLabel: ConnLabel;
  readonly state: SocketState;
  /** Its own address (`ip:port`), and the port alone. */
  readonly local: string;
  readonly localPort: number;
  /** The peer as this host sees it; absent for a listening socket. */
  readonly remote?: string;
}

export interface HostSockets {
  readonly rows: readonly SocketRow[];
  /** Sockets left out for lack of room (the oldest ones in TIME_WAIT first). */
  readonly hidden: number;
}

function keyOf(s: SocketEntry): string {
  return `${s.conn}/${s.remote ? 'end' : 'listen'}/${formatEndpoint(s.local)}`;
}

/**
 * Each host's sockets after the event at `cursor` (the engine's socketTable), as the diagram lists them:
 * a socket that closed at this very step is still shown (as CLOSED, on its way out); one closed earlier
 * is gone. At most `capacity` rows per host, one of them saying how many more there are.
 */
export function visibleSockets(
  events: readonly StepEvent[],
  cursor: number,
  capacity: number,
): Readonly<Record<HostId, HostSockets>> {
  const now = socketTable(events, cursor);
  const before = new Map(
    cursor > 0 ? socketTable(events, cursor - 1).map((s) => [`${s.host} ${keyOf(s)}`, s]) : [],
  );
  const forHost = (host: HostId): HostSockets => {
    const shown = now.filter((s) => {
      if (s.host !== host) return false;
      if (s.state !== 'CLOSED') return true;
      const previous = before.get(`${host} ${keyOf(s)}`);
      return previous !== undefined && previous.state !== 'CLOSED';
    });
    let kept = shown;
    if (shown.length > capacity) {
      const room = capacity - 1;
      const drop = new Set<SocketEntry>();
      const candidates = [
        ...shown.filter((s) => s.state === 'TIME_WAIT'),
        ...shown.filter((s) => s.state !== 'TIME_WAIT'),
      ];
      for (const s of candidates) {
        if (shown.length - drop.size <= room) break;
        drop.add(s);
      }
      kept = shown.filter((s) => !drop.has(s));
    }
    return {
      rows: kept.map((s) => ({
        key: keyOf(s),
        conn: s.conn,
        connLabel: connLabel(s.conn),
        state: s.state,
        local: formatEndpoint(s.local),
        localPort: s.local.port,
        ...(s.remote ? { remote: formatEndpoint(s.remote) } : {}),
      })),
      hidden: shown.length - kept.length,
    };
  };
  return { client: forHost('client'), server: forHost('server') };
}

// What each box is comes from the engine, the same wiring its network simulates.
export { deviceFeatures, type DeviceFeatures } from '../../engine';
