/**
 * The reader against tshark on the same bytes: every container and link-layer variant the test writer
 * makes, and the reference captures, must give the same packets (frame numbers, addresses, ports, raw
 * sequence numbers, flags, payload lengths, times). This also holds the test writer to the formats.
 *
 * Needs tshark (TSHARK=path overrides the one on PATH); without it these tests fail, they are not skipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../src/import/captureReader';
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
  type TcpSpec,
} from './fixtures/captureWriter';

const TSHARK = process.env.TSHARK ?? 'tshark';
const CAPTURES = path.resolve(__dirname, '../../../shared/captures');
const dir = mkdtempSync(path.join(tmpdir(), 'capture-tshark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIELDS = [
  'frame.number',
  'ip.src',
  'ipv6.src',
  'ip.dst',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.flags',
  'tcp.len',
  'frame.time_relative',
];

/** tshark's reading of the file: one row per TCP packet. */
function tsharkRows(file: string): string[] {
  const out = execFileSync(
    TSHARK,
    ['-r', file, '-n', '-Y', 'tcp', '-T', 'fields', '-E', 'separator=|', ...FIELDS.flatMap((f) => ['-e', f])],
    { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [n, ip4s, ip6s, ip4d, ip6d, sport, dport, seq, ack, flags, len, time] = line.split('|');
      // Tunnelled or repeated fields are comma-separated: the first (outer) one is the packet's own.
      const first = (s = '') => s.split(',')[0] ?? '';
      return [
        n,
        first(ip4s) || first(ip6s),
        first(ip4d) || first(ip6d),
        sport,
        dport,
        seq,
        ack,
        Number(flags).toString(16),
        len,
        Number(time).toFixed(6),
      ].join(' ');
    });
}

function ourRows(bytes: Uint8Array): string[] {
  return readCaptureBytes(bytes).packets.map((p) => {
    const f = p.flags;
    const bits = (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | (f.psh ? 8 : 0) | (f.ack ? 16 : 0);
    return [
      p.frame,
      p.src.ip,
      p.dst.ip,
      p.src.port,
      p.dst.port,
      p.seq,
      p.ack,
      bits.toString(16),
      p.payload.length,
      (p.at / 1e6).toFixed(6),
    ].join(' ');
  });
}

function agree(name: string, bytes: Uint8Array): void {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const theirs = tsharkRows(file);
  expect(theirs.length).toBeGreaterThan(0);
  expect(ourRows(bytes)).toEqual(theirs);
}

const conversation = (v6: boolean): TcpSpec[] => {
  const [c, s] = v6 ? ['2001:db8::10', '2001:db8:1::21'] : ['192.168.1.10', '172.16.0.21'];
  return [
    { src: [c, 56012], dst: [s, 21], seq: 100, flags: 'S', options: LINUX_SYN_OPTIONS },
    { src: [s, 21], dst: [c, 56012], seq: 5000, ack: 101, flags: 'SA', ttl: 62 },
    { src: [c, 56012], dst: [s, 21], seq: 101, ack: 5001, flags: 'A' },
    {
      src: [s, 21],
      dst: [c, 56012],
      seq: 5001,
      ack: 101,
      flags: 'PA',
      payload: '220 (vsFTPd 3.0.3)\r\n',
      ttl: 62,
    },
    { src: [c, 56012], dst: [s, 21], seq: 101, ack: 5021, flags: 'PA', payload: 'USER anonymous\r\n' },
  ];
};

describe('the reader reads what tshark reads', () => {
  const links: FrameLink[] = ['ethernet', 'linux-sll', 'linux-sll2', 'raw', 'null-le', 'null-be', 'loop'];
  for (const link of links) {
    for (const v6 of [false, true]) {
      it(`pcap, ${link}, IPv${v6 ? 6 : 4}`, () => {
        const records = conversation(v6).map((spec, i) => ({
          sec: 1_700_000_000 + i,
          frac: i * 1234,
          data: frame(link, (v6 ? ipv6Tcp : ipv4Tcp)(spec)),
        }));
        agree(`${link}-${v6 ? 6 : 4}.pcap`, pcap({ link: LINKTYPE_OF[link], records }));
      });
    }
  }

  it('pcap, Ethernet with 802.1Q and QinQ tags', () => {
    const records = conversation(false).map((spec, i) => ({
      sec: 1_700_000_000,
      frac: i,
      data: frame('ethernet', ipv4Tcp(spec), { vlans: i % 2 ? [0x8100] : [0x88a8, 0x8100] }),
    }));
    agree('vlan.pcap', pcap({ records }));
  });

  it.each([
    ['big-endian microsecond', false, false],
    ['little-endian nanosecond', true, true],
    ['big-endian nanosecond', false, true],
  ])('pcap, %s', (name, littleEndian, nano) => {
    const records = conversation(false).map((spec, i) => ({
      sec: 1_700_000_000 + i,
      frac: nano ? i * 123_456_789 : i * 123_456,
      data: frame('ethernet', ipv4Tcp(spec)),
    }));
    agree(`${name.replace(/ /g, '-')}.pcap`, pcap({ littleEndian, nano, records }));
  });

  it.each([
    ['little-endian', true],
    ['big-endian', false],
  ])(
    'pcapng (%s): two sections, several interfaces and resolutions, EPB, PB, SPB, NRB, ISB',
    (name, littleEndian) => {
      const c = conversation(false);
      const c6 = conversation(true);
      const bytes = pcapng([
        {
          littleEndian,
          interfaces: [{ linkType: 1 }, { linkType: 113, tsresol: 9 }, { linkType: 101, tsresol: 0x80 | 10 }],
          blocks: [
            { kind: 'epb', iface: 0, ticks: ticks(1_700_000_000, 0), data: frame('ethernet', ipv4Tcp(c[0])) },
            {
              kind: 'epb',
              iface: 1,
              ticks: ticks(1_700_000_000, 1_500_000, 9),
              data: frame('linux-sll', ipv4Tcp(c[1])),
            },
            { kind: 'nrb' },
            {
              kind: 'epb',
              iface: 2,
              ticks: BigInt(1_700_000_001) * 1024n + 512n,
              data: frame('raw', ipv4Tcp(c[2])),
            },
            {
              kind: 'pb',
              iface: 0,
              ticks: ticks(1_700_000_002, 250_000),
              data: frame('ethernet', ipv4Tcp(c[3])),
            },
            { kind: 'isb', iface: 0 },
          ],
        },
        {
          littleEndian: !littleEndian,
          interfaces: [{ linkType: 276 }],
          blocks: [
            {
              kind: 'epb',
              iface: 0,
              ticks: ticks(1_700_000_003, 0),
              data: frame('linux-sll2', ipv6Tcp(c6[4])),
            },
            { kind: 'spb', data: frame('linux-sll2', ipv6Tcp(c6[3])) },
          ],
        },
      ]);
      // tshark shows a simple packet block's missing time as 0: compare everything else.
      const file = path.join(dir, `ng-${name}.pcapng`);
      writeFileSync(file, bytes);
      const drop = (rows: string[]) => rows.map((r) => r.split(' ').slice(0, -1).join(' '));
      expect(drop(ourRows(bytes))).toEqual(drop(tsharkRows(file)));
      expect(
        ourRows(bytes)
          .slice(0, 5)
          .map((r) => r.split(' ').at(-1)),
      ).toEqual(
        tsharkRows(file)
          .slice(0, 5)
          .map((r) => r.split(' ').at(-1)),
      );
    },
  );

  const references = readdirSync(CAPTURES).filter((f) => f.endsWith('.pcap'));
  it.each(references)('reference capture %s', (name) => {
    const full = path.join(CAPTURES, name);
    expect(ourRows(new Uint8Array(readFileSync(full)))).toEqual(tsharkRows(full));
  });
});
