/**
 * One direction of a TCP connection put back in order (RFC 9293 §3.4 sequence space, modulo 2^32):
 * retransmitted bytes are delivered once, overlapping segments contribute only what is new (the first
 * copy of a byte wins, as in Wireshark's default), out-of-order segments wait until the gap before them
 * fills. A gap the capture never fills (the capture missed a packet) is skipped as soon as the peer
 * acknowledges past it or too much is waiting, and the bytes skipped are counted.
 *
 * Bounded: at most `maxPendingBytes` wait per direction; past that, waiting segments are kept as lengths
 * only (the stream still counts them) or, with `keepBytes` off, never copied at all.
 */
import { CAPTURE_LIMITS } from './limits';

/** What the stream hands on: in-order bytes (or just their count, for a direction that keeps none). */
export type StreamSink<T> = (
  bytes: Uint8Array | undefined,
  length: number,
  tag: T,
  afterGap: boolean,
) => void;

interface Waiting<T> {
  readonly seq: number;
  readonly length: number;
  readonly bytes: Uint8Array | undefined;
  readonly tag: T;
}

/** `a - b` in sequence space: negative when a is before b. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export class TcpStream<T> {
  /** The next sequence number expected; unknown until the SYN or the first segment. */
  private next: number | undefined;
  private waiting: Waiting<T>[] = [];
  private waitingBytes = 0;
  /** In-order payload bytes delivered. */
  delivered = 0;
  /** Bytes the capture never held (gaps skipped). */
  missing = 0;
  /** Segments whose bytes had all been delivered already. */
  retransmissions = 0;
  private finAt: number | undefined;

  constructor(
    private readonly sink: StreamSink<T>,
    private readonly keepBytes: boolean,
    private readonly maxPending: number = CAPTURE_LIMITS.maxPendingBytes,
  ) {}

  /** The SYN (or SYN-ACK) of this direction: the stream's first byte is the one after it. */
  syn(seq: number): void {
    if (this.next === undefined) this.next = (seq + 1) >>> 0;
  }

  /**
   * A segment's payload (a view, not kept beyond this call unless it must wait). Returns whether it was
   * a pure retransmission: every byte of it had been delivered before.
   */
  segment(seq: number, payload: Uint8Array, tag: T): boolean {
    const length = payload.length;
    if (length === 0) return false;
    if (this.next === undefined) this.next = seq;
    const offset = seqDiff(seq, this.next);
    if (offset <= 0) {
      if (-offset >= length) {
        this.retransmissions++;
        return true;
      }
      this.deliver(payload.subarray(-offset), length + offset, tag, false);
      this.drain(tag);
      return false;
    }
    // Ahead of the stream: wait for the gap to fill, within bounds.
    if (this.waitingBytes + length > this.maxPending) {
      // Too much waiting: the gap will not fill (the capture missed it). Skip to the oldest waiting byte…
      if (this.waiting.length > 0) {
        this.skipGap(tag);
        return this.segment(seq, payload, tag);
      }
      // …or, with nothing waiting, to this segment.
      this.missing += offset;
      this.next = seq;
      this.deliver(payload, length, tag, true);
      return false;
    }
    const bytes = this.keepBytes ? payload.slice() : undefined;
    this.insert({ seq, length, bytes, tag });
    this.waitingBytes += length;
    return false;
  }

  /** A FIN after `length` payload bytes at `seq`: it takes one sequence number after them. */
  fin(seq: number, length: number): void {
    this.finAt ??= (seq + length) >>> 0;
  }

  /** The peer acknowledged `ack`: any gap before it is bytes the capture missed. */
  acknowledged(ack: number, tag: T): void {
    // The FIN's own sequence number is acknowledged too: not a byte.
    const bytesAcked = this.finAt !== undefined && seqDiff(ack, this.finAt) > 0 ? this.finAt : ack;
    if (this.next === undefined || seqDiff(bytesAcked, this.next) <= 0) return;
    ack = bytesAcked;
    const first = this.waiting[0];
    if (first && seqDiff(first.seq, ack) <= 0) {
      this.skipGap(tag);
    } else if (!first) {
      this.missing += seqDiff(ack, this.next);
      this.next = ack;
    }
  }

  /** The end of the capture: what still waits is delivered after its gaps. */
  flush(tag: T): void {
    while (this.waiting.length > 0) this.skipGap(tag);
  }

  /** Bytes waiting out of order (for tests and bounds). */
  get pendingBytes(): number {
    return this.waitingBytes;
  }

  private deliver(bytes: Uint8Array | undefined, length: number, tag: T, afterGap: boolean): void {
    this.next = ((this.next ?? 0) + length) >>> 0;
    this.delivered += length;
    this.sink(this.keepBytes ? bytes : undefined, length, tag, afterGap);
  }

  private skipGap(tag: T): void {
    const first = this.waiting[0];
    if (!first || this.next === undefined) return;
    const gap = seqDiff(first.seq, this.next);
    if (gap > 0) {
      this.missing += gap;
      this.next = first.seq;
    }
    this.drain(tag, gap > 0);
  }

  /** Delivers every waiting segment the stream has reached, trimming what it already holds. */
  private drain(tag: T, afterGap = false): void {
    let gap = afterGap;
    while (this.waiting.length > 0) {
      const w = this.waiting[0];
      if (!w || this.next === undefined) return;
      const offset = seqDiff(w.seq, this.next);
      if (offset > 0) return;
      this.waiting.shift();
      this.waitingBytes -= w.length;
      if (-offset >= w.length) continue;
      this.deliver(w.bytes?.subarray(-offset), w.length + offset, tag, gap);
      gap = false;
    }
  }

  private insert(w: Waiting<T>): void {
    // Few segments wait at a time: a sorted insert (stable for equal sequence numbers) is enough.
    let i = this.waiting.length;
    while (i > 0 && seqDiff((this.waiting[i - 1] as Waiting<T>).seq, w.seq) > 0) i--;
    this.waiting.splice(i, 0, w);
  }
}
