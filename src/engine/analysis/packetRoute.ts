import { DEVICE_PATH, type DeviceId, type HostId, type Packet } from '../events/stepEvent';

export interface PacketRoute {
  /** The boxes the packet passes, in order, from its sender to where it is headed. */
  readonly path: readonly DeviceId[];
  /** Where it ends: its destination host, or the device that dropped or refused it. */
  readonly stopsAt: DeviceId;
  readonly headedFor: HostId;
}

/** A router only ever answers the side a packet came from: the server-router answers the client, and vice versa. */
function destination(packet: Packet): HostId {
  switch (packet.from) {
    case 'client':
    case 'client-router':
      return 'server';
    default:
      return 'client';
  }
}

/** Where a packet travels and where it stops: what a diagram animates. */
export function packetRoute(packet: Packet): PacketRoute {
  const headedFor = destination(packet);
  const from = DEVICE_PATH.indexOf(packet.from);
  const to = DEVICE_PATH.indexOf(headedFor);
  const path = from <= to ? DEVICE_PATH.slice(from, to + 1) : DEVICE_PATH.slice(to, from + 1).reverse();
  const stopsAt = packet.fate.kind === 'delivered' ? headedFor : packet.fate.device;
  return { path, stopsAt, headedFor };
}
