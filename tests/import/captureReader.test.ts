import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureError } from '../../src/import/captureError';
import { readCaptureBytes, streamCapture, type CapturedPacket } from '../../src/import/captureReader';
import {
  frame,
  ipv4Tcp,
  ipv6Tcp,
  LINKTYPE_OF,
  LINUX_SYN_OPTIONS,
  pcap,
  pcapng,
  ticks,
  type FrameLink,
  type RecordSpec,
  type TcpSpec,
} from './fixtures/captureWriter';

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

const packets = (bytes: Uint8Array): readonly CapturedPacket[] => readCaptureBytes(bytes).packets;
const one = (data: Uint8Array, link = 1) => packets(pcap({ link, records: [{ data }] }))[0];

function thrown(fn: () => unknown): CaptureError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CaptureError);
    return e as CaptureError;
  }
  throw new Error('expected a CaptureError');
}

function expectProblem(bytes: Uint8Array, problem: string, message: RegExp): void {
  const e = thrown(() => readCaptureBytes(bytes));
  expect(e.problem).toBe(problem);
  expect(e.key).toBe(`capture.error.${problem}`);
  expect(e.message).toMatch(message);
}

// ---------------------------------------------------------------------------------------------------------

describe('packets', () => {
  it('decodes every field of an Ethernet IPv4/TCP SYN', () => {
    const [p, ...rest] = packets(pcap({ records: [{ data: frame('ethernet', ipv4Tcp(SYN)) }] }));
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
      ipVersion: 4,
      interfaceId: 0,
    });
  });

  it('reads 32-bit sequence and acknowledgement numbers as unsigned', () => {
    const p = one(frame('ethernet', ipv4Tcp({ seq: 0xffffffff, ack: 0x80000000, flags: 'A' })));
    expect(p?.seq).toBe(4294967295);
    expect(p?.ack).toBe(2147483648);
  });

  it('decodes every flag', () => {
    const flagsOf = (f: string) => one(frame('ethernet', ipv4Tcp({ flags: f })))?.flags;
    expect(flagsOf('FSRPA')).toEqual({ syn: true, ack: true, fin: true, rst: true, psh: true });
    expect(flagsOf('PA')).toEqual({ syn: false, ack: true, fin: false, rst: false, psh: true });
    expect(flagsOf('RA')).toEqual({ syn: false, ack: true, fin: false, rst: true, psh: false });
  });

  it('keeps the payload one character per byte (Latin-1, not windows-1252)', () => {
    const bytes = [0x32, 0x32, 0x30, 0x20, 0x80, 0x9f, 0xe9, 0xff, 0x0d, 0x0a];
    const p = one(frame('ethernet', ipv4Tcp({ flags: 'PA', payload: bytes })));
    expect([...(p?.payload ?? '')].map((c) => c.charCodeAt(0))).toEqual(bytes);
  });

  it('reads a payload larger than one String.fromCharCode chunk', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => 0x41 + (i % 26));
    const p = one(frame('ethernet', ipv4Tcp({ flags: 'A', payload: big })));
    expect(p?.payload.length).toBe(20_000);
    expect(p?.payload.slice(0, 3)).toBe('ABC');
    expect(p?.truncated).toBe(false);
  });

  it('bounds the payload by the IP length, not by Ethernet padding', () => {
    expect(one(frame('ethernet', ipv4Tcp({ flags: 'A', payload: 'QUIT\r\n', trailer: 6 })))?.payload).toBe(
      'QUIT\r\n',
    );
    expect(one(frame('ethernet', ipv6Tcp({ flags: 'A', payload: 'QUIT\r\n', trailer: 6 })))?.payload).toBe(
      'QUIT\r\n',
    );
  });

  it('marks a packet cut by the snapshot length as truncated and keeps what was captured', () => {
    const ip = ipv4Tcp({ flags: 'PA', payload: '150 Here comes the directory listing.\r\n' });
    const data = frame('ethernet', ip).subarray(0, 14 + 40 + 10);
    const [p] = packets(pcap({ records: [{ data, original: 14 + ip.length }] }));
    expect(p?.payload).toBe('150 Here c');
    expect(p?.truncated).toBe(true);
  });

  it('ignores a malformed option list after the first bad option, without throwing', () => {
    const p = one(frame('ethernet', ipv4Tcp({ flags: 'S', options: [2, 4, 5, 180, 1, 99, 0, 3] })));
    expect(p?.options).toEqual({ mss: 1460 });
    expect(p?.optionKinds).toEqual([2, 1]);
  });

  it('stops reading options at End of Option List', () => {
    const p = one(frame('ethernet', ipv4Tcp({ flags: 'S', options: [1, 0, 3, 3, 10] })));
    expect(p?.optionKinds).toEqual([1]);
    expect(p?.options).toEqual({});
  });

  it('numbers frames over all records and skips what is not TCP over IP', () => {
    const arp = frame('ethernet', new Uint8Array(28), { etherType: 0x0806 });
    const udp = frame('ethernet', ipv4Tcp({ protocol: 17 }));
    const udp6 = frame('ethernet', ipv6Tcp({ protocol: 17 }));
    const fragment = frame('ethernet', ipv4Tcp({ fragment: 0x2000 }));
    const laterFragment = frame('ethernet', ipv4Tcp({ fragment: 0x0010 }));
    const fragment6 = frame('ethernet', ipv6Tcp({ extensions: [[44, [0, 0, 1, 0, 0, 0, 1]]] }));
    const badOffset = frame('ethernet', ipv4Tcp({ dataOffset: 3 }));
    const pastEnd = frame('ethernet', ipv4Tcp({ dataOffset: 15 }));
    const tiny = frame('ethernet', new Uint8Array(8));
    const notIp = frame('ethernet', new Uint8Array(40).fill(0x75, 0, 1));
    const file = readCaptureBytes(
      pcap({
        records: [arp, udp, udp6, fragment, laterFragment, fragment6, badOffset, pastEnd, tiny, notIp]
          .concat([frame('ethernet', ipv4Tcp(SYN))])
          .map((data) => ({ data })),
      }),
    );
    expect(file.records).toBe(11);
    expect(file.skipped).toBe(10);
    expect(file.tcpPackets).toBe(1);
    expect(file.packets.map((p) => p.frame)).toEqual([11]);
  });

  it.each([
    ['802.1Q', [0x8100]],
    ['QinQ (802.1ad over 802.1Q)', [0x88a8, 0x8100]],
    ['pre-standard QinQ', [0x9100, 0x8100]],
    ['three tags', [0x88a8, 0x8100, 0x8100]],
  ])('reads %s tagged Ethernet frames', (_, vlans) => {
    expect(one(frame('ethernet', ipv4Tcp(SYN), { vlans }))?.src.port).toBe(56012);
    expect(one(frame('ethernet', ipv6Tcp(SYN), { vlans }))?.src.port).toBe(56012);
  });
});

describe('IPv6', () => {
  const SYN6: TcpSpec = { ...SYN, src: ['2001:db8::10', 56012], dst: ['2001:db8:0:1::21', 21] };

  it('decodes addresses in RFC 5952 form, the hop limit as TTL, and the segment', () => {
    const p = one(frame('ethernet', ipv6Tcp({ ...SYN6, ttl: 61 })));
    expect(p).toMatchObject({
      src: { ip: '2001:db8::10', port: 56012 },
      dst: { ip: '2001:db8:0:1::21', port: 21 },
      seq: 2759968479,
      ip: { id: 0, ttl: 61 },
      ipVersion: 6,
      optionKinds: [2, 4, 8, 1, 3],
    });
  });

  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['fe80::1:0:0:1', 'fe80::1:0:0:1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('writes %s as %s', (written, expected) => {
    const p = one(frame('raw', ipv6Tcp({ src: [written, 1], dst: ['::2', 21] })), 101);
    expect(p?.src.ip).toBe(expected);
  });

  it('walks hop-by-hop, routing, destination options and atomic fragment headers to TCP', () => {
    const pad6 = [0, 1, 4, 0, 0, 0, 0];
    const p = one(
      frame(
        'ethernet',
        ipv6Tcp({
          ...SYN6,
          extensions: [
            [0, pad6],
            [43, [0, 0, 0, 0, 0, 0, 0]],
            [60, pad6],
            [44, [0, 0, 0, 0, 0, 0, 7]],
          ],
        }),
      ),
    );
    expect(p?.seq).toBe(2759968479);
  });
});

describe('link types', () => {
  const records = (link: FrameLink, v6 = false): RecordSpec[] => [
    { sec: 1_700_000_000, frac: 999_000, data: frame(link, (v6 ? ipv6Tcp : ipv4Tcp)(SYN)) },
    {
      sec: 1_700_000_001,
      frac: 1_500,
      data: frame(link, (v6 ? ipv6Tcp : ipv4Tcp)({ ...SYN, flags: 'SA', ttl: 62 })),
    },
  ];
  const reference = packets(pcap({ records: records('ethernet') }));
  const reference6 = packets(pcap({ records: records('ethernet', true) }));

  it.each(['linux-sll', 'linux-sll2', 'raw', 'null-le', 'null-be', 'loop'] as const)(
    'reads %s frames, IPv4 and IPv6',
    (link) => {
      expect(packets(pcap({ link: LINKTYPE_OF[link], records: records(link) }))).toEqual(reference);
      expect(packets(pcap({ link: LINKTYPE_OF[link], records: records(link, true) }))).toEqual(reference6);
    },
  );

  it.each([12, 14, 228])('reads raw IPv4 under link type %i', (link) => {
    expect(packets(pcap({ link, records: records('raw') }))).toEqual(reference);
  });

  it('reads raw IPv6 under link type 229 and refuses IPv4 there', () => {
    expect(packets(pcap({ link: 229, records: records('raw', true) }))).toEqual(reference6);
    expect(readCaptureBytes(pcap({ link: 229, records: records('raw') })).skipped).toBe(2);
  });

  it('skips frames of other protocols on cooked and loopback captures', () => {
    const other = (link: FrameLink, etherType: number) =>
      readCaptureBytes(
        pcap({ link: LINKTYPE_OF[link], records: [{ data: frame(link, ipv4Tcp(), { etherType }) }] }),
      ).skipped;
    expect(other('linux-sll', 0x0806)).toBe(1);
    expect(other('linux-sll2', 0x0806)).toBe(1);
    const ipx = new Uint8Array([23, 0, 0, 0, ...ipv4Tcp()]);
    expect(readCaptureBytes(pcap({ link: 0, records: [{ data: ipx }] })).skipped).toBe(1);
  });

  it('ignores the FCS bits above the link type', () => {
    expect(packets(pcap({ link: 0x1000_0001, records: records('ethernet') }))).toEqual(reference);
  });
});

describe('classic pcap', () => {
  const records: RecordSpec[] = [
    { sec: 1_700_000_000, frac: 999_000, data: frame('ethernet', ipv4Tcp(SYN)) },
    { sec: 1_700_000_001, frac: 1_500, data: frame('ethernet', ipv4Tcp({ ...SYN, flags: 'SA', ttl: 62 })) },
  ];
  const reference = packets(pcap({ records }));

  it('gives microsecond times relative to the first record, across a second boundary', () => {
    expect(reference.map((p) => p.at)).toEqual([0, 2_500]);
  });

  it('reads big-endian files the same as little-endian ones', () => {
    const file = readCaptureBytes(pcap({ littleEndian: false, records }));
    expect(file.info).toMatchObject({ format: 'pcap', byteOrder: 'big-endian', precision: 'microsecond' });
    expect(file.packets).toEqual(reference);
  });

  it.each([
    ['little-endian', true],
    ['big-endian', false],
  ])('reads nanosecond files (%s)', (_, littleEndian) => {
    const file = readCaptureBytes(
      pcap({
        littleEndian,
        nano: true,
        records: [
          { sec: 1_700_000_000, frac: 999_999_000, data: frame('ethernet', ipv4Tcp(SYN)) },
          { sec: 1_700_000_001, frac: 500, data: frame('ethernet', ipv4Tcp(SYN)) },
          { sec: 1_700_000_003, frac: 1_000, data: frame('ethernet', ipv4Tcp(SYN)) },
        ],
      }),
    );
    expect(file.info.precision).toBe('nanosecond');
    expect(file.info.startSeconds).toBe(1_700_000_000);
    expect(file.packets.map((p) => p.at)).toEqual([0, 1.5, 2_000_002]);
  });

  it('reads a file that is a view into a larger buffer', () => {
    const bytes = pcap({ records });
    const larger = new Uint8Array(bytes.length + 11);
    larger.set(bytes, 7);
    expect(packets(larger.subarray(7, 7 + bytes.length))).toEqual(reference);
  });

  it('accepts a header-only file', () => {
    expect(readCaptureBytes(pcap({ records: [] }))).toMatchObject({ records: 0, skipped: 0, packets: [] });
  });
});

describe('pcapng', () => {
  const a = frame('ethernet', ipv4Tcp(SYN));
  const b = frame(
    'ethernet',
    ipv4Tcp({ ...SYN, flags: 'SA', ttl: 62, src: ['172.16.0.21', 21], dst: ['192.168.1.10', 56012] }),
  );

  it.each([
    ['little-endian', true],
    ['big-endian', false],
  ])(
    'reads a section (%s): interface description and enhanced packet blocks with options',
    (_, littleEndian) => {
      const file = readCaptureBytes(
        pcapng([
          {
            littleEndian,
            interfaces: [{ linkType: 1, name: 'eth0' }],
            blocks: [
              { kind: 'epb', iface: 0, ticks: ticks(1_700_000_000, 999_000), data: a, comment: 'first' },
              { kind: 'nrb' },
              { kind: 'epb', iface: 0, ticks: ticks(1_700_000_001, 1_500), data: b },
              { kind: 'isb', iface: 0 },
              { kind: 'custom', type: 0x00000bad, body: [1, 2, 3, 4] },
            ],
          },
        ]),
      );
      expect(file.info).toMatchObject({
        format: 'pcapng',
        byteOrder: littleEndian ? 'little-endian' : 'big-endian',
        precision: 'microsecond',
        linkTypes: [1],
        interfaces: 1,
        startSeconds: 1_700_000_000.999,
      });
      expect(file.records).toBe(2);
      expect(file.packets.map((p) => [p.frame, p.at, p.flags.syn, p.flags.ack])).toEqual([
        [1, 0, true, false],
        [2, 2_500, true, true],
      ]);
    },
  );

  it('reads several interfaces with their own link types, resolutions and offsets on one clock', () => {
    const file = readCaptureBytes(
      pcapng([
        {
          interfaces: [
            { linkType: 1 },
            { linkType: 113, tsresol: 9 },
            { linkType: 101, tsresol: 0x80 | 20, tsoffset: 10n },
          ],
          blocks: [
            { kind: 'epb', iface: 0, ticks: ticks(1_700_000_010, 0), data: a },
            {
              kind: 'epb',
              iface: 1,
              ticks: ticks(1_700_000_010, 1_500, 9),
              data: frame('linux-sll', ipv4Tcp(SYN)),
            },
            // 2^-20 s ticks, 10 s offset: (1_700_000_000 s + 0.5 s) + 10 s.
            {
              kind: 'epb',
              iface: 2,
              ticks: BigInt(1_700_000_000) * 1048576n + 524288n,
              data: frame('raw', ipv4Tcp(SYN)),
            },
            {
              kind: 'epb',
              iface: 1,
              ticks: ticks(1_700_000_011, 0, 9),
              data: frame('linux-sll', ipv4Tcp(SYN)),
            },
          ],
        },
      ]),
    );
    expect(file.info).toMatchObject({ linkTypes: [1, 113, 101], interfaces: 3, precision: 'nanosecond' });
    expect(file.packets.map((p) => [p.interfaceId, p.at])).toEqual([
      [0, 0],
      [1, 1.5],
      [2, 500_000],
      [1, 1_000_000],
    ]);
  });

  it('reads simple packet blocks (no timestamp: the previous packet time) and obsolete packet blocks', () => {
    const file = readCaptureBytes(
      pcapng([
        {
          interfaces: [{ linkType: 1, snapLength: 1500 }],
          blocks: [
            { kind: 'pb', iface: 0, ticks: ticks(1_700_000_000, 100), data: a },
            { kind: 'spb', data: b },
            { kind: 'epb', iface: 0, ticks: ticks(1_700_000_000, 300), data: a },
          ],
        },
      ]),
    );
    expect(file.packets.map((p) => [p.frame, p.at, p.flags.ack])).toEqual([
      [1, 0, false],
      [2, 0, true],
      [3, 200, false],
    ]);
  });

  it('cuts a simple packet block at the interface snapshot length', () => {
    const long = frame('ethernet', ipv4Tcp({ flags: 'PA', payload: 'x'.repeat(100) }));
    const file = readCaptureBytes(
      pcapng([{ interfaces: [{ linkType: 1, snapLength: 64 }], blocks: [{ kind: 'spb', data: long }] }]),
    );
    expect(file.packets[0]).toMatchObject({ truncated: true, payload: 'xxxxxxxxxx' });
  });

  it('reads several sections, each with its own byte order and interfaces', () => {
    const file = readCaptureBytes(
      pcapng([
        {
          littleEndian: true,
          interfaces: [{ linkType: 1 }],
          blocks: [{ kind: 'epb', iface: 0, ticks: ticks(1_700_000_000, 0), data: a }],
        },
        {
          littleEndian: false,
          interfaces: [{ linkType: 276 }],
          blocks: [
            {
              kind: 'epb',
              iface: 0,
              ticks: ticks(1_700_000_001, 0),
              data: frame('linux-sll2', ipv4Tcp(SYN)),
            },
          ],
        },
      ]),
    );
    expect(file.info).toMatchObject({ linkTypes: [1, 276], interfaces: 2 });
    expect(file.packets.map((p) => [p.frame, p.at, p.src.port])).toEqual([
      [1, 0, 56012],
      [2, 1_000_000, 56012],
    ]);
  });

  it('skips the packets of an interface whose link type it cannot read, with a warning', () => {
    const file = readCaptureBytes(
      pcapng([
        {
          interfaces: [{ linkType: 105 }, { linkType: 1 }],
          blocks: [
            { kind: 'epb', iface: 0, ticks: 0n, data: new Uint8Array(30) },
            { kind: 'epb', iface: 1, ticks: 0n, data: a },
          ],
        },
      ]),
    );
    expect(file.packets).toHaveLength(1);
    expect(file.skipped).toBe(1);
    expect(file.warnings.map((w) => [w.key, w.params])).toEqual([
      ['capture.warning.skippedLinkTypes', { linkTypes: '105' }],
    ]);
  });
});

describe('streaming', () => {
  const file = pcap({
    records: Array.from({ length: 40 }, (_, i) => ({
      sec: 1_700_000_000 + i,
      data: frame('ethernet', ipv4Tcp({ ...SYN, flags: 'PA', seq: i, payload: 'x'.repeat(i * 37) })),
    })),
  });
  const ng = pcapng([
    {
      littleEndian: false,
      interfaces: [{ linkType: 1 }, { linkType: 113 }],
      blocks: Array.from({ length: 30 }, (_, i) => ({
        kind: 'epb' as const,
        iface: i % 2,
        ticks: ticks(1_700_000_000 + i, i),
        data: frame(
          i % 2 ? 'linux-sll' : 'ethernet',
          ipv4Tcp({ seq: i, flags: 'A', payload: 'y'.repeat(i * 11) }),
        ),
      })),
    },
  ]);

  async function streamed(bytes: Uint8Array, cuts: number[]): Promise<CapturedPacket[]> {
    const { capturedPacket } = await import('../../src/import/captureReader');
    const chunks: Uint8Array[] = [];
    let at = 0;
    for (const cut of [...cuts].sort((x, y) => x - y)) {
      chunks.push(bytes.slice(at, cut));
      at = cut;
    }
    chunks.push(bytes.slice(at));
    const out: CapturedPacket[] = [];
    async function* source() {
      for (const c of chunks) yield c;
    }
    await streamCapture(source(), (d, r) => out.push(capturedPacket(d, r)));
    return out;
  }

  it.each([
    ['pcap', file],
    ['pcapng', ng],
  ])('reads %s cut into chunks anywhere exactly as in one piece', async (_, bytes) => {
    const whole = readCaptureBytes(bytes).packets;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat(bytes.length), { maxLength: 12 }), async (cuts) => {
        expect(await streamed(bytes, cuts)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
    // Byte by byte, the worst case for records that straddle chunks.
    expect(
      await streamed(
        bytes,
        Array.from({ length: bytes.length }, (_, i) => i),
      ),
    ).toEqual(whole);
  });

  it('reads every kind of source: bytes, ArrayBuffer, Blob, web stream, async iterable', async () => {
    const whole = readCaptureBytes(file).packets.length;
    const count = async (source: Parameters<typeof streamCapture>[0]) =>
      (await streamCapture(source, () => undefined, { chunkBytes: 100 })).tcpPackets;
    expect(await count(file)).toBe(whole);
    expect(await count(file.slice().buffer)).toBe(whole);
    expect(await count(new Blob([file]))).toBe(whole);
    expect(await count(new Blob([file]).stream())).toBe(whole);
    const { Readable } = await import('node:stream');
    expect(
      await count(Readable.from([Buffer.from(file.subarray(0, 50)), Buffer.from(file.subarray(50))])),
    ).toBe(whole);
  });

  it('reports progress and refuses a file over the size limit before and while reading', async () => {
    const seen: [number, number | undefined][] = [];
    await streamCapture(new Blob([file]), () => undefined, {
      chunkBytes: 1000,
      onProgress: (read, total) => seen.push([read, total]),
    });
    expect(seen.at(-1)).toEqual([file.length, file.length]);
    expect(seen.length).toBe(Math.ceil(file.length / 1000));
    const limit = { maxBytes: file.length - 1 };
    const early = await streamCapture(new Blob([file]), () => undefined, limit).catch((e: unknown) => e);
    expect(early).toMatchObject({ problem: 'tooLarge' });
    async function* unknownSize() {
      yield file;
    }
    const late = await streamCapture(unknownSize(), () => undefined, limit).catch((e: unknown) => e);
    expect(late).toMatchObject({ problem: 'tooLarge', key: 'capture.error.tooLarge' });
  });

  it('stops with an aborted error when the signal aborts', async () => {
    const controller = new AbortController();
    let n = 0;
    const result = await streamCapture(
      new Blob([file]),
      () => {
        if (++n === 3) controller.abort();
      },
      { signal: controller.signal, chunkBytes: 64 },
    ).catch((e: unknown) => e);
    expect(result).toMatchObject({ problem: 'aborted' });
  });

  it('turns a failing stream into a readFailed error', async () => {
    async function* broken() {
      yield file.subarray(0, 30);
      throw new Error('EIO: i/o error');
    }
    const result = await streamCapture(broken(), () => undefined).catch((e: unknown) => e);
    expect(result).toMatchObject({ problem: 'readFailed', params: { reason: 'EIO: i/o error' } });
  });
});

describe('malformed input', () => {
  const good = pcap({
    records: [{ data: frame('ethernet', ipv4Tcp(SYN)) }, { data: frame('ethernet', ipv4Tcp(SYN)) }],
  });

  it('rejects an empty file and one shorter than its header', () => {
    expectProblem(new Uint8Array(0), 'empty', /The file is empty/);
    expectProblem(good.subarray(0, 23), 'tooShort', /only 23 bytes long.*pcap header alone is 24/);
    expectProblem(good.subarray(0, 3), 'tooShort', /only 3 bytes/);
  });

  it('rejects what is not a capture, naming its first bytes', () => {
    expectProblem(
      pcap({ magic: 0x12345678, records: [] }),
      'notCapture',
      /starts with the bytes 78 56 34 12/,
    );
    expectProblem(new TextEncoder().encode('<!DOCTYPE html><html>...</html>'), 'notCapture', /3c 21 44 4f/);
  });

  it('rejects unsupported versions and link types', () => {
    expectProblem(pcap({ major: 1, records: [] }), 'unsupportedVersion', /pcap file has version 1\.4/);
    expectProblem(pcap({ link: 105, records: [] }), 'unsupportedLinkType', /link type 105/);
    expectProblem(
      pcapng([{ major: 2, interfaces: [], blocks: [] }]),
      'unsupportedVersion',
      /pcapng file has version 2\.0/,
    );
  });

  it('reads what comes before a record cut short, with a warning', () => {
    for (const cut of [good.length - 74 - 5, good.length - 1]) {
      const file = readCaptureBytes(good.subarray(0, cut));
      expect(file.packets).toHaveLength(1);
      expect(file.warnings.map((w) => [w.key, w.params])).toEqual([
        ['capture.warning.cutShort', { frame: 2, offset: 114 }],
      ]);
    }
  });

  it('rejects an absurd captured length', () => {
    expectProblem(
      pcap({ records: [{ data: new Uint8Array(4), captured: 0x7fffffff }] }),
      'recordTooLong',
      /packet 1 \(at byte 24\) claims 2147483647 bytes, more than the 262144/,
    );
  });

  it('rejects a timestamp fraction out of range', () => {
    expectProblem(
      pcap({ records: [{ frac: 1_000_000, data: frame('ethernet', ipv4Tcp()) }] }),
      'badTimestamp',
      /1000000, which must be below 1000000/,
    );
    expectProblem(
      pcap({ nano: true, records: [{ frac: 1_000_000_000, data: frame('ethernet', ipv4Tcp()) }] }),
      'badTimestamp',
      /must be below 1000000000/,
    );
  });

  it('rejects damaged pcapng blocks', () => {
    const ng = pcapng([
      {
        interfaces: [{ linkType: 1 }],
        blocks: [{ kind: 'epb', iface: 0, ticks: 0n, data: frame('ethernet', ipv4Tcp()) }],
      },
    ]);
    const shb = 28 + 4 * Math.ceil(('captureWriter test'.length + 4) / 4) + 4;
    const withLength = (at: number, length: number) => {
      const copy = ng.slice();
      new DataView(copy.buffer).setUint32(at + 4, length, true);
      return copy;
    };
    expectProblem(withLength(shb, 13), 'badBlock', /block at byte \d+ claims a length of 13/);
    expectProblem(withLength(shb, 8), 'badBlock', /length of 8/);
    expectProblem(withLength(shb, 0x7ffffff0), 'blockTooLong', /more than the limit/);
    const trailer = ng.slice();
    new DataView(trailer.buffer).setUint32(trailer.length - 4, 1234, true);
    expectProblem(trailer, 'blockTrailer', /ends with 1234/);
    const bom = ng.slice();
    bom[8] = 0;
    expectProblem(bom, 'badSectionHeader', /no valid byte-order mark/);
    const noIface = pcapng([
      { interfaces: [], blocks: [{ kind: 'epb', iface: 3, ticks: 0n, data: new Uint8Array(40) }] },
    ]);
    expectProblem(noIface, 'unknownInterface', /names interface 3/);
  });

  it('never throws anything but a CaptureError, whatever the bytes', () => {
    const ngHeader = pcapng([{ interfaces: [{ linkType: 1 }], blocks: [] }]);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom('none', 'pcap', 'pcapng'),
        (junk, header) => {
          const prefix =
            header === 'pcap' ? good.subarray(0, 24) : header === 'pcapng' ? ngHeader : new Uint8Array(0);
          try {
            readCaptureBytes(new Uint8Array([...prefix, ...junk]));
          } catch (e) {
            expect(e).toBeInstanceOf(CaptureError);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('either reads or rejects with a CaptureError every prefix and every single-byte corruption of a file', () => {
    const ng = pcapng([
      {
        interfaces: [{ linkType: 1 }, { linkType: 0 }],
        blocks: [
          { kind: 'epb', iface: 1, ticks: 5n, data: frame('null-le', ipv6Tcp(SYN)) },
          { kind: 'spb', data: frame('ethernet', ipv4Tcp(SYN)) },
        ],
      },
    ]);
    for (const bytes of [good, ng]) {
      for (let n = 0; n <= bytes.length; n++) {
        try {
          readCaptureBytes(bytes.subarray(0, n));
        } catch (e) {
          expect(e).toBeInstanceOf(CaptureError);
        }
      }
      fc.assert(
        fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
          const copy = bytes.slice();
          copy[at] = value;
          try {
            readCaptureBytes(copy);
          } catch (e) {
            expect(e).toBeInstanceOf(CaptureError);
          }
        }),
        { numRuns: 500 },
      );
    }
  });
});
