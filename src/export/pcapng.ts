/**
 * A simulation (or a captured session) written as pcapng, the format Wireshark saves by default: one
 * section (little-endian), one Ethernet interface named after the capture point with microsecond
 * timestamps, and one Enhanced Packet Block per frame, its direction in `epb_flags` (inbound or
 * outbound, as Wireshark shows it). The frames are `pcap.ts`'s, byte for byte.
 */
import type { StepEvent } from '../engine/index';
import {
  LINKTYPE_ETHERNET,
  PCAP_SNAPLEN,
  PCAPNG_BLOCK,
  PCAPNG_BYTE_ORDER_MAGIC,
  PCAPNG_OPTION,
  PCAPNG_VERSION_MAJOR,
  PCAPNG_VERSION_MINOR,
} from '../pcap/format';
import { captureFrames, EPOCH_BASE_SECONDS, type CapturePoint } from './pcap';

const EPB_FLAGS = 2;
/** epb_flags bits 0-1: the packet's direction. */
const DIRECTION = { inbound: 1, outbound: 2 } as const;
const APPLICATION = 'FTP Flow Lab';
/** Said in the section's comment of an FTPS session: what of its TLS is real and what is not. */
export const TLS_COMMENT =
  'Explicit FTPS simulated by FTP Flow Lab: the TLS record framing and the clear-text hellos are real; ' +
  'the keys are not, and the encrypted contents are stand-ins that no key decrypts. ' +
  'Wireshark 4.0 dissects the records after AUTH as TLS with -o tcp.try_heuristic_first:TRUE.';

const pad4 = (n: number): number => (n + 3) & ~3;
const optionLength = (valueLength: number): number => 4 + pad4(valueLength);
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0x7f);

export function exportPcapng(events: readonly StepEvent[], capturePoint: CapturePoint): Uint8Array {
  const frames = captureFrames(events, capturePoint);
  const application = ascii(APPLICATION);
  const interfaceName = ascii(`eth0 (${capturePoint})`);
  const comment = events.some((e) => 'packet' in e && e.packet.tls) ? ascii(TLS_COMMENT) : undefined;
  const shbLength = 28 + optionLength(application.length) + (comment ? optionLength(comment.length) : 0) + 4;
  const idbLength = 16 + optionLength(interfaceName.length) + optionLength(1) + 4 + 4;
  const epbLength = (captured: number): number => 32 + pad4(captured) + optionLength(4) + 4;
  const captured = (bytes: Uint8Array): number => Math.min(bytes.length, PCAP_SNAPLEN);
  const size = shbLength + idbLength + frames.reduce((n, f) => n + epbLength(captured(f.bytes)), 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let at = 0;
  const u16 = (n: number): void => {
    v.setUint16(at, n, true);
    at += 2;
  };
  const u32 = (n: number): void => {
    v.setUint32(at, n >>> 0, true);
    at += 4;
  };
  const bytes = (b: Uint8Array): void => {
    out.set(b, at);
    at = pad4(at + b.length);
  };
  const option = (code: number, value: Uint8Array): void => {
    u16(code);
    u16(value.length);
    bytes(value);
  };
  const end = (): void => u32(PCAPNG_OPTION.end); // opt_endofopt: code 0, length 0

  // Section Header Block: byte-order magic, version 1.0, section length unknown (-1).
  u32(PCAPNG_BLOCK.sectionHeader);
  u32(shbLength);
  u32(PCAPNG_BYTE_ORDER_MAGIC);
  u16(PCAPNG_VERSION_MAJOR);
  u16(PCAPNG_VERSION_MINOR);
  u32(0xffffffff);
  u32(0xffffffff);
  option(PCAPNG_OPTION.shbUserApplication, application);
  if (comment) option(PCAPNG_OPTION.comment, comment);
  end();
  u32(shbLength);

  // Interface Description Block: Ethernet, tcpdump's snapshot length, microsecond timestamps.
  u32(PCAPNG_BLOCK.interfaceDescription);
  u32(idbLength);
  u16(LINKTYPE_ETHERNET);
  u16(0);
  u32(PCAP_SNAPLEN);
  option(PCAPNG_OPTION.ifName, interfaceName);
  option(PCAPNG_OPTION.ifTsResolution, Uint8Array.of(6));
  end();
  u32(idbLength);

  for (const frame of frames) {
    const length = epbLength(captured(frame.bytes));
    const micros = BigInt(EPOCH_BASE_SECONDS) * 1_000_000n + BigInt(Math.max(0, Math.round(frame.at)));
    u32(PCAPNG_BLOCK.enhancedPacket);
    u32(length);
    u32(0); // interface 0
    u32(Number(micros >> 32n));
    u32(Number(micros & 0xffffffffn));
    u32(captured(frame.bytes));
    u32(frame.bytes.length);
    bytes(frame.bytes.subarray(0, captured(frame.bytes)));
    const flags = new Uint8Array(4);
    new DataView(flags.buffer).setUint32(0, DIRECTION[frame.direction], true);
    option(EPB_FLAGS, flags);
    end();
    u32(length);
  }
  return out;
}
