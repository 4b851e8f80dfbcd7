import { describe, expect, it } from 'vitest';
import { capturedFrame } from '../../../src/ui/inspector/frameBytes';
import { frameLayout } from '../../../src/ui/inspector/frameLayout';
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
