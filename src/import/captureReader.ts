/**
 * Reading a capture file: the container (`captureParser.ts`) and the frames (`linkLayer.ts`) put together.
 * `streamCapture` reads any `CaptureSource` chunk by chunk and hands each TCP segment to a callback while
 * it is still a view into the chunk; `readCaptureBytes` reads bytes already in memory and keeps every
 * segment as a `CapturedPacket` (for small files: tests, fixtures, one session's packets).
 *
 * Pure code that also runs in a Web Worker: no Node or DOM APIs beyond Blob and streams.
 */
import type { TcpSegment } from '../engine';
import { CaptureParser, type CaptureFileInfo, type FrameRecord } from './captureParser';
import type { CaptureWarning } from './captureError';
import { chunksOf, type CaptureSource, type ReadOptions } from './captureSource';
import {
  decodeFrame,
  tcpChecksumValid,
  TCP_ACK,
  TCP_FIN,
  TCP_PSH,
  TCP_RST,
  TCP_SYN,
  type DecodedTcp,
} from './linkLayer';

/** One TCP segment of the capture, shaped like the engine's `TcpSegment` so the two compare directly. */
export interface CapturedPacket extends TcpSegment {
  /** 1-based number of the record in the file (Wireshark's frame number). */
  readonly frame: number;
  /**
   * Microseconds since the first record of the file (fractional for nanosecond captures; negative if the
   * file's clock went backwards).
   */
  readonly at: number;
  /** TCP option kinds in the order they appear on the wire, NOPs included (e.g. `[2, 4, 8, 1, 3]`). */
  readonly optionKinds: readonly number[];
  /** The capture holds fewer payload bytes than the packet carried (a snapshot length cut it). */
  readonly truncated: boolean;
  /** 4 unless the packet is IPv6 (absent for packets that never were in a file: engine captures). */
  readonly ipVersion?: 4 | 6;
  /** pcapng: the interface it was captured on (0 for classic pcap). */
  readonly interfaceId?: number;
}

export interface CaptureReadSummary {
  readonly info: CaptureFileInfo;
  /** Packet records in the file, TCP or not. */
  readonly records: number;
  readonly bytes: number;
  readonly tcpPackets: number;
  /** Records that were not TCP over IPv4/IPv6, or whose headers could not be parsed. */
  readonly skipped: number;
  readonly warnings: readonly CaptureWarning[];
}

export interface CaptureFile extends CaptureReadSummary {
  readonly packets: readonly CapturedPacket[];
}

export type SegmentHandler = (segment: DecodedTcp, record: FrameRecord) => void;

/** Feeds a parser and counts: the part both readers share. */
function reader(onSegment: SegmentHandler) {
  let tcpPackets = 0;
  let skipped = 0;
  const parser = new CaptureParser((record) => {
    const segment = record.link ? decodeFrame(record.data, record.link) : undefined;
    if (!segment) {
      skipped++;
      return;
    }
    tcpPackets++;
    onSegment(segment, record);
  });
  return {
    parser,
    finish: (): CaptureReadSummary => {
      const end = parser.end();
      return { ...end, tcpPackets, skipped };
    },
  };
}

/** Reads the source chunk by chunk; each segment is valid only during the call. */
export async function streamCapture(
  source: CaptureSource,
  onSegment: SegmentHandler,
  options: ReadOptions = {},
): Promise<CaptureReadSummary> {
  const { parser, finish } = reader(onSegment);
  for await (const chunk of chunksOf(source, options)) parser.push(chunk);
  return finish();
}

/** A whole capture already in memory, every TCP segment kept. Throws `CaptureError` if it is malformed. */
export function readCaptureBytes(bytes: Uint8Array): CaptureFile {
  const packets: CapturedPacket[] = [];
  const { parser, finish } = reader((segment, record) => packets.push(capturedPacket(segment, record)));
  parser.push(bytes);
  return { ...finish(), packets };
}

/** A segment as a plain object that outlives the chunk it came from (its payload copied into a string). */
export function capturedPacket(
  d: DecodedTcp,
  record: Pick<FrameRecord, 'frame' | 'at' | 'interfaceId'>,
): CapturedPacket {
  const options = readOptions(d.options);
  return {
    frame: record.frame,
    at: record.at,
    src: d.src,
    dst: d.dst,
    seq: d.seq,
    ack: d.ack,
    flags: {
      fin: (d.flags & TCP_FIN) !== 0,
      syn: (d.flags & TCP_SYN) !== 0,
      rst: (d.flags & TCP_RST) !== 0,
      psh: (d.flags & TCP_PSH) !== 0,
      ack: (d.flags & TCP_ACK) !== 0,
    },
    window: d.window,
    options: options.parsed,
    optionKinds: options.kinds,
    payload: latin1(d.payload),
    ip: { id: d.ipId, ttl: d.ttl },
    truncated: d.truncated,
    ipVersion: d.ipVersion,
    interfaceId: record.interfaceId,
  };
}

export { tcpChecksumValid };

/** Bytes as a string of one character per byte (ISO-8859-1); TextDecoder's "latin1" is really windows-1252. */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

interface ParsedOptions {
  parsed: TcpSegment['options'];
  kinds: number[];
}

/** RFC 9293 §3.2 option list: EOL ends it, NOP is one byte, every other kind carries its own length. */
function readOptions(bytes: Uint8Array): ParsedOptions {
  const kinds: number[] = [];
  const parsed: {
    mss?: number;
    sackPermitted?: boolean;
    windowScale?: number;
    timestamp?: { value: number; echo: number };
  } = {};
  const byte = (at: number): number => bytes[at] ?? 0;
  const be32 = (at: number): number =>
    ((byte(at) << 24) | (byte(at + 1) << 16) | (byte(at + 2) << 8) | byte(at + 3)) >>> 0;
  for (let at = 0; at < bytes.length;) {
    const kind = byte(at);
    if (kind === 0) break;
    if (kind === 1) {
      kinds.push(kind);
      at += 1;
      continue;
    }
    const length = bytes[at + 1];
    // A malformed option list: stop reading rather than guess (the segment itself is still useful).
    if (length === undefined || length < 2 || at + length > bytes.length) break;
    kinds.push(kind);
    if (kind === 2 && length === 4) parsed.mss = (byte(at + 2) << 8) | byte(at + 3);
    else if (kind === 3 && length === 3) parsed.windowScale = byte(at + 2);
    else if (kind === 4 && length === 2) parsed.sackPermitted = true;
    else if (kind === 8 && length === 10) parsed.timestamp = { value: be32(at + 2), echo: be32(at + 6) };
    at += length;
  }
  return { parsed, kinds };
}
