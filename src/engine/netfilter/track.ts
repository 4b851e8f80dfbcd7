import type { VirtualTime } from '../clock/virtualTime';
import type { ConnId, DeviceId, DraftEvent, RuleRef } from '../events/stepEvent';
import { sameEndpoint } from '../net/address';
import { natDecision, type NatRule } from '../net/natRules';
import type { TcpSegment } from '../tcp/segment';
import {
  adjustSequence,
  classify,
  findExpectation,
  lookup,
  replaceEntry,
  reverse,
  translated,
  withEntry,
  withExpectation,
  withoutExpectation,
  type ConntrackEntry,
  type ConntrackTable,
  type Direction,
  type Found,
  type Tuple,
} from './conntrack';
import { evaluateRules, type Firewall } from './firewall';
import { announcement, inspectControlPayload } from './ftpHelper';

/** One box on the path, as configured: whether it tracks connections, filters, translates, helps FTP. */
export interface DeviceConfig {
  readonly id: DeviceId;
  readonly tracks: boolean;
  readonly firewall?: Firewall;
  readonly helper: boolean;
  readonly nat?: NatRule;
}

/** Where the packet is on its way. */
export interface Passage {
  readonly at: VirtualTime;
  readonly conn: ConnId;
  readonly packetId: number;
  /** The device sends the packet itself (its own firewall's INPUT chain does not see it). */
  readonly isSender: boolean;
  readonly towardServer: boolean;
  /**
   * Explicit FTPS: the FTP line inside the TLS record this packet carries. No box can read it; the engine
   * keeps it only to say which line a helper was blind to.
   */
  readonly sealedLine?: string;
}

export type TrackOutcome =
  | { readonly kind: 'pass'; readonly segment: TcpSegment }
  | { readonly kind: 'drop'; readonly rule: RuleRef }
  /** Addressed to the device itself, where nothing listens. */
  | { readonly kind: 'local' };

export interface Tracked {
  readonly table: ConntrackTable;
  readonly decisions: readonly DraftEvent[];
  readonly outcome: TrackOutcome;
}

/**
 * What a device's netfilter makes of one packet (Linux's order: conntrack, NAT, filter, the FTP helper on
 * the way out), and its conntrack table afterwards.
 */
export function trackPacket(
  device: DeviceConfig,
  table: ConntrackTable,
  segment: TcpSegment,
  p: Passage,
): Tracked {
  const tuple: Tuple = { src: segment.src, dst: segment.dst };
  const found = lookup(table, tuple);
  if (!found) {
    // Not the start of a connection this device knows: conntrack marks it INVALID; our lab never sends one.
    if (!segment.flags.syn || segment.flags.ack)
      return { table, decisions: [], outcome: { kind: 'pass', segment } };
    return admitNew(device, table, segment, tuple, p);
  }
  const verdicts = knownVerdict(device, found, segment, tuple, p);
  if (verdicts.drop)
    return { table, decisions: verdicts.decisions, outcome: { kind: 'drop', rule: verdicts.drop } };
  // The first reply makes the connection ESTABLISHED.
  const seen = found.dir === 'reply' && !found.entry.seenReply;
  const after = passThrough(
    device,
    seen ? replaceEntry(table, found.index, { ...found.entry, seenReply: true }) : table,
    found.index,
    found.dir,
    segment,
    p,
    false,
  );
  return { ...after, decisions: [...verdicts.decisions, ...after.decisions] };
}

/** A SYN this device has not seen: an expected (RELATED) connection, NAT's first decision, the filter. */
function admitNew(
  device: DeviceConfig,
  table: ConntrackTable,
  segment: TcpSegment,
  tuple: Tuple,
  p: Passage,
): Tracked {
  const expectation = findExpectation(table, tuple);
  let target: Tuple = reverse(tuple);
  let natRule: RuleRef | undefined;
  if (expectation?.translatedTo) {
    target = { src: expectation.translatedTo, dst: tuple.src };
  } else if (device.nat) {
    // An expected connection without its own translation still follows the device's NAT
    // (nf_nat_follow_master): the server's active data connection leaves through the same SNAT.
    const decision = natDecision(device.nat, tuple, p.towardServer);
    if (decision.kind === 'local' && !expectation)
      return { table, decisions: [], outcome: { kind: 'local' } };
    if (decision.kind === 'snat') target = { src: tuple.dst, dst: decision.to };
    if (decision.kind === 'dnat') {
      target = { src: decision.to, dst: tuple.src };
      natRule = decision.rule;
    }
  }
  const entry: ConntrackEntry = {
    original: tuple,
    reply: target,
    seenReply: false,
    related: expectation !== undefined,
    natted: !(sameEndpoint(target.src, tuple.dst) && sameEndpoint(target.dst, tuple.src)),
    shifts: { original: [], reply: [] },
  };
  const state = expectation ? 'related' : 'new';
  const verdict = p.isSender
    ? undefined
    : newVerdict(device, state, tuple, expectation !== undefined, natRule, p);
  if (verdict?.drop)
    return { table, decisions: [verdict.event], outcome: { kind: 'drop', rule: verdict.drop } };
  const admitted = withEntry(expectation ? withoutExpectation(table, expectation) : table, entry);
  const after = passThrough(device, admitted, admitted.entries.length - 1, 'original', segment, p, true);
  return { ...after, decisions: [...(verdict ? [verdict.event] : []), ...after.decisions] };
}

function verdictEvent(
  device: DeviceConfig,
  tuple: Tuple,
  p: Passage,
  verdict: Extract<DraftEvent, { kind: 'fw/verdict' }>['verdict'],
): DraftEvent {
  return {
    kind: 'fw/verdict',
    at: p.at,
    conn: p.conn,
    packetId: p.packetId,
    device: device.id,
    tuple,
    verdict,
  };
}

/** A host's INPUT chain judges a new connection; a router shows the rule that lets an expected or forwarded one in. */
function newVerdict(
  device: DeviceConfig,
  state: 'new' | 'related',
  tuple: Tuple,
  expected: boolean,
  natRule: RuleRef | undefined,
  p: Passage,
): { event: DraftEvent; drop?: RuleRef } | undefined {
  if (device.firewall) {
    const verdict = evaluateRules(device.firewall, state, tuple);
    const event = verdictEvent(device, tuple, p, verdict);
    return verdict.action === 'drop' ? { event, drop: verdict.rule } : { event };
  }
  if (!expected && !natRule) return undefined;
  const rule: RuleRef = natRule ?? {
    device: device.id,
    chain: 'FORWARD',
    id: 'ct-established-related',
    text: '-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
  };
  return { event: verdictEvent(device, tuple, p, { action: 'accept', state, rule }) };
}

/** A packet of a known connection: judged again while it is not established, and the SYN-ACK that establishes it. */
function knownVerdict(
  device: DeviceConfig,
  found: Found,
  segment: TcpSegment,
  tuple: Tuple,
  p: Passage,
): { decisions: DraftEvent[]; drop?: RuleRef } {
  if (p.isSender || !device.firewall) return { decisions: [] };
  const state = classify(found);
  if (state === 'established' && !segment.flags.syn) return { decisions: [] };
  const verdict = evaluateRules(device.firewall, state, tuple);
  const decisions = [verdictEvent(device, tuple, p, verdict)];
  return verdict.action === 'drop' ? { decisions, drop: verdict.rule } : { decisions };
}

/** NAT rewrites the addresses (and the sequence numbers a helper shifted); the FTP helper reads the payload. */
function passThrough(
  device: DeviceConfig,
  table: ConntrackTable,
  index: number,
  dir: Direction,
  segment: TcpSegment,
  p: Passage,
  created: boolean,
): Tracked {
  const entry = table.entries[index] as ConntrackEntry;
  let next = segment;
  const decisions: DraftEvent[] = [];
  if (entry.natted) {
    const out = translated(entry, dir);
    next = {
      ...segment,
      src: out.src,
      dst: out.dst,
      ...adjustSequence(entry, dir, segment.seq, segment.ack),
    };
    if (created)
      decisions.push({
        kind: 'nat/translated',
        at: p.at,
        conn: p.conn,
        packetId: p.packetId,
        device: device.id,
        type: sameEndpoint(next.src, segment.src) ? 'dnat' : 'snat',
        before: { src: segment.src, dst: segment.dst },
        after: { src: next.src, dst: next.dst },
      });
  }
  const controlConnection = entry.original.dst.port === 21 || entry.original.src.port === 21;
  if (!device.helper || segment.payload.length === 0 || !controlConnection)
    return { table, decisions, outcome: { kind: 'pass', segment: next } };
  if (p.sealedLine !== undefined) return blind(device, table, dir, next, decisions, p, p.sealedLine);
  return helped(device, table, index, dir, segment, next, decisions, p);
}

/**
 * nf_conntrack_ftp reads a TLS record as it reads any payload, finds no PORT/EPRT/227/229 in it, and does
 * nothing (tests/lab, issue 14 B3: no expectation in any helper case under TLS). The event says which line
 * it missed, when the line announced a data connection.
 */
function blind(
  device: DeviceConfig,
  table: ConntrackTable,
  dir: Direction,
  next: TcpSegment,
  decisions: DraftEvent[],
  p: Passage,
  line: string,
): Tracked {
  const missed = announcement(line, dir);
  const out: DraftEvent[] = missed
    ? [
        ...decisions,
        {
          kind: 'conntrack/helper-blind',
          at: p.at,
          conn: p.conn,
          packetId: p.packetId,
          device: device.id,
          line: line.trim(),
          reason: missed.reason,
        },
      ]
    : decisions;
  return { table, decisions: out, outcome: { kind: 'pass', segment: next } };
}

/** nf_conntrack_ftp expects the data connection a PORT/EPRT/227/229 announces; nf_nat_ftp rewrites the address. */
function helped(
  device: DeviceConfig,
  table: ConntrackTable,
  index: number,
  dir: Direction,
  segment: TcpSegment,
  next: TcpSegment,
  decisions: DraftEvent[],
  p: Passage,
): Tracked {
  const entry = table.entries[index] as ConntrackEntry;
  const action = inspectControlPayload(device.id, entry, dir, segment.payload);
  if (!action) return { table, decisions, outcome: { kind: 'pass', segment: next } };
  let updated = withExpectation(table, action.expectation);
  const out = [
    ...decisions,
    {
      kind: 'conntrack/expectation-created',
      at: p.at,
      conn: p.conn,
      expectation: action.expectation,
    } as const,
  ];
  if (!action.rewrite) return { table: updated, decisions: out, outcome: { kind: 'pass', segment: next } };
  const payload = next.payload.replace(action.rewrite.before, action.rewrite.after);
  const sizeDelta = payload.length - next.payload.length;
  if (sizeDelta !== 0) {
    const shift = { from: (segment.seq + segment.payload.length) >>> 0, delta: sizeDelta };
    const shifts = { ...entry.shifts, [dir]: [...entry.shifts[dir], shift] };
    updated = replaceEntry(updated, index, { ...entry, shifts });
  }
  out.push({
    kind: 'nat/payload-rewritten',
    at: p.at,
    conn: p.conn,
    packetId: p.packetId,
    device: device.id,
    before: action.rewrite.before,
    after: action.rewrite.after,
    sizeDelta,
  });
  return { table: updated, decisions: out, outcome: { kind: 'pass', segment: { ...next, payload } } };
}
