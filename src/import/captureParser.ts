/**
 * The container formats, read as a stream: classic pcap (both byte orders, microsecond and nanosecond
 * timestamps) and pcapng (section headers in either byte order, interface descriptions with their own
 * link type, timestamp resolution and offset, enhanced, simple and obsolete packet blocks, several
 * sections). Bytes go in with `push` in chunks of any size; each packet record comes out through the
 * callback as a view into the chunk, valid only during the call. Only a record that straddles two chunks
 * is copied, so memory stays at one chunk plus one record, whatever the file's size.
 *
 * The file is untrusted: every length is checked before it is used, and anything inconsistent throws a
 * `CaptureError` naming what and where. A file that simply stops (a capture cut short) is not an error:
 * `end` reports it as a warning and keeps what was read.
 */
import {
  GLOBAL_HEADER_LENGTH,
  PCAP_MAGIC_MICROSECONDS,
  PCAP_MAGIC_NANOSECONDS,
  PCAPNG_BLOCK,
  PCAPNG_BYTE_ORDER_MAGIC,
  PCAPNG_MAGIC,
  PCAPNG_OPTION,
  RECORD_HEADER_LENGTH,
} from '../pcap/format';
import { CaptureError, captureWarning, type CaptureWarning } from './captureError';
import { CAPTURE_LIMITS } from './limits';
import { linkKindOf, type LinkKind } from './linkLayer';

export interface FrameRecord {
  /** 1-based number among the file's packet records (Wireshark's frame number). */
  readonly frame: number;
  /** Microseconds since the file's first packet record (fractional for finer clocks). */
  readonly at: number;
  /** The frame's link layer, or undefined for a link type this reader does not decode. */
  readonly link: LinkKind | undefined;
  /** The captured bytes: a view, valid only during the callback. */
  readonly data: Uint8Array;
  /** The length of the packet on the wire (more than `data` when the snapshot length cut it). */
  readonly originalLength: number;
  /** pcapng: the interface it was captured on (0 for classic pcap). */
  readonly interfaceId: number;
}

export interface CaptureFileInfo {
  readonly format: 'pcap' | 'pcapng';
  readonly byteOrder: 'little-endian' | 'big-endian';
  /** Classic pcap: the file's clock; pcapng: the finest interface clock. */
  readonly precision: 'microsecond' | 'nanosecond' | 'other';
  /** The LINKTYPE numbers the file uses, in order of appearance. */
  readonly linkTypes: readonly number[];
  readonly interfaces: number;
  /** Wall-clock time of the first packet record, in seconds since 1970 (absent without packets). */
  readonly startSeconds?: number;
}

export interface CaptureParseResult {
  readonly info: CaptureFileInfo;
  readonly records: number;
  readonly bytes: number;
  readonly warnings: readonly CaptureWarning[];
}

interface Interface {
  readonly linkType: number;
  readonly link: LinkKind | undefined;
  readonly snapLength: number;
  /** Timestamp units per second (10^6 by default). */
  readonly ticksPerSecond: number;
  readonly ticksPerSecondBig: bigint;
  readonly offsetSeconds: bigint;
  /** Set at the interface's first timestamped packet: later ones are exact differences from it. */
  base?: { readonly high: number; readonly low: number; readonly atUs: number };
}

type State =
  | { readonly kind: 'start' }
  | {
      readonly kind: 'pcap';
      readonly littleEndian: boolean;
      readonly nano: boolean;
      readonly iface: Interface;
    }
  | { readonly kind: 'pcapng'; littleEndian: boolean; interfaces: Interface[] };

const PS_PER_SECOND = 1_000_000_000_000n;

export class CaptureParser {
  private state: State = { kind: 'start' };
  private carry: Uint8Array | undefined;
  /** Bytes of the file before the unit being read. */
  private offset = 0;
  private records = 0;
  private lastAt = 0;
  /** The first packet's time in picoseconds since 1970, the origin of every `at`. */
  private originPs: bigint | undefined;
  /** Classic pcap: the first record's seconds and fraction. */
  private pcapOrigin: { sec: number; frac: number } | undefined;
  private readonly linkTypes: number[] = [];
  private readonly skippedLinkTypes = new Set<number>();
  private interfacesSeen = 0;
  private finestTicks = 0;

  constructor(private readonly onFrame: (record: FrameRecord) => void) {}

  /** Reads what the chunk completes; the chunk may be reused by the caller as soon as this returns. */
  push(chunk: Uint8Array): void {
    let at = 0;
    while (this.carry) {
      const carry = this.carry;
      const need = this.measure(carry, 0, carry.length);
      if (carry.length >= need) {
        this.consume(carry, 0, need);
        this.carry = carry.length > need ? carry.slice(need) : undefined;
        continue;
      }
      const take = Math.min(need - carry.length, chunk.length - at);
      if (take === 0) return;
      const grown = new Uint8Array(carry.length + take);
      grown.set(carry, 0);
      grown.set(chunk.subarray(at, at + take), carry.length);
      this.carry = grown;
      at += take;
    }
    for (;;) {
      if (this.state.kind === 'pcap') at = this.pcapRecords(chunk, at, this.state);
      const available = chunk.length - at;
      if (available === 0) return;
      const need = this.measure(chunk, at, available);
      if (available < need) {
        this.carry = chunk.slice(at);
        return;
      }
      this.consume(chunk, at, need);
      at += need;
    }
  }

  /**
   * The fast path for classic pcap: every record wholly inside the chunk, read with plain byte arithmetic
   * (no DataView and one view per record: this loop runs once per packet of a large file). Returns where it
   * stopped: the first record the chunk does not hold whole, which the general path then carries over.
   */
  private pcapRecords(chunk: Uint8Array, start: number, s: Extract<State, { kind: 'pcap' }>): number {
    const le = s.littleEndian;
    const u32 = (i: number): number =>
      le
        ? ((chunk[i] ?? 0) |
            ((chunk[i + 1] ?? 0) << 8) |
            ((chunk[i + 2] ?? 0) << 16) |
            ((chunk[i + 3] ?? 0) << 24)) >>>
          0
        : (((chunk[i] ?? 0) << 24) |
            ((chunk[i + 1] ?? 0) << 16) |
            ((chunk[i + 2] ?? 0) << 8) |
            (chunk[i + 3] ?? 0)) >>>
          0;
    const limit = s.nano ? 1_000_000_000 : 1_000_000;
    const perMicro = s.nano ? 1000 : 1;
    let at = start;
    while (at + RECORD_HEADER_LENGTH <= chunk.length) {
      const captured = u32(at + 8);
      // An absurd length is reported by the general path, with its message.
      if (captured > CAPTURE_LIMITS.maxRecordBytes) return at;
      const end = at + RECORD_HEADER_LENGTH + captured;
      if (end > chunk.length) return at;
      const sec = u32(at);
      const frac = u32(at + 4);
      const frame = this.records + 1;
      if (frac >= limit)
        throw new CaptureError('badTimestamp', { frame, offset: this.offset, fraction: frac, limit });
      this.pcapOrigin ??= { sec, frac };
      const time = (sec - this.pcapOrigin.sec) * 1_000_000 + (frac - this.pcapOrigin.frac) / perMicro;
      this.emit(frame, time, s.iface, chunk.subarray(at + RECORD_HEADER_LENGTH, end), u32(at + 12), 0);
      this.offset += end - at;
      at = end;
    }
    return at;
  }

  /** The end of the file: what it held, and a warning if it stopped in the middle of a record. */
  end(): CaptureParseResult {
    const warnings: CaptureWarning[] = [];
    const leftover = this.carry?.length ?? 0;
    const total = this.offset + leftover;
    if (this.state.kind === 'start') {
      if (total === 0) throw new CaptureError('empty');
      if (leftover < 4 || !this.carry)
        throw new CaptureError('tooShort', { bytes: total, format: 'pcap', needed: 24 });
      // A known magic with too few bytes after it for the header.
      const ng = this.magicFormat(this.carry, 0) === 'pcapng';
      throw new CaptureError('tooShort', {
        bytes: total,
        format: ng ? 'pcapng' : 'pcap',
        needed: ng ? 28 : GLOBAL_HEADER_LENGTH,
      });
    }
    if (leftover > 0)
      warnings.push(captureWarning('cutShort', { frame: this.records + 1, offset: this.offset }));
    if (this.skippedLinkTypes.size > 0)
      warnings.push(captureWarning('skippedLinkTypes', { linkTypes: [...this.skippedLinkTypes].join(', ') }));
    return { info: this.info(), records: this.records, bytes: total, warnings };
  }

  private info(): CaptureFileInfo {
    const s = this.state;
    const byteOrder = s.kind !== 'start' && s.littleEndian ? 'little-endian' : 'big-endian';
    const startSeconds =
      this.originPs !== undefined
        ? Number(this.originPs / 1_000_000n) / 1e6
        : this.pcapOrigin
          ? this.pcapOrigin.sec
          : undefined;
    const precision =
      s.kind === 'pcap'
        ? s.nano
          ? 'nanosecond'
          : 'microsecond'
        : this.finestTicks === 1_000_000 || this.finestTicks === 0
          ? 'microsecond'
          : this.finestTicks === 1_000_000_000
            ? 'nanosecond'
            : 'other';
    return {
      format: s.kind === 'pcapng' ? 'pcapng' : 'pcap',
      byteOrder,
      precision,
      linkTypes: this.linkTypes,
      interfaces: s.kind === 'pcap' ? 1 : this.interfacesSeen,
      ...(startSeconds !== undefined ? { startSeconds } : {}),
    };
  }

  private magicFormat(b: Uint8Array, at: number): 'pcap' | 'pcapng' | undefined {
    const view = new DataView(b.buffer, b.byteOffset + at, 4);
    const be = view.getUint32(0, false);
    const le = view.getUint32(0, true);
    if (be === PCAPNG_MAGIC) return 'pcapng';
    for (const m of [be, le])
      if (m === PCAP_MAGIC_MICROSECONDS || m === PCAP_MAGIC_NANOSECONDS) return 'pcap';
    return undefined;
  }

  /** How many bytes the next unit (file header, record or block) takes, or the bytes needed to know. */
  private measure(b: Uint8Array, at: number, available: number): number {
    const s = this.state;
    if (s.kind === 'start') {
      if (available < 4) return 4;
      const format = this.magicFormat(b, at);
      if (format === 'pcap') return GLOBAL_HEADER_LENGTH;
      if (format === 'pcapng') return this.measureBlock(b, at, available, true);
      const start = [...b.subarray(at, at + 4)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
      throw new CaptureError('notCapture', { start });
    }
    if (s.kind === 'pcap') {
      if (available < RECORD_HEADER_LENGTH) return RECORD_HEADER_LENGTH;
      const captured = new DataView(b.buffer, b.byteOffset + at + 8, 4).getUint32(0, s.littleEndian);
      if (captured > CAPTURE_LIMITS.maxRecordBytes)
        throw new CaptureError('recordTooLong', {
          frame: this.records + 1,
          offset: this.offset,
          length: captured,
          limit: CAPTURE_LIMITS.maxRecordBytes,
        });
      return RECORD_HEADER_LENGTH + captured;
    }
    return this.measureBlock(b, at, available, false);
  }

  private measureBlock(b: Uint8Array, at: number, available: number, first: boolean): number {
    if (available < 8) return 8;
    const view = new DataView(b.buffer, b.byteOffset + at, Math.min(available, 12));
    const type = view.getUint32(0, false);
    let littleEndian: boolean;
    if (type === PCAPNG_MAGIC) {
      if (available < 12) return 12;
      if (view.getUint32(8, true) === PCAPNG_BYTE_ORDER_MAGIC) littleEndian = true;
      else if (view.getUint32(8, false) === PCAPNG_BYTE_ORDER_MAGIC) littleEndian = false;
      else throw new CaptureError('badSectionHeader', { offset: this.offset });
    } else {
      if (first || this.state.kind !== 'pcapng')
        throw new CaptureError('badSectionHeader', { offset: this.offset });
      littleEndian = this.state.littleEndian;
    }
    const length = view.getUint32(4, littleEndian);
    if (length < 12 || length % 4 !== 0) throw new CaptureError('badBlock', { offset: this.offset, length });
    if (length > CAPTURE_LIMITS.maxBlockBytes)
      throw new CaptureError('blockTooLong', {
        offset: this.offset,
        length,
        limit: CAPTURE_LIMITS.maxBlockBytes,
      });
    return length;
  }

  /** Reads one complete unit of `length` bytes at `at`. */
  private consume(b: Uint8Array, at: number, length: number): void {
    const view = new DataView(b.buffer, b.byteOffset + at, length);
    const s = this.state;
    if (s.kind === 'start') {
      if (this.magicFormat(b, at) === 'pcap') this.readPcapHeader(view);
      else this.readBlock(b.subarray(at, at + length), view);
    } else if (s.kind === 'pcap') {
      this.readPcapRecord(b.subarray(at, at + length), view, s);
    } else {
      this.readBlock(b.subarray(at, at + length), view);
    }
    this.offset += length;
  }

  private readPcapHeader(view: DataView): void {
    const magicLe = view.getUint32(0, true);
    const littleEndian = magicLe === PCAP_MAGIC_MICROSECONDS || magicLe === PCAP_MAGIC_NANOSECONDS;
    const nano = view.getUint32(0, littleEndian) === PCAP_MAGIC_NANOSECONDS;
    const major = view.getUint16(4, littleEndian);
    const minor = view.getUint16(6, littleEndian);
    if (major !== 2)
      throw new CaptureError('unsupportedVersion', { format: 'pcap', version: `${major}.${minor}` });
    const snapLength = view.getUint32(16, littleEndian);
    // The link type is the low 16 bits; the upper bits may carry FCS information.
    const linkType = view.getUint32(20, littleEndian) & 0xffff;
    const link = linkKindOf(linkType);
    if (!link) throw new CaptureError('unsupportedLinkType', { linkType });
    this.linkTypes.push(linkType);
    const ticks = nano ? 1_000_000_000 : 1_000_000;
    this.state = {
      kind: 'pcap',
      littleEndian,
      nano,
      iface: {
        linkType,
        link,
        snapLength,
        ticksPerSecond: ticks,
        ticksPerSecondBig: BigInt(ticks),
        offsetSeconds: 0n,
      },
    };
  }

  private readPcapRecord(record: Uint8Array, view: DataView, s: Extract<State, { kind: 'pcap' }>): void {
    const le = s.littleEndian;
    const frame = this.records + 1;
    const sec = view.getUint32(0, le);
    const frac = view.getUint32(4, le);
    const captured = view.getUint32(8, le);
    const original = view.getUint32(12, le);
    const limit = s.nano ? 1_000_000_000 : 1_000_000;
    if (frac >= limit)
      throw new CaptureError('badTimestamp', { frame, offset: this.offset, fraction: frac, limit });
    this.pcapOrigin ??= { sec, frac };
    const at = (sec - this.pcapOrigin.sec) * 1_000_000 + (frac - this.pcapOrigin.frac) / (s.nano ? 1000 : 1);
    this.emit(
      frame,
      at,
      s.iface,
      record.subarray(RECORD_HEADER_LENGTH, RECORD_HEADER_LENGTH + captured),
      original,
      0,
    );
  }

  private emit(
    frame: number,
    at: number,
    iface: Interface,
    data: Uint8Array,
    originalLength: number,
    interfaceId: number,
  ): void {
    this.records = frame;
    this.lastAt = at;
    if (!iface.link) this.skippedLinkTypes.add(iface.linkType);
    this.onFrame({ frame, at, link: iface.link, data, originalLength, interfaceId });
  }

  private readBlock(block: Uint8Array, view: DataView): void {
    const length = block.length;
    const type = view.getUint32(0, false);
    if (type === PCAPNG_MAGIC) return this.readSectionHeader(view, length);
    const s = this.state;
    if (s.kind !== 'pcapng') throw new CaptureError('badSectionHeader', { offset: this.offset });
    const le = s.littleEndian;
    const blockType = view.getUint32(0, le);
    const trailer = view.getUint32(length - 4, le);
    if (trailer !== length) throw new CaptureError('blockTrailer', { offset: this.offset, length, trailer });
    switch (blockType) {
      case PCAPNG_BLOCK.interfaceDescription:
        return this.readInterface(view, length, s);
      case PCAPNG_BLOCK.enhancedPacket:
      case PCAPNG_BLOCK.packet: {
        // Enhanced: interface id (32 bits); obsolete Packet Block: interface id and drops (16 bits each).
        const id = blockType === PCAPNG_BLOCK.enhancedPacket ? view.getUint32(8, le) : view.getUint16(8, le);
        const frame = this.records + 1;
        const iface = s.interfaces[id];
        if (!iface) throw new CaptureError('unknownInterface', { frame, offset: this.offset, interface: id });
        const captured = view.getUint32(20, le);
        const original = view.getUint32(24, le);
        if (captured > CAPTURE_LIMITS.maxRecordBytes)
          throw new CaptureError('recordTooLong', {
            frame,
            offset: this.offset,
            length: captured,
            limit: CAPTURE_LIMITS.maxRecordBytes,
          });
        if (28 + captured + 4 > length) throw new CaptureError('badBlock', { offset: this.offset, length });
        const at = this.timestamp(iface, view.getUint32(12, le), view.getUint32(16, le));
        return this.emit(frame, at, iface, block.subarray(28, 28 + captured), original, id);
      }
      case PCAPNG_BLOCK.simplePacket: {
        const frame = this.records + 1;
        const iface = s.interfaces[0];
        if (!iface) throw new CaptureError('unknownInterface', { frame, offset: this.offset, interface: 0 });
        const original = view.getUint32(8, le);
        // No captured length field: the packet is cut by the block and by the interface's snapshot length.
        let captured = Math.min(original, length - 16);
        if (iface.snapLength > 0) captured = Math.min(captured, iface.snapLength);
        // A simple packet has no timestamp: it keeps the previous packet's time.
        return this.emit(frame, this.lastAt, iface, block.subarray(12, 12 + captured), original, 0);
      }
      default:
        // Name resolution, statistics, decryption secrets, custom blocks: nothing a replay needs.
        return;
    }
  }

  private readSectionHeader(view: DataView, length: number): void {
    const littleEndian = view.getUint32(8, true) === PCAPNG_BYTE_ORDER_MAGIC;
    const trailer = view.getUint32(length - 4, littleEndian);
    if (trailer !== length) throw new CaptureError('blockTrailer', { offset: this.offset, length, trailer });
    if (length < 28) throw new CaptureError('badBlock', { offset: this.offset, length });
    const major = view.getUint16(12, littleEndian);
    const minor = view.getUint16(14, littleEndian);
    if (major !== 1)
      throw new CaptureError('unsupportedVersion', { format: 'pcapng', version: `${major}.${minor}` });
    // A new section starts afresh: its own byte order and its own interfaces.
    this.state = { kind: 'pcapng', littleEndian, interfaces: [] };
  }

  private readInterface(view: DataView, length: number, s: Extract<State, { kind: 'pcapng' }>): void {
    if (length < 20) throw new CaptureError('badBlock', { offset: this.offset, length });
    if (s.interfaces.length >= CAPTURE_LIMITS.maxInterfaces)
      throw new CaptureError('badBlock', { offset: this.offset, length });
    const le = s.littleEndian;
    const linkType = view.getUint16(8, le);
    const snapLength = view.getUint32(12, le);
    let ticksPerSecond = 1_000_000;
    let ticksPerSecondBig = 1_000_000n;
    let offsetSeconds = 0n;
    for (let at = 16; at + 4 <= length - 4;) {
      const code = view.getUint16(at, le);
      const size = view.getUint16(at + 2, le);
      if (code === PCAPNG_OPTION.end || at + 4 + size > length - 4) break;
      if (code === PCAPNG_OPTION.ifTsResolution && size >= 1) {
        const v = view.getUint8(at + 4);
        // High bit set: a negative power of 2; otherwise of 10. Absurd exponents fall back to microseconds.
        const exponent = v & 0x7f;
        if (v & 0x80 ? exponent <= 63 : exponent <= 18) {
          ticksPerSecondBig = v & 0x80 ? 2n ** BigInt(exponent) : 10n ** BigInt(exponent);
          ticksPerSecond = Number(ticksPerSecondBig);
        }
      } else if (code === PCAPNG_OPTION.ifTsOffset && size >= 8) {
        offsetSeconds = view.getBigInt64(at + 4, le);
      }
      at += 4 + Math.ceil(size / 4) * 4;
    }
    const link = linkKindOf(linkType);
    s.interfaces.push({ linkType, link, snapLength, ticksPerSecond, ticksPerSecondBig, offsetSeconds });
    this.interfacesSeen++;
    this.finestTicks = Math.max(this.finestTicks, ticksPerSecond);
    if (!this.linkTypes.includes(linkType)) this.linkTypes.push(linkType);
  }

  /** Microseconds since the first packet: exact differences per interface, one BigInt step per interface. */
  private timestamp(iface: Interface, high: number, low: number): number {
    if (!iface.base) {
      const ticks = (BigInt(high) << 32n) | BigInt(low);
      const ps = (ticks * PS_PER_SECOND) / iface.ticksPerSecondBig + iface.offsetSeconds * PS_PER_SECOND;
      this.originPs ??= ps;
      iface.base = { high, low, atUs: Number(ps - this.originPs) / 1e6 };
    }
    const { base } = iface;
    const delta = (high - base.high) * 4294967296 + (low - base.low);
    return base.atUs + (delta * 1_000_000) / iface.ticksPerSecond;
  }
}
