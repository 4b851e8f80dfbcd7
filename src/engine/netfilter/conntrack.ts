import type { ConntrackExpectation, ConntrackState } from '../events/stepEvent';
import { sameEndpoint, type Endpoint } from '../net/address';
import { seqAdd } from '../tcp/segment';

export interface Tuple {
  readonly src: Endpoint;
  readonly dst: Endpoint;
}

export type Direction = 'original' | 'reply';

/** A shift of sequence numbers after a helper changed a payload's length (nf_nat_seq_adjust). */
export interface SeqShift {
  /** Sequence numbers at or after this point (sender's numbering) move by `delta`. */
  readonly from: number;
  readonly delta: number;
}

export interface ConntrackEntry {
  readonly original: Tuple;
  /** The reply tuple: the original reversed, after any NAT. */
  readonly reply: Tuple;
  readonly seenReply: boolean;
  readonly related: boolean;
  /** Whether this device translates the connection (the reply tuple is not just the original reversed). */
  readonly natted: boolean;
  /** Per direction, in the order the helper made them. */
  readonly shifts: { readonly original: readonly SeqShift[]; readonly reply: readonly SeqShift[] };
}

/** The conntrack table of one device, as plain data: each change gives a new table. */
export interface ConntrackTable {
  readonly entries: readonly ConntrackEntry[];
  readonly expectations: readonly ConntrackExpectation[];
}

export const EMPTY_TABLE: ConntrackTable = { entries: [], expectations: [] };

const sameTuple = (a: Tuple, b: Tuple): boolean => sameEndpoint(a.src, b.src) && sameEndpoint(a.dst, b.dst);

export interface Found {
  readonly index: number;
  readonly entry: ConntrackEntry;
  readonly dir: Direction;
}

export function lookup(table: ConntrackTable, tuple: Tuple): Found | undefined {
  const entries = table.entries;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as ConntrackEntry;
    if (sameTuple(entry.original, tuple)) return { index, entry, dir: 'original' };
    if (sameTuple(entry.reply, tuple)) return { index, entry, dir: 'reply' };
  }
  return undefined;
}

/** conntrack's view of a packet: a retransmitted SYN before any reply is still NEW (or RELATED). */
export function classify(found: Found | undefined): ConntrackState {
  if (!found) return 'new';
  if (found.dir === 'reply' || found.entry.seenReply) return 'established';
  return found.entry.related ? 'related' : 'new';
}

export function findExpectation(table: ConntrackTable, tuple: Tuple): ConntrackExpectation | undefined {
  return table.expectations.find(
    (x) => x.sourceIp === tuple.src.ip && sameEndpoint(x.destination, tuple.dst),
  );
}

export function withEntry(table: ConntrackTable, entry: ConntrackEntry): ConntrackTable {
  return { ...table, entries: [...table.entries, entry] };
}

export function replaceEntry(table: ConntrackTable, index: number, entry: ConntrackEntry): ConntrackTable {
  return { ...table, entries: table.entries.map((e, i) => (i === index ? entry : e)) };
}

export function withExpectation(table: ConntrackTable, exp: ConntrackExpectation): ConntrackTable {
  return { ...table, expectations: [...table.expectations, exp] };
}

/** An expectation is used once: the expected connection now has its own entry. */
export function withoutExpectation(table: ConntrackTable, exp: ConntrackExpectation): ConntrackTable {
  return { ...table, expectations: table.expectations.filter((x) => x !== exp) };
}

export function reverse(t: Tuple): Tuple {
  return { src: t.dst, dst: t.src };
}

/** Where a packet travelling in `dir` goes after this device's NAT (unchanged without NAT). */
export function translated(entry: ConntrackEntry, dir: Direction): Tuple {
  return dir === 'original' ? reverse(entry.reply) : reverse(entry.original);
}

/** Apply the helper's sequence shifts: own direction's seq moves forward, the peer's ack moves back. */
export function adjustSequence(
  entry: ConntrackEntry,
  dir: Direction,
  seq: number,
  ack: number,
): { seq: number; ack: number } {
  let outSeq = seq;
  for (const s of entry.shifts[dir]) if (after(seq, s.from)) outSeq = seqAdd(outSeq, s.delta);
  // The peer acknowledges in the shifted numbering; map each boundary into that numbering first.
  let outAck = ack;
  let cumulative = 0;
  for (const s of entry.shifts[dir === 'original' ? 'reply' : 'original']) {
    cumulative += s.delta;
    if (after(ack, seqAdd(s.from, cumulative))) outAck = seqAdd(outAck, -s.delta);
  }
  return { seq: outSeq, ack: outAck };
}

/** a >= b in 32-bit sequence space (RFC 793 comparison). */
function after(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}
