/**
 * The pcap export, checked by Wireshark itself: every simulated capture is written to a file and read back
 * with tshark, which must decode every header field, validate every checksum, dissect every FTP command and
 * reply, follow PORT/PASV/EPRT/EPSV to the data connections, and find nothing wrong with the TCP sequence.
 * Needs tshark (TSHARK=path overrides the one on PATH); without it these tests fail, they are not skipped.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_FIREWALLS,
  decodeExtendedAddress,
  decodeExtendedPassivePort,
  decodeHostPort,
  ipVersionOf,
  MODES,
  SERVER_FIREWALLS,
  SERVER_NATS,
  simulate,
  type Endpoint,
  type ScenarioInput,
  type StepEvent,
  type TcpSegment,
} from '../../src/engine/index';
import { parseScenario } from '../../src/engine/validation';
import {
  capturedPackets,
  encodeIpv4,
  encodeTcpOptions,
  EPOCH_BASE_SECONDS,
  exportPcap,
  internetChecksum,
  MAC_ADDRESSES,
  pcapFileName,
  tcpChecksum,
  type CapturedPacket,
  type CapturePoint,
} from '../../src/export/pcap';
import { exportPcapng, TLS_COMMENT } from '../../src/export/pcapng';

const TSHARK = process.env.TSHARK ?? 'tshark';
const TSHARK_TIMEOUT_MS = 30_000;
const REFERENCE_CAPTURES = fileURLToPath(new URL('../../../shared/captures/', import.meta.url));

// ---------------------------------------------------------------------------------------------------------
// Known packets: frames 1-4 of shared/captures/active-nofw-success-client.pcap, Ethernet header removed.
// Their TCP checksums are wrong (checksum offload, see shared/captures/README.md); `tcpShouldBe` is the
// value Wireshark says the checksum should be.
// ---------------------------------------------------------------------------------------------------------
const KNOWN_FRAMES = [
  {
    hex: '4500003cb6174000400616cdc0a8010aac100015dacc0015a481c6df00000000a002faf06e060000020405b40402080aefe05c6c000000000103030a',
    tcpShouldBe: 0x4ca4,
  },
  {
    hex: '4500003c000040003e06cee4ac100015c0a8010a0015daccf8e4caafa481c6e0a012fe886e060000020405b40402080a66a99cdfefe05c6c0103030a',
    tcpShouldBe: 0x81dd,
  },
  {
    hex: '45000034b6184000400616d4c0a8010aac100015dacc0015a481c6e0f8e4cab08010003f6dfe00000101080aefe05c6d66a99cdf',
    tcpShouldBe: 0xaef5,
  },
  {
    hex: '450000487fe540003e064ef3ac100015c0a8010a0015daccf8e4cab0a481c6e0801800406e1200000101080a66a99ce4efe05c6d323230202876734654506420332e302e33290d0a',
    tcpShouldBe: 0x54c4,
  },
] as const;

/** The same four frames as the engine would describe them. */
const KNOWN_SEGMENTS: readonly TcpSegment[] = [
  segment('192.168.1.10', 56012, '172.16.0.21', 21, 0xa481c6df, 0, { syn: true }, 64240, 0xb617, 64, {
    mss: 1460,
    sackPermitted: true,
    timestamp: { value: 0xefe05c6c, echo: 0 },
    windowScale: 10,
  }),
  segment(
    '172.16.0.21',
    21,
    '192.168.1.10',
    56012,
    0xf8e4caaf,
    0xa481c6e0,
    { syn: true, ack: true },
    65160,
    0,
    62,
    {
      mss: 1460,
      sackPermitted: true,
      timestamp: { value: 0x66a99cdf, echo: 0xefe05c6c },
      windowScale: 10,
    },
  ),
  segment('192.168.1.10', 56012, '172.16.0.21', 21, 0xa481c6e0, 0xf8e4cab0, { ack: true }, 63, 0xb618, 64, {
    timestamp: { value: 0xefe05c6d, echo: 0x66a99cdf },
  }),
  segment(
    '172.16.0.21',
    21,
    '192.168.1.10',
    56012,
    0xf8e4cab0,
    0xa481c6e0,
    { ack: true, psh: true },
    64,
    0x7fe5,
    62,
    { timestamp: { value: 0x66a99ce4, echo: 0xefe05c6d } },
    '220 (vsFTPd 3.0.3)\r\n',
  ),
];

function segment(
  srcIp: string,
  srcPort: number,
  dstIp: string,
  dstPort: number,
  seq: number,
  ack: number,
  set: Partial<TcpSegment['flags']>,
  window: number,
  id: number,
  ttl: number,
  options: TcpSegment['options'],
  payload = '',
): TcpSegment {
  return {
    src: { ip: srcIp, port: srcPort } as Endpoint,
    dst: { ip: dstIp, port: dstPort } as Endpoint,
    seq,
    ack,
    flags: { syn: false, ack: false, fin: false, rst: false, psh: false, ...set },
    window,
    options,
    payload,
    ip: { id, ttl },
  };
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
}

function word(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(offset);
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Frames (Ethernet stripped) of a classic little-endian microsecond pcap file. */
function readPcapPackets(file: string): Uint8Array[] {
  const data = new Uint8Array(readFileSync(file));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  expect(view.getUint32(0, true)).toBe(0xa1b2c3d4);
  const packets: Uint8Array[] = [];
  for (let offset = 24; offset + 16 <= data.length;) {
    const included = view.getUint32(offset + 8, true);
    packets.push(data.slice(offset + 16 + 14, offset + 16 + included));
    offset += 16 + included;
  }
  return packets;
}

describe('checksums and encoding against real packets', () => {
  it('computes the RFC 1071 example sum', () => {
    // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (one's complement), so the checksum is 220d.
    expect(internetChecksum(fromHex('0001f203f4f5f6f7'))).toBe(0x220d);
    // An odd length is padded with a zero byte.
    expect(internetChecksum(fromHex('0001f203f4f5f6'))).toBe(internetChecksum(fromHex('0001f203f4f5f600')));
  });

  it.each(KNOWN_FRAMES.map((f, i) => ({ ...f, frame: i + 1 })))(
    'verifies the IPv4 header checksum and recomputes the correct TCP checksum of reference frame $frame',
    ({ hex, tcpShouldBe }) => {
      const packet = fromHex(hex);
      const header = packet.slice(0, 20);
      expect(internetChecksum(header), 'a valid header sums to zero').toBe(0);
      const stored = word(header, 10);
      header[10] = 0;
      header[11] = 0;
      expect(internetChecksum(header)).toBe(stored);

      const tcp = packet.slice(20);
      tcp[16] = 0;
      tcp[17] = 0;
      const src = Array.from(packet.slice(12, 16)).join('.');
      const dst = Array.from(packet.slice(16, 20)).join('.');
      expect(tcpChecksum(src, dst, tcp)).toBe(tcpShouldBe);
    },
  );

  it.each(KNOWN_FRAMES.map((known, i) => ({ ...known, segment: KNOWN_SEGMENTS[i], frame: i + 1 })))(
    'encodes reference frame $frame byte for byte (Linux option layout, DF, id, TTL), with the correct TCP checksum',
    ({ hex, tcpShouldBe, segment }) => {
      if (!segment) throw new Error('KNOWN_SEGMENTS and KNOWN_FRAMES must line up');
      const expected = fromHex(hex);
      expected[20 + 16] = tcpShouldBe >> 8;
      expected[20 + 17] = tcpShouldBe & 0xff;
      expect(toHex(encodeIpv4(segment))).toBe(toHex(expected));
    },
  );

  it('lays options out like Linux: 20 bytes on a SYN, 12 with timestamps only, none when empty', () => {
    const [syn, , ack] = KNOWN_SEGMENTS;
    expect(toHex(encodeTcpOptions(syn?.options ?? {}))).toBe('020405b40402080aefe05c6c000000000103030a');
    expect(toHex(encodeTcpOptions(ack?.options ?? {}))).toBe('0101080aefe05c6d66a99cdf');
    expect(encodeTcpOptions({ sackPermitted: true, mss: 1460 }).length % 4).toBe(0);
    expect(encodeTcpOptions({}).length).toBe(0);
  });

  it('agrees with every IPv4 header checksum in the reference captures (when shared/captures is present)', (ctx) => {
    if (!existsSync(REFERENCE_CAPTURES)) {
      ctx.skip();
      return;
    }
    const first = readPcapPackets(join(REFERENCE_CAPTURES, 'active-nofw-success-client.pcap'));
    expect(first.slice(0, KNOWN_FRAMES.length).map(toHex)).toEqual(KNOWN_FRAMES.map((k) => k.hex));
    const names = readdirSync(REFERENCE_CAPTURES).filter((name) => name.endsWith('.pcap'));
    let checked = 0;
    for (const name of names) {
      for (const packet of readPcapPackets(join(REFERENCE_CAPTURES, name))) {
        const header = packet.slice(0, 20);
        const stored = word(header, 10);
        header[10] = 0;
        header[11] = 0;
        expect(internetChecksum(header), `${name}`).toBe(stored);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

// ---------------------------------------------------------------------------------------------------------
// tshark
// ---------------------------------------------------------------------------------------------------------

const FIELDS = [
  'frame.number',
  'frame.time_epoch',
  'frame.protocols',
  'eth.src',
  'eth.dst',
  'eth.type',
  'ip.src',
  'ip.dst',
  'ip.id',
  'ip.ttl',
  'ip.flags',
  'ip.len',
  'ip.checksum.status',
  'ipv6.src',
  'ipv6.dst',
  'ipv6.hlim',
  'ipv6.flow',
  'ipv6.plen',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.flags',
  'tcp.window_size_value',
  'tcp.hdr_len',
  'tcp.len',
  'tcp.options',
  'tcp.checksum.status',
  'tcp.stream',
  'ftp.request.command',
  'ftp.response.code',
  'ftp.active.cip',
  'ftp.active.port',
  'ftp.active.nat',
  'ftp.passive.ip',
  'ftp.passive.port',
  'ftp.passive.nat',
  'ftp.eprt.ip',
  'ftp.eprt.ipv6',
  'ftp.eprt.port',
  'ftp.epsv.port',
  'ftp-data.command',
  'tls.record.content_type',
  // TLS 1.3's encrypted records (type 23 on the wire) are tshark's `opaque_type`.
  'tls.record.opaque_type',
  'tls.record.length',
  'tls.handshake.type',
  '_ws.expert.message',
  '_ws.expert.severity',
  '_ws.expert.group',
] as const;
type Field = (typeof FIELDS)[number];
type Frame = Record<Field, string[]>;

const AGGREGATOR = '|';

const execFileAsync = promisify(execFile);

/** tshark's reading of a capture: one row of fields per frame. `options`: tshark preferences (`-o`), e.g. the TCP heuristics an FTPS capture needs. */
async function tsharkFrames(file: string, options: readonly string[] = []): Promise<Frame[]> {
  const args = [
    '-r',
    file,
    '-n',
    ...options.flatMap((o) => ['-o', o]),
    '-o',
    'tcp.check_checksum:TRUE',
    '-o',
    'ip.check_checksum:TRUE',
    '-T',
    'fields',
  ];
  args.push(
    '-E',
    'header=n',
    '-E',
    'separator=/t',
    '-E',
    'occurrence=a',
    '-E',
    `aggregator=${AGGREGATOR}`,
    '-E',
    'quote=n',
  );
  for (const f of FIELDS) args.push('-e', f);
  const { stdout } = await execFileAsync(TSHARK, args, {
    encoding: 'utf8',
    timeout: TSHARK_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const cells = line.split('\t');
      const frame = {} as Frame;
      FIELDS.forEach((f, i) => {
        const cell = cells[i] ?? '';
        frame[f] = cell === '' ? [] : cell.split(AGGREGATOR);
      });
      return frame;
    });
}

const SEVERITY = { chat: 0x200000, note: 0x400000, warn: 0x600000, error: 0x800000 } as const;
/** Expert messages that mean the capture's TCP streams do not add up (at any severity). */
const SEQUENCE_TROUBLE =
  /retransmission|out-of-order|previous segment|unseen|checksum|dup(licate)? ack|zero window|window full|spurious|keep-alive|reused|lost|malformed/i;

let tsharkProblem: string | undefined;
let workDir = '';

beforeAll(() => {
  try {
    execFileSync(TSHARK, ['--version'], {
      encoding: 'utf8',
      timeout: TSHARK_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    tsharkProblem =
      `tshark (Wireshark's command-line analyzer) is required by tests/export/pcap.test.ts but "${TSHARK}" ` +
      `could not be run (${err instanceof Error ? err.message : String(err)}). Install it, e.g. ` +
      '`sudo apt-get install tshark`, or point the TSHARK environment variable at it.';
  }
  workDir = mkdtempSync(join(tmpdir(), 'ftp-flow-lab-pcap-'));
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// hello.txt is one of the default server files (defaultScenario().server.files); up.bin is not.
const MULTI: ScenarioInput['commands'] = [
  { verb: 'LIST' },
  { verb: 'RETR', file: 'hello.txt' },
  { verb: 'STOR', file: 'up.bin', size: 5000 },
];
const WITH_FAILURES: ScenarioInput['commands'] = [
  { verb: 'LIST' },
  { verb: 'RETR', file: 'missing.txt' }, // 550: no such file
  { verb: 'RETR', file: 'big.bin' }, // many full-sized segments
  { verb: 'STOR', file: 'hello.txt', size: 100 }, // 553: anonymous users may not overwrite
  { verb: 'STOR', file: 'up.bin', size: 5000 },
];
const BIG_FILES = [
  { name: 'hello.txt', size: 23 },
  { name: 'big.bin', size: 40000 },
];

const SCENARIOS: readonly ScenarioInput[] = [
  {},
  { mode: 'active', commands: MULTI, seed: 7 },
  { mode: 'passive', commands: MULTI, seed: 2 },
  { mode: 'eprt', commands: MULTI, seed: 3 },
  { mode: 'epsv', commands: MULTI, seed: 4 },
  { mode: 'passive', commands: WITH_FAILURES, seed: 11, server: { files: BIG_FILES } },
  { mode: 'active', commands: WITH_FAILURES, seed: 23, server: { files: BIG_FILES, uploads: false } },
  {
    mode: 'epsv',
    commands: WITH_FAILURES,
    seed: 24,
    server: { files: BIG_FILES },
    clientNat: true,
    serverNat: 'private',
    helper: true,
  },
  { mode: 'active', clientFirewall: 'stateful', seed: 1 },
  { mode: 'active', clientFirewall: 'stateful', helper: true, commands: MULTI, seed: 5 },
  {
    mode: 'passive',
    clientFirewall: 'stateful',
    commands: MULTI,
    seed: 6,
    client: { dataPort: 'realistic' },
  },
  { mode: 'passive', serverFirewall: 'port21', seed: 1 },
  { mode: 'epsv', serverFirewall: 'port21', helper: true, commands: MULTI, seed: 8 },
  { mode: 'passive', serverFirewall: 'port21+range', commands: MULTI, seed: 9 },
  { mode: 'active', serverFirewall: 'port21', seed: 10 },
  { mode: 'active', clientNat: true, seed: 12 },
  { mode: 'active', clientNat: true, helper: true, commands: MULTI, seed: 13 },
  { mode: 'eprt', clientNat: true, helper: true, seed: 14 },
  { mode: 'passive', clientNat: true, commands: MULTI, seed: 15 },
  { mode: 'passive', serverNat: 'private', seed: 16 },
  { mode: 'passive', serverNat: 'private', helper: true, commands: MULTI, seed: 17 },
  { mode: 'passive', serverNat: 'public', seed: 18 },
  { mode: 'passive', serverNat: 'public', helper: true, seed: 19 },
  { mode: 'epsv', serverNat: 'private', seed: 20 },
  { mode: 'active', serverNat: 'private', helper: true, seed: 21 },
  {
    mode: 'passive',
    clientNat: true,
    serverNat: 'private',
    clientFirewall: 'stateful',
    serverFirewall: 'port21+range',
    helper: true,
    commands: MULTI,
    seed: 0xfffffffe,
  },
  // IPv6 (issue 14): every mode, the firewalls with and without the helper, many full 1428-byte segments.
  { ipVersion: 6, mode: 'epsv', commands: WITH_FAILURES, seed: 30, server: { files: BIG_FILES } },
  { ipVersion: 6, mode: 'active', commands: MULTI, seed: 31 },
  { ipVersion: 6, mode: 'eprt', clientFirewall: 'stateful', seed: 32 },
  { ipVersion: 6, mode: 'eprt', clientFirewall: 'stateful', helper: true, commands: MULTI, seed: 33 },
  { ipVersion: 6, mode: 'passive', seed: 34, server: { acceptTimeout: 5 } },
  { ipVersion: 6, mode: 'epsv', serverFirewall: 'port21', seed: 35 },
  { ipVersion: 6, mode: 'epsv', serverFirewall: 'port21', helper: true, commands: MULTI, seed: 36 },
  { ipVersion: 6, mode: 'epsv', serverFirewall: 'port21+range', commands: MULTI, seed: 37 },
];

/** PCAP_SWEEP=1 adds every combination of mode, firewalls, NAT and helper (288 scenarios, a few minutes). */
const SWEEP: readonly ScenarioInput[] = process.env.PCAP_SWEEP
  ? MODES.flatMap((mode) =>
      CLIENT_FIREWALLS.flatMap((clientFirewall) =>
        SERVER_FIREWALLS.flatMap((serverFirewall) =>
          [false, true].flatMap((clientNat) =>
            SERVER_NATS.flatMap((serverNat) =>
              [false, true].map((helper) => ({
                mode,
                clientFirewall,
                serverFirewall,
                clientNat,
                serverNat,
                helper,
                commands: MULTI,
              })),
            ),
          ),
        ),
      ),
    ).map((input, i) => ({ ...input, seed: 1000 + i }))
  : [];

const CAPTURE_POINTS: readonly CapturePoint[] = ['client', 'server'];

function label(input: ScenarioInput): string {
  const parsed = parseScenario(input);
  return parsed.ok
    ? pcapFileName(parsed.scenario, 'client').replace(/-client\.pcap$/, '')
    : JSON.stringify(input);
}

const CASES = [...SCENARIOS, ...SWEEP].flatMap((input) =>
  CAPTURE_POINTS.map((capturePoint) => ({ input, capturePoint, name: `${label(input)} @ ${capturePoint}` })),
);

/** What the scenarios exercised, so that a check that never fires cannot pass unnoticed. */
const coverage = {
  ftpDataFrames: 0,
  synRetransmissions: 0,
  resets: 0,
  rewrittenAnnouncements: 0,
  outcomes: new Set<string>(),
};

describe('tshark reads the exported captures', () => {
  // Concurrently: most of a tshark run is its start-up, spent waiting on its own threads, so several at once
  // finish far sooner than one after another.
  it.concurrent.each(CASES)('$name', async ({ input, capturePoint }) => {
    if (tsharkProblem) throw new Error(tsharkProblem);
    const { sim, scenario, file } = exportedCase(input, capturePoint);
    // The pcapng export holds the same frames at the same times: tshark reads it field for field the same.
    const ngFile = join(workDir, pcapFileName(scenario, capturePoint, 'pcapng'));
    writeFileSync(ngFile, exportPcapng(sim.events, capturePoint));
    const [frames, ngFrames] = await Promise.all([tsharkFrames(file), tsharkFrames(ngFile)]);
    expect(ngFrames).toEqual(frames);
    const captured = capturedPackets(sim.events, capturePoint);

    expect(frames.length, 'one frame per packet the interface saw').toBe(captured.length);
    expect(captured.length).toBeGreaterThan(0);
    const ftp = ftpProblems(frames, captured, sim.events, capturePoint);
    const problems = [
      ...headerProblems(frames, captured, capturePoint),
      ...expertProblems(frames, captured),
      ...ftp.problems,
      ...dataProblems(frames, captured, sim.transfers, ftp.announced),
    ];
    expect(problems).toEqual([]);

    coverage.ftpDataFrames += frames.filter((f) =>
      f['frame.protocols'][0]?.split(':').includes('ftp-data'),
    ).length;
    coverage.synRetransmissions += captured.filter(
      (c) => c.event.packet.retransmission > 0 && c.view.segment.flags.syn,
    ).length;
    coverage.resets += captured.filter((c) => c.view.segment.flags.rst).length;
    coverage.rewrittenAnnouncements += captured.filter(
      (c) => c.event.kind !== 'tcp/segment-sent' && c.view.segment.payload !== c.event.packet.segment.payload,
    ).length;
    for (const t of sim.transfers) coverage.outcomes.add(t.outcome);
  });

  it('covered what it claims to: data, SYN retransmissions, resets, NAT rewrites, successes and failures', () => {
    // (FTPS captures are checked below.)
    expect(coverage.ftpDataFrames).toBeGreaterThan(0);
    expect(coverage.synRetransmissions).toBeGreaterThan(0);
    expect(coverage.resets).toBeGreaterThan(0);
    expect(coverage.rewrittenAnnouncements).toBeGreaterThan(0);
    expect([...coverage.outcomes].sort()).toEqual(['failed', 'success']);
  });
});

/**
 * Explicit FTPS: tshark 4.0 does not follow AUTH TLS on port 21 by itself; with its TCP heuristics first it
 * takes the records after 234 for TLS, while the clear text before them stays FTP (tests/lab, issue 14 B2).
 */
const TSHARK_TLS = ['tcp.try_heuristic_first:TRUE'];
const TLS_CONTENT_TYPE = {
  'change-cipher-spec': 20,
  alert: 21,
  handshake: 22,
  'application-data': 23,
} as const;
const TLS_SCENARIOS: readonly ScenarioInput[] = [
  { tls: 'explicit', mode: 'epsv', client: { program: 'curl' } },
  {
    tls: 'explicit',
    mode: 'passive',
    commands: [
      { verb: 'RETR', file: 'hello.txt' },
      { verb: 'STOR', file: 'up.bin', size: 5000 },
    ],
  },
  { tls: 'explicit', mode: 'active', clientNat: true, helper: true },
  {
    tls: 'explicit',
    mode: 'epsv',
    client: { program: 'curl', connectTimeout: 3 },
    serverFirewall: 'port21',
    helper: true,
  },
  { tls: 'explicit', mode: 'eprt', ipVersion: 6, commands: [{ verb: 'RETR', file: 'hello.txt' }] },
];

describe('tshark dissects FTPS captures as TLS', () => {
  it.each(
    TLS_SCENARIOS.flatMap((input) =>
      CAPTURE_POINTS.map((capturePoint) => ({
        input,
        capturePoint,
        name: `${label(input)} @ ${capturePoint}`,
      })),
    ),
  )('$name', async ({ input, capturePoint }) => {
    if (tsharkProblem) throw new Error(tsharkProblem);
    const { sim, file } = exportedCase(input, capturePoint);
    const frames = await tsharkFrames(file, TSHARK_TLS);
    const captured = capturedPackets(sim.events, capturePoint);
    expect(frames.length).toBe(captured.length);
    const problems = [...headerProblems(frames, captured, capturePoint), ...expertProblems(frames, captured)];
    captured.forEach((c, i) => {
      const frame = frames[i] as Frame;
      const where = describePacket(c, i + 1);
      if (frame['frame.protocols'][0]?.includes('malformed')) problems.push(`${where}: malformed`);
      const records = c.event.packet.tls ?? [];
      const wire = (opaque: boolean) =>
        records
          .filter((r) => (r.content === 'application-data') === opaque)
          .map((r) => String(TLS_CONTENT_TYPE[r.content]));
      const read = [...frame['tls.record.content_type'], '|', ...frame['tls.record.opaque_type']];
      const wrote = [...wire(false), '|', ...wire(true)];
      if (read.join(',') !== wrote.join(','))
        problems.push(
          `${where}: tshark reads TLS types ${read.join(',')}, the engine wrote ${wrote.join(',')}`,
        );
      const lengths = records.map((r) => String(r.length));
      if (JSON.stringify(frame['tls.record.length']) !== JSON.stringify(lengths))
        problems.push(
          `${where}: tshark reads TLS lengths ${frame['tls.record.length'].join(',')}, the engine wrote ${lengths.join(',')}`,
        );
      // The hellos by name: ClientHello 1, ServerHello (and HelloRetryRequest) 2; nothing else is readable.
      const hellos = records.flatMap((r) =>
        r.carries === 'client-hello'
          ? ['1']
          : r.carries === 'server-hello' || r.carries === 'hello-retry-request'
            ? ['2']
            : [],
      );
      if (JSON.stringify(frame['tls.handshake.type']) !== JSON.stringify(hellos))
        problems.push(
          `${where}: tshark reads handshake types ${frame['tls.handshake.type'].join(',')}, expected ${hellos.join(',')}`,
        );
      // FTP only while the control connection is in clear text (up to 234).
      const readable = frame['ftp.request.command'].length + frame['ftp.response.code'].length > 0;
      const clear =
        (c.event.kind === 'ftp/command-sent' || c.event.kind === 'ftp/reply-sent') && !c.event.packet.tls;
      if (readable !== clear)
        problems.push(`${where}: tshark ${readable ? 'reads' : 'does not read'} FTP here`);
    });
    expect(problems).toEqual([]);
    expect(captured.some((c) => c.event.packet.tls)).toBe(true);
  });

  it('says in the pcapng section comment that the keys and encrypted contents are not real', () => {
    const sim = run({ tls: 'explicit', mode: 'passive' });
    const text = new TextDecoder().decode(exportPcapng(sim.events, 'client'));
    expect(text).toContain(TLS_COMMENT);
    expect(TLS_COMMENT).toMatch(/keys are not/);
    const plain = new TextDecoder().decode(exportPcapng(run({}).events, 'client'));
    expect(plain).not.toContain('FTPS');
  });
});

function run(input: ScenarioInput) {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`bad test scenario: ${JSON.stringify(parsed.problems)}`);
  return simulate(parsed.scenario);
}

/** A test scenario simulated and exported as a .pcap seen at `capturePoint`, in the work folder. */
function exportedCase(input: ScenarioInput, capturePoint: CapturePoint) {
  const sim = run(input);
  const file = join(workDir, pcapFileName(sim.scenario, capturePoint));
  writeFileSync(file, exportPcap(sim.events, capturePoint));
  return { sim, scenario: sim.scenario, file };
}

// ---------------------------------------------------------------------------------------------------------
// The checks. Each returns readable problem lines, so one failing run lists everything that is off.
// ---------------------------------------------------------------------------------------------------------

function at(frames: readonly Frame[], i: number, f: Field): string {
  return frames[i]?.[f][0] ?? '';
}

function describePacket(c: CapturedPacket, frameNo: number): string {
  const s = c.view.segment;
  return `frame ${frameNo} (packet ${c.event.packet.id}, ${c.event.packet.conn}, ${s.src.ip}:${s.src.port} > ${s.dst.ip}:${s.dst.port})`;
}

function expectedOptionsHex(s: TcpSegment): string | undefined {
  const o = s.options;
  const u32 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  const keys = Object.keys(o).filter((k) => o[k as keyof typeof o] !== undefined);
  if (keys.length === 0) return '';
  if (keys.length === 1 && o.timestamp) return `0101080a${u32(o.timestamp.value)}${u32(o.timestamp.echo)}`;
  if (
    keys.length === 4 &&
    o.mss !== undefined &&
    o.sackPermitted &&
    o.timestamp &&
    o.windowScale !== undefined
  ) {
    const mss = o.mss.toString(16).padStart(4, '0');
    const ws = o.windowScale.toString(16).padStart(2, '0');
    return `0204${mss}0402080a${u32(o.timestamp.value)}${u32(o.timestamp.echo)}010303${ws}`;
  }
  return undefined;
}

function headerProblems(
  frames: readonly Frame[],
  captured: readonly CapturedPacket[],
  cp: CapturePoint,
): string[] {
  const problems: string[] = [];
  let previousTime = -1;
  captured.forEach((c, i) => {
    const s = c.view.segment;
    const where = describePacket(c, i + 1);
    const outbound = c.event.packet.from === cp;
    const macs = MAC_ADDRESSES[cp];
    const flagsByte =
      (s.flags.fin ? 1 : 0) |
      (s.flags.syn ? 2 : 0) |
      (s.flags.rst ? 4 : 0) |
      (s.flags.psh ? 8 : 0) |
      (s.flags.ack ? 16 : 0);
    const optionsHex = expectedOptionsHex(s);
    if (optionsHex === undefined)
      problems.push(`${where}: option set not seen in Linux captures: ${JSON.stringify(s.options)}`);
    const [secText = '', fracText = ''] = at(frames, i, 'frame.time_epoch').split('.');
    const micros =
      (Number(secText) - EPOCH_BASE_SECONDS) * 1_000_000 + Number(fracText.padEnd(6, '0').slice(0, 6));
    const tcpLength = 20 + (optionsHex ?? '').length / 2 + s.payload.length;
    const v6 = ipVersionOf(s.src.ip) === 6;
    const ipFields: [Field, string | number][] = v6
      ? [
          ['eth.type', '0x86dd'],
          ['ip.src', ''],
          ['ipv6.src', s.src.ip],
          ['ipv6.dst', s.dst.ip],
          ['ipv6.hlim', s.ip.ttl],
          ['ipv6.flow', `0x${(s.ip.flowLabel ?? 0).toString(16).padStart(6, '0')}`],
          ['ipv6.plen', tcpLength],
        ]
      : [
          ['eth.type', '0x0800'],
          ['ipv6.src', ''],
          ['ip.src', s.src.ip],
          ['ip.dst', s.dst.ip],
          ['ip.id', `0x${s.ip.id.toString(16).padStart(4, '0')}`],
          ['ip.ttl', s.ip.ttl],
          ['ip.flags', '0x02'],
          ['ip.len', 20 + tcpLength],
          ['ip.checksum.status', 1],
        ];
    if (v6 && !s.ip.flowLabel) problems.push(`${where}: an IPv6 packet without a flow label`);
    const expected: [Field, string | number][] = [
      ['frame.number', i + 1],
      ['eth.src', outbound ? macs.host : macs.gateway],
      ['eth.dst', outbound ? macs.gateway : macs.host],
      ...ipFields,
      ['tcp.srcport', s.src.port],
      ['tcp.dstport', s.dst.port],
      ['tcp.seq_raw', s.seq >>> 0],
      ['tcp.ack_raw', s.flags.ack ? s.ack >>> 0 : at(frames, i, 'tcp.ack_raw')],
      ['tcp.flags', `0x${flagsByte.toString(16).padStart(4, '0')}`],
      ['tcp.window_size_value', s.window],
      ['tcp.hdr_len', 20 + (optionsHex ?? '').length / 2],
      ['tcp.len', s.payload.length],
      ['tcp.options', optionsHex ?? ''],
      ['tcp.checksum.status', 1],
    ];
    for (const [field, value] of expected) {
      const got = at(frames, i, field);
      if (got !== String(value))
        problems.push(
          `${where}: ${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(String(value))}`,
        );
    }
    if (micros !== c.view.at)
      problems.push(
        `${where}: timestamp ${at(frames, i, 'frame.time_epoch')} is not virtual time ${c.view.at} µs`,
      );
    if (c.view.at < previousTime) problems.push(`${where}: out of time order`);
    previousTime = c.view.at;
    if (/malformed/i.test(at(frames, i, 'frame.protocols')))
      problems.push(`${where}: malformed (${at(frames, i, 'frame.protocols')})`);
  });
  return problems;
}

function expertProblems(frames: readonly Frame[], captured: readonly CapturedPacket[]): string[] {
  const problems: string[] = [];
  captured.forEach((c, i) => {
    const frame = frames[i];
    if (!frame) return;
    const s = c.view.segment;
    const where = describePacket(c, i + 1);
    const causedSynRetransmission = c.event.packet.retransmission > 0 && s.flags.syn;
    let flaggedRetransmission = false;
    frame['_ws.expert.message'].forEach((message, k) => {
      const severity = Number(frame['_ws.expert.severity'][k] ?? 0);
      const retransmission = /retransmission/i.test(message);
      if (retransmission) flaggedRetransmission = true;
      const allowed =
        (retransmission && causedSynRetransmission) ||
        (/^Connection reset \(RST\)/.test(message) && s.flags.rst && severity < SEVERITY.error);
      if (allowed) return;
      if (severity >= SEVERITY.warn || SEQUENCE_TROUBLE.test(message)) {
        const group = frame['_ws.expert.group'][k] ?? '?';
        problems.push(
          `${where}: expert info "${message}" (severity 0x${severity.toString(16)}, group ${group})`,
        );
      }
    });
    if (causedSynRetransmission && !flaggedRetransmission) {
      problems.push(
        `${where}: the engine's SYN retransmission #${c.event.packet.retransmission} is not recognised by tshark`,
      );
    }
  });
  return problems;
}

function sameEndpoint(a: Endpoint | undefined, ip: string, port: string): boolean {
  return a !== undefined && a.ip === ip && String(a.port) === port;
}

/** What a PORT/EPRT/227/229 announces as seen on this interface: the sender's text, or a NAT helper's rewrite. */
function announcedHere(
  c: CapturedPacket,
  events: readonly StepEvent[],
  decode: (text: string) => Endpoint | undefined,
  sent: Endpoint | undefined,
): { expected: Endpoint | undefined; problem?: string } {
  const original = c.event.packet.segment.payload;
  const seen = c.view.segment.payload;
  if (seen === original) return { expected: sent };
  // Each NAT helper on the way (nf_nat_ftp) replaces the address text; replay its rewrites on the original.
  let rewritten = original;
  for (const e of events) {
    if (e.kind === 'nat/payload-rewritten' && e.packetId === c.event.packet.id)
      rewritten = rewritten.replace(e.before, e.after);
  }
  const expected = decode(seen);
  if (rewritten !== seen) {
    return {
      expected,
      problem: `payload changed on the way (${JSON.stringify(original)} → ${JSON.stringify(seen)}) without a matching nat/payload-rewritten event`,
    };
  }
  return { expected };
}

/**
 * The FTP dialogue as tshark dissects it against the engine's, and the data addresses announced in it as
 * seen at this capture point. Returns the announced endpoints tshark links a data connection to.
 */
function ftpProblems(
  frames: readonly Frame[],
  captured: readonly CapturedPacket[],
  events: readonly StepEvent[],
  cp: CapturePoint,
): { problems: string[]; announced: Set<string> } {
  const problems: string[] = [];
  const announced = new Set<string>();
  const engineDialogue: string[] = [];
  const tsharkDialogue: string[] = [];
  captured.forEach((c, i) => {
    const frame = frames[i];
    if (!frame) return;
    const e = c.event;
    const where = describePacket(c, i + 1);
    frame['ftp.request.command'].forEach((verb) => tsharkDialogue.push(`${i + 1} ${verb}`));
    frame['ftp.response.code'].forEach((code) => tsharkDialogue.push(`${i + 1} ${code}`));
    if (e.kind === 'ftp/command-sent') {
      engineDialogue.push(`${i + 1} ${e.command.verb}`);
      const cmd = e.command;
      if (cmd.verb === 'PORT' || cmd.verb === 'EPRT') {
        const decode =
          cmd.verb === 'PORT'
            ? decodeHostPort
            : (text: string) => decodeExtendedAddress(text.replace(/^EPRT /, '').trim());
        const { expected, problem } = announcedHere(c, events, decode, cmd.address);
        if (problem) problems.push(`${where}: ${problem}`);
        // tshark keeps EPRT |2|'s address in a field of its own.
        const eprtIp: Field = ipVersionOf(cmd.address.ip) === 6 ? 'ftp.eprt.ipv6' : 'ftp.eprt.ip';
        const [ipField, portField]: [Field, Field] =
          cmd.verb === 'PORT' ? ['ftp.active.cip', 'ftp.active.port'] : [eprtIp, 'ftp.eprt.port'];
        const ip = at(frames, i, ipField);
        const port = at(frames, i, portField);
        if (!sameEndpoint(expected, ip, port)) {
          problems.push(
            `${where}: tshark reads ${cmd.verb} as ${ip}:${port} at the ${cp}, the engine says ${JSON.stringify(expected)}`,
          );
        }
        // tshark 4.0 follows PORT to the data connection but not EPRT (whose data still comes from port 20).
        if (cmd.verb === 'PORT' && expected) {
          announced.add(`${expected.ip}:${expected.port}`);
          natProblem(frames, i, 'ftp.active.nat', expected.ip !== c.view.segment.src.ip, where, problems);
        }
      }
    } else if (e.kind === 'ftp/reply-sent') {
      engineDialogue.push(`${i + 1} ${e.reply.code}`);
      if (e.reply.code === 227) {
        const { expected, problem } = announcedHere(c, events, decodeHostPort, e.reply.address);
        if (problem) problems.push(`${where}: ${problem}`);
        const ip = at(frames, i, 'ftp.passive.ip');
        const port = at(frames, i, 'ftp.passive.port');
        if (!sameEndpoint(expected, ip, port)) {
          problems.push(
            `${where}: tshark reads 227 as ${ip}:${port} at the ${cp}, the engine says ${JSON.stringify(expected)}`,
          );
        }
        if (expected) {
          announced.add(`${expected.ip}:${expected.port}`);
          natProblem(frames, i, 'ftp.passive.nat', expected.ip !== c.view.segment.src.ip, where, problems);
        }
      } else if (e.reply.code === 229) {
        const sentPort = e.reply.port ?? e.reply.address?.port;
        const { expected, problem } = announcedHere(
          c,
          events,
          (text) => {
            const port = decodeExtendedPassivePort(text);
            return port === undefined ? undefined : { ip: c.view.segment.src.ip, port };
          },
          sentPort === undefined ? undefined : { ip: c.view.segment.src.ip, port: sentPort },
        );
        if (problem) problems.push(`${where}: ${problem}`);
        const port = at(frames, i, 'ftp.epsv.port');
        if (String(expected?.port) !== port)
          problems.push(
            `${where}: tshark reads 229 as port ${port} at the ${cp}, the engine says ${expected?.port}`,
          );
        if (expected) announced.add(`${expected.ip}:${expected.port}`);
      }
    }
  });
  if (engineDialogue.join('\n') !== tsharkDialogue.join('\n')) {
    problems.push(
      `FTP dialogue differs at the ${cp}:\n engine: ${engineDialogue.join(', ')}\n tshark: ${tsharkDialogue.join(', ')}`,
    );
  }
  return { problems, announced };
}

/** tshark flags an announced address that is not the sender's own address on this interface as NAT. */
function natProblem(
  frames: readonly Frame[],
  i: number,
  field: Field,
  differs: boolean,
  where: string,
  problems: string[],
): void {
  const got = at(frames, i, field);
  if (got !== (differs ? '1' : ''))
    problems.push(`${where}: ${field} is ${JSON.stringify(got)}, expected ${differs ? '1' : 'unset'}`);
}

/**
 * Every successful transfer moved its bytes on its own data connection. Where tshark can link that
 * connection to the announcement it saw (the address a PORT/227/229 named at this capture point is where the
 * SYN goes), or the connection uses the well-known ftp-data port 20, every data frame is dissected as
 * ftp-data, and the command tshark attributes it to is the transfer's. (Behind a server NAT whose vsftpd
 * announces its public address, the server's interface sees the SYN arrive at the private address, so
 * tshark there cannot link them: true of a real capture too.)
 */
function dataProblems(
  frames: readonly Frame[],
  captured: readonly CapturedPacket[],
  transfers: readonly { readonly command: string; readonly outcome: 'success' | 'failed' }[],
  announced: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const targets = new Map<string, string>();
  const carriers: { conn: string; frame: number; command: string; linked: boolean }[] = [];
  captured.forEach((c, i) => {
    const { conn } = c.event.packet;
    const s = c.view.segment;
    if (conn === 'control') return;
    if (s.flags.syn && !s.flags.ack && !targets.has(conn)) targets.set(conn, `${s.dst.ip}:${s.dst.port}`);
    if (s.payload.length === 0) return;
    const linked = announced.has(targets.get(conn) ?? '');
    const wellKnownPort = s.src.port === 20 || s.dst.port === 20;
    const where = describePacket(c, i + 1);
    const protocols = at(frames, i, 'frame.protocols');
    if ((linked || wellKnownPort) && !protocols.split(':').includes('ftp-data')) {
      problems.push(`${where}: data bytes not recognised as ftp-data (protocols ${protocols})`);
    }
    if (!carriers.some((k) => k.conn === conn))
      carriers.push({ conn, frame: i + 1, command: at(frames, i, 'ftp-data.command'), linked });
  });
  const successful = transfers
    .filter((t) => t.outcome === 'success')
    .map((t) => t.command.split(' ')[0] ?? '');
  if (carriers.length !== successful.length) {
    problems.push(
      `data bytes flow on ${JSON.stringify(carriers.map((k) => k.conn))}, successful transfers were ${JSON.stringify(successful)}`,
    );
  }
  carriers.forEach((k, n) => {
    const verb = k.command.split(' ')[0] ?? '';
    if ((k.linked && verb === '') || (verb !== '' && verb !== successful[n])) {
      problems.push(
        `frame ${k.frame} (${k.conn}): tshark attributes the data to ${JSON.stringify(k.command)}, the transfer was ${successful[n]}`,
      );
    }
  });
  return problems;
}
