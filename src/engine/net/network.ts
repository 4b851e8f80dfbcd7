import { advance, type VirtualTime } from '../clock/virtualTime';
import type {
  ConnId,
  DeviceId,
  HostId,
  PacketFate,
  RuleRef,
  SegmentView,
  StepEvent,
} from '../events/stepEvent';
import {
  adjustSequence,
  classify,
  consumeExpectation,
  createTable,
  findExpectation,
  lookup,
  translated,
  type ConntrackEntry,
  type ConntrackTable,
  type Direction,
  type Tuple,
} from '../netfilter/conntrack';
import { clientFirewall, evaluateRules, serverFirewall, type Firewall } from '../netfilter/firewall';
import { inspectControlPayload } from '../netfilter/ftpHelper';
import type { Scenario } from '../scenario/scenario';
import type { TcpSegment } from '../tcp/segment';
import type { Endpoint, Ipv4 } from './address';
import { deviceFeatures } from './deviceFeatures';
import { topologyOf } from './topology';

/** Events as the network produces them, before the log numbers and narrates them. */
export type DraftEvent = StepEvent extends infer E
  ? E extends StepEvent
    ? Omit<E, 'index' | 'narration'>
    : never
  : never;
export type Emit = (event: DraftEvent) => void;

const PATH: readonly DeviceId[] = ['client', 'client-router', 'internet', 'server-router', 'server'];
/** One-way delay of each link in the lab (the captures show round trips of 40–120 µs). */
const HOP_DELAY_US = 10;

interface Device {
  readonly id: DeviceId;
  readonly conntrack?: ConntrackTable;
  readonly firewall?: Firewall;
  readonly helper: boolean;
  /** For a NAT router: what a new connection arriving here becomes. */
  readonly nat?: (tuple: Tuple, towardServer: boolean) => NatDecision;
}

type NatDecision =
  | { kind: 'snat'; to: Endpoint }
  | { kind: 'dnat'; to: Endpoint; rule: RuleRef }
  | { kind: 'none' }
  /** Addressed to the router itself, where nothing listens: its stack answers RST. */
  | { kind: 'local' };

export interface Transmission {
  readonly packetId: number;
  readonly conn: ConnId;
  readonly from: DeviceId;
  readonly toward: HostId;
  readonly at: VirtualTime;
  readonly segment: TcpSegment;
}

export interface Forwarded {
  readonly views: { client?: SegmentView; server?: SegmentView };
  readonly fate: PacketFate;
  /** The segment as the receiving host got it, and when. */
  readonly arrival?: SegmentView;
  /** Firewall, NAT and conntrack decisions the packet caused on its way, in path order. */
  readonly decisions: readonly DraftEvent[];
}

export interface Network {
  forward(t: Transmission): Forwarded;
}

export function createNetwork(s: Scenario): Network {
  // What the devices decide about the packet in flight; handed back with it so the log lists the packet first.
  let decisions: DraftEvent[] = [];
  const emit: Emit = (e) => {
    decisions.push(e);
  };
  const topo = topologyOf(s);
  const addr = topo.addresses;
  const features = deviceFeatures(s);
  const devices = new Map<DeviceId, Device>();
  const cfw = clientFirewall(s);
  const sfw = serverFirewall(s);
  devices.set('client', {
    id: 'client',
    helper: features['client'].helper,
    ...(cfw ? { conntrack: createTable(), firewall: cfw } : {}),
  });
  devices.set('server', {
    id: 'server',
    helper: features['server'].helper,
    ...(sfw ? { conntrack: createTable(), firewall: sfw } : {}),
  });
  devices.set('internet', { id: 'internet', helper: false });
  devices.set('client-router', {
    id: 'client-router',
    helper: features['client-router'].helper,
    ...(features['client-router'].nat
      ? {
          conntrack: createTable(),
          nat: (tuple: Tuple, towardServer: boolean): NatDecision =>
            towardServer
              ? { kind: 'snat', to: { ip: addr.clientRouter.wan, port: tuple.src.port } }
              : tuple.dst.ip === addr.clientRouter.wan
                ? { kind: 'local' }
                : { kind: 'none' },
        }
      : {}),
  });
  const { min, max } = s.server.passivePorts;
  const wan = addr.serverRouter.wan;
  devices.set('server-router', {
    id: 'server-router',
    helper: features['server-router'].helper,
    ...(features['server-router'].nat
      ? {
          conntrack: createTable(),
          nat: (tuple: Tuple, towardServer: boolean): NatDecision => {
            if (!towardServer) return { kind: 'snat', to: { ip: wan, port: tuple.src.port } };
            if (tuple.dst.ip !== wan) return { kind: 'none' };
            const to = { ip: addr.server, port: tuple.dst.port };
            if (tuple.dst.port === 21)
              return {
                kind: 'dnat',
                to,
                rule: dnatRule('dnat-21', `--dport 21 -j DNAT --to-destination ${addr.server}:21`),
              };
            if (s.serverNat === 'public' && tuple.dst.port >= min && tuple.dst.port <= max)
              return {
                kind: 'dnat',
                to,
                rule: dnatRule(
                  'dnat-passive-range',
                  `--dport ${min}:${max} -j DNAT --to-destination ${addr.server}`,
                ),
              };
            return { kind: 'local' };
          },
        }
      : {}),
  });

  function dnatRule(id: RuleRef['id'], tail: string): RuleRef {
    return {
      device: 'server-router',
      chain: 'PREROUTING',
      id,
      text: `-t nat -A PREROUTING -d ${wan} -p tcp ${tail}`,
    };
  }

  const byIndex = PATH.map((id) => devices.get(id) as Device);

  function forward(t: Transmission): Forwarded {
    decisions = [];
    const walked = walk(t) as { -readonly [K in keyof Forwarded]: Forwarded[K] };
    walked.decisions = decisions;
    return walked;
  }

  function walk(t: Transmission): Omit<Forwarded, 'decisions'> {
    const start = PATH.indexOf(t.from);
    const end = PATH.indexOf(t.toward);
    const step = end > start ? 1 : -1;
    const towardServer = step === 1;
    let segment = t.segment;
    const views: { client?: SegmentView; server?: SegmentView } = {};
    // Routers decrement the TTL; the copy with the new TTL is made once, where a host sees the packet.
    let routersPassed = 0;
    const withTtl = (seg: TcpSegment): TcpSegment =>
      routersPassed === 0 ? seg : { ...seg, ip: { id: seg.ip.id, ttl: seg.ip.ttl - routersPassed } };

    for (let i = start; ; i += step) {
      const device = byIndex[i] as Device;
      const at = advance(t.at, Math.abs(i - start) * HOP_DELAY_US);
      const isSender = i === start;
      const isReceiver = i === end;
      if (isReceiver) {
        segment = withTtl(segment);
        routersPassed = 0;
        if (device.id === 'client' || device.id === 'server') views[device.id] = { at, segment };
      }
      if (!isSender && (device.id === 'client-router' || device.id === 'server-router')) routersPassed++;
      if (device.id === 'internet' && !topo.routable.has(segment.dst.ip)) {
        const rule: RuleRef = {
          device: 'internet',
          chain: 'ROUTING',
          id: 'no-route-private',
          // What the Internet's routers effectively have for private space (measured: SYNs vanish silently).
          text: `blackhole ${privateRange(segment.dst.ip)}`,
        };
        emit({
          kind: 'fw/verdict',
          at,
          conn: t.conn,
          packetId: t.packetId,
          device: 'internet',
          tuple: { src: segment.src, dst: segment.dst },
          verdict: { action: 'drop', state: 'new', rule },
        });
        return { views, fate: { kind: 'dropped', device: 'internet', rule } };
      }
      if (device.conntrack) {
        const result = track(device, device.conntrack, segment, t, at, isSender, towardServer);
        if (result.kind === 'drop')
          return { views, fate: { kind: 'dropped', device: device.id, rule: result.rule } };
        if (result.kind === 'local') return { views, fate: { kind: 'refused', device: device.id } };
        segment = result.segment;
      }
      if (isSender && (device.id === 'client' || device.id === 'server')) views[device.id] = { at, segment };
      if (isReceiver) return { views, fate: { kind: 'delivered' }, arrival: { at, segment } };
    }
  }

  type TrackResult =
    { kind: 'pass'; segment: TcpSegment } | { kind: 'drop'; rule: RuleRef } | { kind: 'local' };

  function track(
    device: Device,
    table: ConntrackTable,
    segment: TcpSegment,
    t: Transmission,
    at: VirtualTime,
    isSender: boolean,
    towardServer: boolean,
  ): TrackResult {
    const tuple: Tuple = { src: segment.src, dst: segment.dst };
    const found = lookup(table, tuple);
    const state = classify(found);
    let entry = found?.entry;
    const dir: Direction = found?.dir ?? 'original';
    let created = false;
    let natRule: RuleRef | undefined;

    if (!entry) {
      if (!segment.flags.syn || segment.flags.ack) {
        // Not the start of a connection this device knows: conntrack marks it INVALID; our lab never sends one.
        return { kind: 'pass', segment };
      }
      const expectation = findExpectation(table, tuple);
      let target: Tuple = { src: tuple.dst, dst: tuple.src };
      if (expectation?.translatedTo) {
        target = { src: expectation.translatedTo, dst: tuple.src };
      } else if (device.nat) {
        // An expected connection without its own translation still follows the device's NAT
        // (nf_nat_follow_master): the server's active data connection leaves through the same SNAT.
        const decision = device.nat(tuple, towardServer);
        if (decision.kind === 'local' && !expectation) return { kind: 'local' };
        if (decision.kind === 'snat') target = { src: tuple.dst, dst: decision.to };
        if (decision.kind === 'dnat') {
          target = { src: decision.to, dst: tuple.src };
          natRule = decision.rule;
        }
      }
      const candidate: ConntrackEntry = {
        original: tuple,
        reply: target,
        seenReply: false,
        related: expectation !== undefined,
        natted: !(sameEp(target.src, tuple.dst) && sameEp(target.dst, tuple.src)),
        shifts: { original: [], reply: [] },
      };
      const verdictState = expectation ? 'related' : 'new';
      if (!isSender && device.firewall) {
        const verdict = evaluateRules(device.firewall, verdictState, tuple);
        emit({
          kind: 'fw/verdict',
          at,
          conn: t.conn,
          packetId: t.packetId,
          device: device.id,
          tuple,
          verdict,
        });
        if (verdict.action === 'drop') return { kind: 'drop', rule: verdict.rule };
      } else if (!isSender && (expectation || natRule)) {
        const rule: RuleRef = natRule ?? {
          device: device.id,
          chain: 'FORWARD',
          id: 'ct-established-related',
          text: '-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        };
        emit({
          kind: 'fw/verdict',
          at,
          conn: t.conn,
          packetId: t.packetId,
          device: device.id,
          tuple,
          verdict: { action: 'accept', state: verdictState, rule },
        });
      }
      if (expectation) consumeExpectation(table, expectation);
      table.entries.push(candidate);
      entry = candidate;
      created = true;
    } else if (!isSender && device.firewall && state !== 'established') {
      const verdict = evaluateRules(device.firewall, state, tuple);
      emit({ kind: 'fw/verdict', at, conn: t.conn, packetId: t.packetId, device: device.id, tuple, verdict });
      if (verdict.action === 'drop') return { kind: 'drop', rule: verdict.rule };
    } else if (!isSender && device.firewall && segment.flags.syn) {
      // The SYN-ACK that makes a connection ESTABLISHED: worth showing once.
      const verdict = evaluateRules(device.firewall, state, tuple);
      emit({ kind: 'fw/verdict', at, conn: t.conn, packetId: t.packetId, device: device.id, tuple, verdict });
    }
    if (dir === 'reply') entry.seenReply = true;

    let next = segment;
    if (entry.natted) {
      const out = translated(entry, dir);
      next = {
        ...segment,
        src: out.src,
        dst: out.dst,
        ...adjustSequence(entry, dir, segment.seq, segment.ack),
      };
      if (created) {
        emit({
          kind: 'nat/translated',
          at,
          conn: t.conn,
          packetId: t.packetId,
          device: device.id,
          type: sameEp(next.src, tuple.src) ? 'dnat' : 'snat',
          before: tuple,
          after: { src: next.src, dst: next.dst },
        });
      }
    }
    if (
      device.helper &&
      segment.payload.length > 0 &&
      (entry.original.dst.port === 21 || entry.original.src.port === 21)
    ) {
      const action = inspectControlPayload(device.id, entry, dir, segment.payload);
      if (action) {
        table.expectations.push(action.expectation);
        emit({ kind: 'conntrack/expectation-created', at, conn: t.conn, expectation: action.expectation });
        if (action.rewrite) {
          const payload = next.payload.replace(action.rewrite.before, action.rewrite.after);
          const sizeDelta = payload.length - next.payload.length;
          if (sizeDelta !== 0)
            entry.shifts[dir].push({ from: (segment.seq + segment.payload.length) >>> 0, delta: sizeDelta });
          emit({
            kind: 'nat/payload-rewritten',
            at,
            conn: t.conn,
            packetId: t.packetId,
            device: device.id,
            before: action.rewrite.before,
            after: action.rewrite.after,
            sizeDelta,
          });
          next = { ...next, payload };
        }
      }
    }
    return { kind: 'pass', segment: next };
  }

  return { forward };
}

function sameEp(a: Endpoint, b: Endpoint): boolean {
  return a.ip === b.ip && a.port === b.port;
}

/**
 * The RFC 1918 block of an address the network between the routers does not route: the scenario's
 * addresses are checked (`addressProblems`), so only a NAT'd LAN's private addresses are unrouted.
 */
function privateRange(ip: Ipv4): string {
  if (ip.startsWith('10.')) return '10.0.0.0/8';
  if (ip.startsWith('192.168.')) return '192.168.0.0/16';
  return '172.16.0.0/12';
}
