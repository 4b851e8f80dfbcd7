import { describe, expect, it } from 'vitest';
import { exportPcap } from '../../../src/export/pcap';
import { capturedFrame } from '../../../src/ui/inspector/frameBytes';
import { eventsOf, isDataSyn, isFirstSyn, isPortCommand, packetEvent } from './fixtures';

/** libpcap's global header and per-record header (pcap-savefile(5)). */
const PCAP_HEADER = 24;
const RECORD_HEADER = 16;

describe('capturedFrame', () => {
  it('gives the same bytes as a one-packet capture from the pcap exporter, at both points', () => {
    const events = eventsOf({ clientNat: true, helper: true });
    for (const e of [packetEvent(events, isFirstSyn), packetEvent(events, isPortCommand)]) {
      for (const point of ['client', 'server'] as const) {
        const frame = capturedFrame(e.packet, point);
        const file = exportPcap([e], point);
        expect(frame, point).toEqual(file.subarray(PCAP_HEADER + RECORD_HEADER));
      }
    }
  });

  it('starts with Ethernet II carrying IPv4: EtherType 0x0800, then 0x45 at offset 14', () => {
    const frame = capturedFrame(packetEvent(eventsOf({}), isFirstSyn).packet, 'client');
    expect(frame?.[12]).toBe(0x08);
    expect(frame?.[13]).toBe(0x00);
    expect(frame?.[14]).toBe(0x45);
  });

  it('is the packet as each host saw it: behind NAT the client sends from its private address', () => {
    const port = packetEvent(eventsOf({ clientNat: true, helper: true }), isPortCommand);
    const ipSource = (f: Uint8Array | undefined) => Array.from(f?.subarray(26, 30) ?? []).join('.');
    expect(ipSource(capturedFrame(port.packet, 'client'))).toBe('192.168.1.10');
    expect(ipSource(capturedFrame(port.packet, 'server'))).toBe('203.0.113.1');
  });

  it('has no frame where the packet never arrived', () => {
    const syn = packetEvent(eventsOf({ mode: 'passive', serverNat: 'private' }), isDataSyn);
    expect(syn.packet.fate.kind).toBe('dropped');
    expect(capturedFrame(syn.packet, 'server')).toBeUndefined();
    expect(capturedFrame(syn.packet, 'client')).toBeInstanceOf(Uint8Array);
  });
});
