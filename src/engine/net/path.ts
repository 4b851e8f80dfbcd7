import { advance, type VirtualTime } from '../clock/virtualTime';
import {
  DEVICE_PATH,
  type ConnId,
  type DeviceId,
  type DraftEvent,
  type HostId,
  type PacketFate,
  type RuleRef,
  type SegmentView,
} from '../events/stepEvent';
import { EMPTY_TABLE, type ConntrackTable } from '../netfilter/conntrack';
import { clientFirewall, serverFirewall } from '../netfilter/firewall';
import { trackPacket, type DeviceConfig } from '../netfilter/track';
import type { Scenario } from '../scenario/scenario';
import type { TcpSegment } from '../tcp/segment';
import type { IpAddress } from './address';
import { deviceFeatures } from './deviceFeatures';
import { natRules } from './natRules';
import type { Topology } from './topology';

/** One-way delay of each link in the lab (the captures show round trips of 40–120 µs). */
const HOP_DELAY_US = 10;

/** The boxes on the path and what the network between the routers delivers. */
export interface PathConfig {
  readonly devices: Readonly<Record<DeviceId, DeviceConfig>>;
  readonly routable: ReadonlySet<string>;
}

/** The conntrack table of each device (empty where the device keeps none). */
export type PathState = Readonly<Record<DeviceId, ConntrackTable>>;

export const EMPTY_PATH: PathState = {
  client: EMPTY_TABLE,
  'client-router': EMPTY_TABLE,
  internet: EMPTY_TABLE,
  'server-router': EMPTY_TABLE,
  server: EMPTY_TABLE,
};

/** The path with one device's table replaced (written out, so every state has the same shape). */
function withTable(state: PathState, id: DeviceId, table: ConntrackTable): PathState {
  return {
    client: id === 'client' ? table : state.client,
    'client-router': id === 'client-router' ? table : state['client-router'],
    internet: state.internet,
    'server-router': id === 'server-router' ? table : state['server-router'],
    server: id === 'server' ? table : state.server,
  };
}

export interface Transmission {
  readonly packetId: number;
  readonly conn: ConnId;
  readonly from: DeviceId;
  readonly toward: HostId;
  readonly at: VirtualTime;
  readonly segment: TcpSegment;
  /** Explicit FTPS: the FTP line sealed in the segment's TLS record (see `Passage.sealedLine`). */
  readonly sealedLine?: string;
}

export interface Forwarded {
  readonly views: { client?: SegmentView; server?: SegmentView };
  readonly fate: PacketFate;
  /** The segment as the receiving host got it, and when. */
  readonly arrival: SegmentView | undefined;
  /** Where a router's own stack refused it: the segment as it reached that router. */
  readonly refusedAt: SegmentView | undefined;
  /** Firewall, NAT and conntrack decisions the packet caused on its way, in path order. */
  readonly decisions: readonly DraftEvent[];
}

export function pathConfig(s: Scenario, topo: Topology): PathConfig {
  const features = deviceFeatures(s);
  const nat = natRules(s, topo.addresses);
  const cfw = clientFirewall(s);
  const sfw = serverFirewall(s);
  const device = (id: DeviceId, extra: Partial<DeviceConfig>): DeviceConfig => ({
    id,
    tracks: features[id].conntrack,
    helper: features[id].helper,
    ...extra,
  });
  return {
    devices: {
      client: device('client', cfw ? { firewall: cfw } : {}),
      'client-router': device('client-router', nat.client ? { nat: nat.client } : {}),
      internet: device('internet', {}),
      'server-router': device('server-router', nat.server ? { nat: nat.server } : {}),
      server: device('server', sfw ? { firewall: sfw } : {}),
    },
    routable: topo.routable,
  };
}

/** A segment's way from its sender toward a host, device by device: each one's decisions, and its fate. */
export function forward(
  config: PathConfig,
  state: PathState,
  t: Transmission,
): { state: PathState; forwarded: Forwarded } {
  const start = DEVICE_PATH.indexOf(t.from);
  const end = DEVICE_PATH.indexOf(t.toward);
  const step = end > start ? 1 : -1;
  let segment = t.segment;
  let tables = state;
  const views: Forwarded['views'] = {};
  const decisions: DraftEvent[] = [];
  // Routers decrement the TTL; the copy with the new TTL is made once, where a host sees the packet.
  let routersPassed = 0;
  const done = (fate: PacketFate, arrival?: SegmentView, refusedAt?: SegmentView) => ({
    state: tables,
    forwarded: { views, decisions, fate, arrival, refusedAt },
  });
  for (let i = start; ; i += step) {
    const id = DEVICE_PATH[i] as DeviceId;
    const at = advance(t.at, Math.abs(i - start) * HOP_DELAY_US);
    const isSender = i === start;
    if (i === end) {
      segment = withTtl(segment, routersPassed);
      routersPassed = 0;
      if (id === 'client' || id === 'server') views[id] = { at, segment };
    }
    if (!isSender && (id === 'client-router' || id === 'server-router')) routersPassed++;
    if (id === 'internet' && !config.routable.has(segment.dst.ip)) {
      const rule = noRoute(segment.dst.ip);
      decisions.push({
        kind: 'fw/verdict',
        at,
        conn: t.conn,
        packetId: t.packetId,
        device: 'internet',
        tuple: { src: segment.src, dst: segment.dst },
        verdict: { action: 'drop', state: 'new', rule },
      });
      return done({ kind: 'dropped', device: 'internet', rule });
    }
    const device = config.devices[id];
    if (device.tracks) {
      const passage = {
        at,
        conn: t.conn,
        packetId: t.packetId,
        isSender,
        towardServer: step === 1,
        ...(t.sealedLine !== undefined ? { sealedLine: t.sealedLine } : {}),
      };
      const tracked = trackPacket(device, tables[id], segment, passage);
      if (tracked.table !== tables[id]) tables = withTable(tables, id, tracked.table);
      decisions.push(...tracked.decisions);
      const outcome = tracked.outcome;
      if (outcome.kind === 'drop') return done({ kind: 'dropped', device: id, rule: outcome.rule });
      if (outcome.kind === 'local') return done({ kind: 'refused', device: id }, undefined, { at, segment });
      segment = outcome.segment;
    }
    if (isSender && (id === 'client' || id === 'server')) views[id] = { at, segment };
    if (i === end) return done({ kind: 'delivered' }, { at, segment });
  }
}

function withTtl(segment: TcpSegment, routersPassed: number): TcpSegment {
  if (routersPassed === 0) return segment;
  const { src, dst, seq, ack, flags, window, options, payload, ip } = segment;
  return {
    src,
    dst,
    seq,
    ack,
    flags,
    window,
    options,
    payload,
    ip:
      ip.flowLabel === undefined
        ? { id: ip.id, ttl: ip.ttl - routersPassed }
        : { id: ip.id, ttl: ip.ttl - routersPassed, flowLabel: ip.flowLabel },
  };
}

/**
 * What the network between the routers has for a NAT'd LAN's private addresses: no route (measured: SYNs
 * vanish silently). The scenario's addresses are checked (`addressProblems`), so only private ones end here.
 */
function noRoute(ip: IpAddress): RuleRef {
  const range = ip.startsWith('10.')
    ? '10.0.0.0/8'
    : ip.startsWith('192.168.')
      ? '192.168.0.0/16'
      : '172.16.0.0/12';
  return { device: 'internet', chain: 'ROUTING', id: 'no-route-private', text: `blackhole ${range}` };
}
