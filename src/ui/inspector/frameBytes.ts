import type { Packet } from '../../engine';
import { encodeFrame, type CapturePoint } from '../../export/pcap';

/**
 * The Ethernet frame a capture on `point` (tcpdump on that host's interface) records for this packet,
 * byte for byte what the exported .pcap holds; undefined where the packet never passed that interface.
 * The encoding is the pcap exporter's own (src/export/pcap.ts), so the inspector and the file agree.
 */
export function capturedFrame(packet: Packet, point: CapturePoint): Uint8Array | undefined {
  const view = packet.views[point];
  if (!view) return undefined;
  // A frame the capturing host sent leaves for its gateway; anything else arrives from it.
  return encodeFrame(view.segment, point, packet.from === point ? 'outbound' : 'inbound');
}
