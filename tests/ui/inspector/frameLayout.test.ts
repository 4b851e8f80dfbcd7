import { describe, expect, it } from 'vitest';
import { capturedFrame } from '../../../src/ui/inspector/frameBytes';
import { frameLayout } from '../../../src/ui/inspector/frameLayout';
import { packetLayers } from '../../../src/ui/inspector/packetLayers';
import { eventsOf, isFirstSyn, isPortCommand, packetEvent } from './fixtures';

const r = (start: number, end: number) => ({ start, end });

describe('frameLayout', () => {
  it('places the Ethernet, IPv4 and TCP fields of a SYN, with Linux options MSS, SACK_PERM+TS, NOP WS', () => {
    const frame = capturedFrame(packetEvent(eventsOf({}), isFirstSyn).packet, 'client');
    if (!frame) throw new Error('no frame');
    const at = frameLayout(frame);
    expect(frame.length).toBe(74); // 14 Ethernet + 20 IPv4 + 40 TCP (20 of options)
    expect(at.eth).toEqual(r(0, 14));
    expect(at.ip).toEqual(r(14, 34));
    expect(at['ip.ttl']).toEqual(r(22, 23));
    expect(at['ip.src']).toEqual(r(26, 30));
    expect(at['ip.dst']).toEqual(r(30, 34));
    expect(at.tcp).toEqual(r(34, 74));
    expect(at['tcp.srcPort']).toEqual(r(34, 36));
    expect(at['tcp.seq']).toEqual(r(38, 42));
    expect(at['tcp.ack']).toEqual(r(42, 46));
    expect(at['tcp.flags']).toEqual(r(47, 48));
    expect(at['tcp.options']).toEqual(r(54, 74));
    expect(at['tcp.mss']).toEqual(r(54, 58));
    expect(at['tcp.sackPermitted']).toEqual(r(58, 60));
    expect(at['tcp.timestamps']).toEqual(r(60, 70));
    expect(at['tcp.windowScale']).toEqual(r(71, 74)); // after one NOP
    expect(at.payload).toBeUndefined();
  });

  it('places the IPv6 header’s fields (RFC 8200: 40 bytes, no checksum) and shows its flow label and hop limit', () => {
    const syn = packetEvent(eventsOf({ ipVersion: 6, mode: 'epsv' }), isFirstSyn);
    const frame = capturedFrame(syn.packet, 'server');
    if (!frame) throw new Error('no frame');
    const at = frameLayout(frame);
    expect(frame.length).toBe(94); // 14 Ethernet + 40 IPv6 + 40 TCP, as measured in the lab
    expect(at.ip).toEqual(r(14, 54));
    expect(at['ip.flowLabel']).toEqual(r(15, 18));
    expect(at['ip.payloadLength']).toEqual(r(18, 20));
    expect(at['ip.hopLimit']).toEqual(r(21, 22));
    expect(at['ip.src']).toEqual(r(22, 38));
    expect(at['ip.dst']).toEqual(r(38, 54));
    expect(at['ip.checksum']).toBeUndefined();
    expect(at.tcp).toEqual(r(54, 94));
    expect(at['tcp.mss']).toEqual(r(74, 78));
    const seen = syn.packet.views.server?.segment;
    if (!seen) throw new Error('not seen at the server');
    const layers = packetLayers(syn, seen, frame);
    const ip = layers.find((l) => l.id === 'ip6');
    const value = (id: string) => {
      const v = ip?.fields.find((f) => f.id === id)?.value;
      return v && 'text' in v ? v.text : undefined;
    };
    expect(layers.map((l) => l.id)).toEqual(['eth', 'ip6', 'tcp']);
    expect(value('ip.src')).toBe('2001:db8:1::10');
    expect(value('ip.hopLimit')).toBe('62');
    expect(value('ip.flowLabel')).toMatch(/^0x[0-9a-f]{5} \(\d+\)$/);
    expect(value('ip.payloadLength')).toBe('40');
    const eth = layers[0]?.fields.find((f) => f.id === 'eth.type')?.value;
    expect(eth && 'text' in eth && eth.text).toBe('IPv6 (0x86dd)');
  });

  it('places the payload after the options of a later segment', () => {
    const port = packetEvent(eventsOf({}), isPortCommand);
    const frame = capturedFrame(port.packet, 'client');
    if (!frame) throw new Error('no frame');
    const at = frameLayout(frame);
    expect(at['tcp.options']).toEqual(r(54, 66)); // NOP NOP Timestamps
    expect(at['tcp.timestamps']).toEqual(r(56, 66));
    expect(at.payload).toEqual(r(66, frame.length));
    const text = String.fromCharCode(...frame.subarray(66));
    expect(text).toBe(port.packet.segment.payload);
  });

  it('gives only what a truncated frame holds', () => {
    expect(frameLayout(new Uint8Array(10))).toEqual({});
    const onlyEthernet = frameLayout(new Uint8Array(20));
    expect(onlyEthernet.eth).toEqual(r(0, 14));
    expect(onlyEthernet.ip).toBeUndefined();
  });
});
