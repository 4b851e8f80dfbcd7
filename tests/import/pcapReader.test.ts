import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePcap, PcapError, readPcap } from '../../src/import/pcapReader';

// ---------------------------------------------------------------------------------------------------------
// A tiny pcap writer, just enough to build every case by hand.
// ---------------------------------------------------------------------------------------------------------

interface TcpSpec {
  src?: [string, number];
  dst?: [string, number];
  seq?: number;
  ack?: number;
  /** Letters of tcpdump's flag notation: S, A, F, R, P. */
  flags?: string;
  window?: number;
  ttl?: number;
  id?: number;
  /** Raw TCP option bytes (padded to a multiple of 4 by the writer). */
  options?: number[];
  payload?: number[] | string;
  /** Bytes after the IPv4 packet (Ethernet padding). */
  trailer?: number;
  protocol?: number;
  fragment?: number;
  /** Override the TCP data offset (in 32-bit words). */
  dataOffset?: number;
}

/** Linux's SYN options: MSS 1460, SACK permitted, timestamps, NOP, window scale 10. */
const LINUX_SYN_OPTIONS = [2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0xef, 0xe0, 0x5c, 0x6c, 0, 0, 0, 0, 1, 3, 3, 10];

function bytesOf(payload: number[] | string | undefined): number[] {
  if (payload === undefined) return [];
  return typeof payload === 'string' ? [...payload].map((c) => c.charCodeAt(0)) : payload;
}

function ipv4Tcp(spec: TcpSpec = {}): Uint8Array {
  const options = [...(spec.options ?? [])];
  while (options.length % 4 !== 0) options.push(0);
  const payload = bytesOf(spec.payload);
  const tcpLength = 20 + options.length;
  const total = 20 + tcpLength + payload.length;
  const out = new Uint8Array(total + (spec.trailer ?? 0));
  const v = new DataView(out.buffer);
  const [sIp, sPort] = spec.src ?? ['192.168.1.10', 56012];
  const [dIp, dPort] = spec.dst ?? ['172.16.0.21', 21];
  v.setUint8(0, 0x45);
  v.setUint16(2, total);
  v.setUint16(4, spec.id ?? 0x1234);
  v.setUint16(6, spec.fragment ?? 0x4000);
  v.setUint8(8, spec.ttl ?? 64);
  v.setUint8(9, spec.protocol ?? 6);
  out.set(sIp.split('.').map(Number), 12);
  out.set(dIp.split('.').map(Number), 16);
  v.setUint16(20, sPort);
  v.setUint16(22, dPort);
  v.setUint32(24, spec.seq ?? 0);
  v.setUint32(28, spec.ack ?? 0);
  v.setUint8(32, (spec.dataOffset ?? tcpLength / 4) << 4);
  const f = spec.flags ?? '';
  v.setUint8(
    33,
    (f.includes('F') ? 1 : 0) |
      (f.includes('S') ? 2 : 0) |
      (f.includes('R') ? 4 : 0) |
      (f.includes('P') ? 8 : 0) |
      (f.includes('A') ? 16 : 0),
  );
  v.setUint16(34, spec.window ?? 64240);
  out.set(options, 40);
  out.set(payload, 40 + options.length);
  return out;
}

type Link = 1 | 101 | 113 | 228 | 276;

function frame(link: Link, ip: Uint8Array, etherType = 0x0800, vlan = false): Uint8Array {
  const header: number[] = [];
  const be16 = (n: number): number[] => [n >> 8, n & 0xff];
  if (link === 1) {
    header.push(...[0xe2, 0xec, 0x84, 0xe7, 0x5a, 0x18, 0xfe, 0xc5, 0xdb, 0x6d, 0xa9, 0xcc]);
    if (vlan) header.push(...be16(0x8100), ...be16(42));
    header.push(...be16(etherType));
  } else if (link === 113) {
    header.push(...be16(0), ...be16(1), ...be16(6), 1, 2, 3, 4, 5, 6, 0, 0, ...be16(etherType));
  } else if (link === 276) {
    header.push(...be16(etherType), 0, 0, 0, 0, 0, 2, ...be16(1), 0, 6, 1, 2, 3, 4, 5, 6, 0, 0);
  }
  const out = new Uint8Array(header.length + ip.length);
  out.set(header, 0);
  out.set(ip, header.length);
  return out;
}

interface RecordSpec {
  sec?: number;
  frac?: number;
  data: Uint8Array;
  /** Declared captured length (defaults to data.length). */
  captured?: number;
  original?: number;
}

interface FileSpec {
  littleEndian?: boolean;
  nano?: boolean;
  link?: number;
  magic?: number;
  major?: number;
  records: RecordSpec[];
}

function pcap(spec: FileSpec): Uint8Array {
  const le = spec.littleEndian ?? true;
  const size = 24 + spec.records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, spec.magic ?? (spec.nano ? 0xa1b23c4d : 0xa1b2c3d4), le);
  v.setUint16(4, spec.major ?? 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, 262144, le);
  v.setUint32(20, spec.link ?? 1, le);
  let at = 24;
  for (const r of spec.records) {
    v.setUint32(at, r.sec ?? 1_700_000_000, le);
    v.setUint32(at + 4, r.frac ?? 0, le);
    v.setUint32(at + 8, r.captured ?? r.data.length, le);
    v.setUint32(at + 12, r.original ?? r.data.length, le);
    out.set(r.data, at + 16);
    at += 16 + r.data.length;
  }
  return out;
}

const SYN: TcpSpec = {
  src: ['192.168.1.10', 56012],
  dst: ['172.16.0.21', 21],
  seq: 2759968479,
  flags: 'S',
  window: 64240,
  ttl: 64,
  id: 46615,
  options: LINUX_SYN_OPTIONS,
};

function expectPcapError(bytes: Uint8Array, message: RegExp): void {
  let thrown: unknown;
  try {
    readPcap(bytes);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(PcapError);
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).message).toMatch(message);
}

// ---------------------------------------------------------------------------------------------------------

describe('readPcap: packets', () => {
  it('decodes every field of an Ethernet IPv4/TCP SYN', () => {
    const [p, ...rest] = readPcap(pcap({ records: [{ data: frame(1, ipv4Tcp(SYN)) }] }));
    expect(rest).toEqual([]);
    expect(p).toEqual({
      frame: 1,
      at: 0,
      src: { ip: '192.168.1.10', port: 56012 },
      dst: { ip: '172.16.0.21', port: 21 },
      seq: 2759968479,
      ack: 0,
      flags: { syn: true, ack: false, fin: false, rst: false, psh: false },
      window: 64240,
      options: { mss: 1460, sackPermitted: true, timestamp: { value: 4024458348, echo: 0 }, windowScale: 10 },
      optionKinds: [2, 4, 8, 1, 3],
      payload: '',
      ip: { id: 46615, ttl: 64 },
      truncated: false,
    });
  });

  it('reads 32-bit sequence and acknowledgement numbers as unsigned', () => {
    const [p] = readPcap(
      pcap({ records: [{ data: frame(1, ipv4Tcp({ seq: 0xffffffff, ack: 0x80000000, flags: 'A' })) }] }),
    );
    expect(p?.seq).toBe(4294967295);
    expect(p?.ack).toBe(2147483648);
  });

  it('decodes every flag', () => {
    const flagsOf = (f: string) =>
      readPcap(pcap({ records: [{ data: frame(1, ipv4Tcp({ flags: f })) }] }))[0]?.flags;
    expect(flagsOf('FSRPA')).toEqual({ syn: true, ack: true, fin: true, rst: true, psh: true });
    expect(flagsOf('PA')).toEqual({ syn: false, ack: true, fin: false, rst: false, psh: true });
    expect(flagsOf('RA')).toEqual({ syn: false, ack: true, fin: false, rst: true, psh: false });
  });

  it('keeps the payload one character per byte (Latin-1, not windows-1252)', () => {
    const bytes = [0x32, 0x32, 0x30, 0x20, 0x80, 0x9f, 0xe9, 0xff, 0x0d, 0x0a];
    const [p] = readPcap(pcap({ records: [{ data: frame(1, ipv4Tcp({ flags: 'PA', payload: bytes })) }] }));
    expect([...(p?.payload ?? '')].map((c) => c.charCodeAt(0))).toEqual(bytes);
  });

  it('reads a payload larger than one String.fromCharCode chunk', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => 0x41 + (i % 26));
    const [p] = readPcap(pcap({ records: [{ data: frame(1, ipv4Tcp({ flags: 'A', payload: big })) }] }));
    expect(p?.payload.length).toBe(20_000);
    expect(p?.payload.slice(0, 3)).toBe('ABC');
    expect(p?.truncated).toBe(false);
  });

  it('bounds the payload by the IPv4 total length, not by Ethernet padding', () => {
    const [p] = readPcap(
      pcap({ records: [{ data: frame(1, ipv4Tcp({ flags: 'A', payload: 'QUIT\r\n', trailer: 6 })) }] }),
    );
    expect(p?.payload).toBe('QUIT\r\n');
  });

  it('marks a packet cut by the snapshot length as truncated and keeps what was captured', () => {
    const ip = ipv4Tcp({ flags: 'PA', payload: '150 Here comes the directory listing.\r\n' });
    const data = frame(1, ip).subarray(0, 14 + 40 + 10);
    const [p] = readPcap(pcap({ records: [{ data, original: 14 + ip.length }] }));
    expect(p?.payload).toBe('150 Here c');
    expect(p?.truncated).toBe(true);
  });

  it('ignores a malformed option list after the first bad option, without throwing', () => {
    const [p] = readPcap(
      pcap({ records: [{ data: frame(1, ipv4Tcp({ flags: 'S', options: [2, 4, 5, 180, 1, 99, 0, 3] })) }] }),
    );
    expect(p?.options).toEqual({ mss: 1460 });
    expect(p?.optionKinds).toEqual([2, 1]);
  });

  it('stops reading options at End of Option List', () => {
    const [p] = readPcap(
      pcap({ records: [{ data: frame(1, ipv4Tcp({ flags: 'S', options: [1, 0, 3, 3, 10] })) }] }),
    );
    expect(p?.optionKinds).toEqual([1]);
    expect(p?.options).toEqual({});
  });

  it('numbers frames over all records and skips what is not IPv4/TCP', () => {
    const arp = frame(1, new Uint8Array(28), 0x0806);
    const ipv6 = frame(1, new Uint8Array(60).fill(0x60, 0, 1), 0x86dd);
    const udp = frame(1, ipv4Tcp({ protocol: 17 }));
    const fragment = frame(1, ipv4Tcp({ fragment: 0x2000 }));
    const laterFragment = frame(1, ipv4Tcp({ fragment: 0x0010 }));
    const badOffset = frame(1, ipv4Tcp({ dataOffset: 3 }));
    const pastEnd = frame(1, ipv4Tcp({ dataOffset: 15 }));
    const tiny = frame(1, new Uint8Array(8));
    const notV4 = frame(1, new Uint8Array(40).fill(0x65, 0, 1));
    const file = parsePcap(
      pcap({
        records: [
          arp,
          ipv6,
          udp,
          fragment,
          laterFragment,
          badOffset,
          pastEnd,
          tiny,
          notV4,
          frame(1, ipv4Tcp(SYN)),
        ].map((data) => ({ data })),
      }),
    );
    expect(file.records).toBe(10);
    expect(file.skipped).toBe(9);
    expect(file.packets.map((p) => p.frame)).toEqual([10]);
  });

  it('reads 802.1Q-tagged Ethernet frames', () => {
    const [p] = readPcap(pcap({ records: [{ data: frame(1, ipv4Tcp(SYN), 0x0800, true) }] }));
    expect(p?.src.port).toBe(56012);
  });
});

describe('readPcap: file formats', () => {
  const records = (link: Link): RecordSpec[] => [
    { sec: 1_700_000_000, frac: 999_000, data: frame(link, ipv4Tcp(SYN)) },
    { sec: 1_700_000_001, frac: 1_500, data: frame(link, ipv4Tcp({ ...SYN, flags: 'SA', ttl: 62 })) },
  ];
  const reference = readPcap(pcap({ records: records(1) }));

  it('gives microsecond times relative to the first record, across a second boundary', () => {
    expect(reference.map((p) => p.at)).toEqual([0, 2_500]);
  });

  it('reads big-endian files the same as little-endian ones', () => {
    const file = parsePcap(pcap({ littleEndian: false, records: records(1) }));
    expect(file.byteOrder).toBe('big-endian');
    expect(file.packets).toEqual(reference);
  });

  it.each([
    ['little-endian', true],
    ['big-endian', false],
  ])('reads nanosecond files (%s)', (_, littleEndian) => {
    const file = parsePcap(
      pcap({
        littleEndian,
        nano: true,
        records: [
          { sec: 1_700_000_000, frac: 999_999_000, data: frame(1, ipv4Tcp(SYN)) },
          { sec: 1_700_000_001, frac: 500, data: frame(1, ipv4Tcp(SYN)) },
          { sec: 1_700_000_003, frac: 1_000, data: frame(1, ipv4Tcp(SYN)) },
        ],
      }),
    );
    expect(file.precision).toBe('nanosecond');
    expect(file.packets.map((p) => p.at)).toEqual([0, 1.5, 2_000_002]);
  });

  it.each([
    [113, 'linux-sll'],
    [276, 'linux-sll2'],
    [101, 'raw-ipv4'],
    [228, 'raw-ipv4'],
  ] as const)('reads link type %i (%s)', (link, name) => {
    const file = parsePcap(pcap({ link, records: records(link) }));
    expect(file.linkType).toBe(name);
    expect(file.packets).toEqual(reference);
  });

  it('skips non-IPv4 frames of Linux cooked captures', () => {
    expect(parsePcap(pcap({ link: 113, records: [{ data: frame(113, ipv4Tcp(), 0x86dd) }] })).skipped).toBe(
      1,
    );
    expect(parsePcap(pcap({ link: 276, records: [{ data: frame(276, ipv4Tcp(), 0x0806) }] })).skipped).toBe(
      1,
    );
  });

  it('ignores the FCS bits above the link type', () => {
    const file = parsePcap(pcap({ link: 0x1000_0001, records: records(1) }));
    expect(file.linkType).toBe('ethernet');
  });

  it('reads a file that is a view into a larger buffer', () => {
    const bytes = pcap({ records: records(1) });
    const larger = new Uint8Array(bytes.length + 11);
    larger.set(bytes, 7);
    expect(readPcap(larger.subarray(7, 7 + bytes.length))).toEqual(reference);
  });

  it('accepts a header-only file', () => {
    const file = parsePcap(pcap({ records: [] }));
    expect(file).toMatchObject({ records: 0, skipped: 0, packets: [], snapLength: 262144 });
  });
});

describe('readPcap: malformed input', () => {
  const good = pcap({ records: [{ data: frame(1, ipv4Tcp(SYN)) }, { data: frame(1, ipv4Tcp(SYN)) }] });

  it('rejects something shorter than the file header', () => {
    expectPcapError(new Uint8Array(0), /shorter than the 24-byte pcap file header/);
    expectPcapError(good.subarray(0, 23), /23 bytes is shorter/);
  });

  it('rejects a wrong magic number, naming it', () => {
    expectPcapError(
      pcap({ magic: 0x12345678, records: [] }),
      /Not a pcap file: it starts with the bytes 78 56 34 12, which are not a pcap magic number/,
    );
    expectPcapError(
      new TextEncoder().encode('<!DOCTYPE html><html>...</html>'),
      /starts with the bytes 3c 21 44 4f/,
    );
  });

  it('explains that pcapng is not supported', () => {
    const ng = new Uint8Array(28);
    new DataView(ng.buffer).setUint32(0, 0x0a0d0d0a);
    expectPcapError(ng, /pcapng.*only classic pcap/);
  });

  it('rejects an unsupported version and link type', () => {
    expectPcapError(pcap({ major: 1, records: [] }), /Unsupported pcap version 1\.4/);
    expectPcapError(pcap({ link: 105, records: [] }), /Unsupported link type 105/);
  });

  it('rejects a truncated record header', () => {
    expectPcapError(
      good.subarray(0, good.length - 74 - 5),
      /Truncated pcap file: record 2 at byte 114 has only 11 of its 16 header bytes/,
    );
  });

  it('rejects a record whose data runs past the end of the file', () => {
    expectPcapError(
      good.subarray(0, good.length - 1),
      /Truncated pcap file: record 2 at byte 114 declares 74 bytes but only 73 remain/,
    );
  });

  it('rejects an absurd captured length', () => {
    const bytes = pcap({ records: [{ data: new Uint8Array(4), captured: 0x7fffffff }] });
    expectPcapError(
      bytes,
      /record 1 at byte 24: captured length 2147483647 exceeds the maximum of 262144 bytes/,
    );
  });

  it('rejects a timestamp fraction out of range', () => {
    expectPcapError(
      pcap({ records: [{ frac: 1_000_000, data: frame(1, ipv4Tcp()) }] }),
      /fraction 1000000 is not below 1000000/,
    );
    expectPcapError(
      pcap({ nano: true, records: [{ frac: 1_000_000_000, data: frame(1, ipv4Tcp()) }] }),
      /not below 1000000000 \(nanosecond file\)/,
    );
  });

  it('rejects input that is not bytes', () => {
    expectPcapError(new ArrayBuffer(40) as unknown as Uint8Array, /expected the file as bytes/);
  });

  it('never throws anything but a PcapError, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (junk, withHeader) => {
        const bytes = withHeader ? new Uint8Array([...good.subarray(0, 24), ...junk]) : junk;
        try {
          readPcap(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(PcapError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('either reads or rejects with a PcapError every prefix and every single-byte corruption of a file', () => {
    for (let n = 0; n <= good.length; n++) {
      try {
        readPcap(good.subarray(0, n));
      } catch (e) {
        expect(e).toBeInstanceOf(PcapError);
      }
    }
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const bytes = good.slice();
        bytes[at] = value;
        try {
          readPcap(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(PcapError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
