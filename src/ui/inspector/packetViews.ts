import { packetRoute, type DeviceId, type HostId, type Packet, type TcpSegment } from '../../engine';

/** One column of the inspector: the packet as a capture point saw it, or as its sender emitted it. */
export type PacketColumn =
  | { readonly kind: 'view'; readonly point: HostId; readonly segment: TcpSegment }
  /** Identical at both ends (apart from the TTL each router lowers): one column stands for both. */
  | { readonly kind: 'both'; readonly point: HostId; readonly segment: TcpSegment }
  /** No host captured it (a router's own RST lost on the way): the segment as the router sent it. */
  | { readonly kind: 'sent'; readonly device: DeviceId; readonly segment: TcpSegment };

/** Why a host has no view of the packet. */
export type MissingView =
  /** A router's own packet (a RST): it starts at the router and never passes this host. */
  | { readonly host: HostId; readonly reason: 'from-router'; readonly device: DeviceId }
  | { readonly host: HostId; readonly reason: 'dropped'; readonly device: DeviceId; readonly rule: string }
  | { readonly host: HostId; readonly reason: 'refused'; readonly device: DeviceId }
  | { readonly host: HostId; readonly reason: 'not-captured' };

export interface PacketColumns {
  readonly columns: readonly PacketColumn[];
  readonly missing: readonly MissingView[];
  /** In a merged column, the TTL as sent and as received (routers lower it on the way). */
  readonly ttl?: { readonly sent: number; readonly received: number };
}

const HOSTS: readonly HostId[] = ['client', 'server'];

/** Whether two views differ in anything a NAT router or an FTP helper changes (everything but the TTL). */
export function viewsDiffer(a: TcpSegment, b: TcpSegment): boolean {
  const comparable = (s: TcpSegment) => JSON.stringify({ ...s, ip: { id: s.ip.id } });
  return comparable(a) !== comparable(b);
}

/**
 * What the inspector shows side by side: the client's and the server's view when both exist and differ
 * (NAT rewrote addresses or ports, a helper rewrote the payload and shifted seq/ack), one column when
 * they agree, and for a missing view, why the packet never got there.
 */
export function packetColumns(packet: Packet): PacketColumns {
  const route = packetRoute(packet);
  const sender: HostId | undefined =
    packet.from === 'client' || packet.from === 'server' ? packet.from : undefined;
  const missing: MissingView[] = [];
  for (const host of HOSTS) {
    if (packet.views[host]) continue;
    const { fate } = packet;
    if (host !== route.headedFor && !sender)
      missing.push({ host, reason: 'from-router', device: packet.from });
    else if (fate.kind === 'dropped')
      missing.push({ host, reason: 'dropped', device: fate.device, rule: fate.rule.text });
    else if (fate.kind === 'refused') missing.push({ host, reason: 'refused', device: fate.device });
    else missing.push({ host, reason: 'not-captured' });
  }

  const { client, server } = packet.views;
  if (client && server) {
    if (viewsDiffer(client.segment, server.segment))
      return {
        columns: [
          { kind: 'view', point: 'client', segment: client.segment },
          { kind: 'view', point: 'server', segment: server.segment },
        ],
        missing,
      };
    const from = sender ?? (route.headedFor === 'client' ? 'server' : 'client');
    const to: HostId = from === 'client' ? 'server' : 'client';
    const sent = packet.views[from] ?? client;
    const received = packet.views[to] ?? server;
    return {
      columns: [{ kind: 'both', point: from, segment: sent.segment }],
      missing,
      ...(sent.segment.ip.ttl !== received.segment.ip.ttl
        ? { ttl: { sent: sent.segment.ip.ttl, received: received.segment.ip.ttl } }
        : {}),
    };
  }
  const only = client ? 'client' : server ? 'server' : undefined;
  const view = only && packet.views[only];
  if (only && view) return { columns: [{ kind: 'view', point: only, segment: view.segment }], missing };
  return { columns: [{ kind: 'sent', device: packet.from, segment: packet.segment }], missing };
}

/** The capture points that recorded the packet, client first. */
export function capturePoints(packet: Packet): HostId[] {
  return HOSTS.filter((h) => packet.views[h] !== undefined);
}
