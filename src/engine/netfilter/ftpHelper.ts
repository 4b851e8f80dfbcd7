import {
  decodeExtendedAddress,
  decodeExtendedPassivePort,
  decodeHostPort,
  encodeExtendedAddress,
  encodeHostPort,
} from '../ftp/dataAddress';
import type { ConntrackExpectation, DeviceId } from '../events/stepEvent';
import type { Endpoint } from '../net/address';
import type { ConntrackEntry, Direction } from './conntrack';

/** What nf_conntrack_ftp (plus nf_nat_ftp on a NAT device) makes of one control-connection payload. */
export interface HelperAction {
  readonly expectation: ConntrackExpectation;
  /** Present when this device translates the control connection, so the announced address must change. */
  readonly rewrite?: { readonly before: string; readonly after: string };
}

export type Announcement =
  | { reason: 'PORT' | '227'; address: Endpoint; text: string }
  | { reason: 'EPRT'; address: Endpoint; text: string }
  | { reason: '229'; port: number };

/** What a control-connection line announces, as nf_conntrack_ftp parses it. */
export function announcement(payload: string, dir: Direction): Announcement | undefined {
  if (dir === 'original') {
    const port = /^PORT (\S+)\r\n$/.exec(payload);
    const portAddress = port?.[1] ? decodeHostPort(port[1]) : undefined;
    if (port?.[1] && portAddress) return { reason: 'PORT', address: portAddress, text: port[1] };
    const eprt = /^EPRT (\S+)\r\n$/.exec(payload);
    const eprtAddress = eprt?.[1] ? decodeExtendedAddress(eprt[1]) : undefined;
    if (eprt?.[1] && eprtAddress) return { reason: 'EPRT', address: eprtAddress, text: eprt[1] };
    return undefined;
  }
  if (payload.startsWith('227 ')) {
    const m = /\((\d+,\d+,\d+,\d+,\d+,\d+)\)/.exec(payload);
    const address = m?.[1] ? decodeHostPort(m[1]) : undefined;
    return m?.[1] && address ? { reason: '227', address, text: m[1] } : undefined;
  }
  if (payload.startsWith('229 ')) {
    const port = decodeExtendedPassivePort(payload);
    return port ? { reason: '229', port } : undefined;
  }
  return undefined;
}

/**
 * Reads PORT/EPRT (client to server) and 227/229 (server to client) the way Linux's nf_conntrack_ftp
 * does, and expects the data connection they announce. The helper refuses to record an address that is
 * not the sender's own (nf_conntrack_ftp.c: "NOT RECORDING"), which is why a server that announces its
 * public address from behind NAT gets no help from it. Over IPv6 the same check leaves PORT and the 227
 * (0,0,0,0) unrecorded, as nf_conntrack_ftp, which parses them for IPv4 only, does; EPRT |2| and 229 are
 * read as over IPv4 (tests/lab, issue 14 C3).
 */
export function inspectControlPayload(
  device: DeviceId,
  entry: ConntrackEntry,
  dir: Direction,
  payload: string,
): HelperAction | undefined {
  const found = announcement(payload, dir);
  if (!found) return undefined;
  const sender = dir === 'original' ? entry.original : entry.reply;
  const peer = dir === 'original' ? entry.reply : entry.original;
  const announced: Endpoint =
    found.reason === '229' ? { ip: sender.src.ip, port: found.port } : found.address;
  if (announced.ip !== sender.src.ip) return undefined;
  // The data connection will come from the peer and arrive at the address the peer sees for us.
  const destination: Endpoint = { ip: peer.dst.ip, port: announced.port };
  const natted = destination.ip !== announced.ip;
  const expectation: ConntrackExpectation = {
    device,
    sourceIp: peer.src.ip,
    destination,
    ...(natted ? { translatedTo: announced } : {}),
    reason: found.reason,
  };
  if (!natted || found.reason === '229') return { expectation };
  const replacement =
    found.reason === 'EPRT' ? encodeExtendedAddress(destination) : encodeHostPort(destination);
  return { expectation, rewrite: { before: found.text, after: replacement } };
}
