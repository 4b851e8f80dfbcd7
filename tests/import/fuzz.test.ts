/**
 * Hostile and broken captures: whatever the bytes, importing either succeeds or fails with a
 * `CaptureError` (never another exception), and neither time nor memory runs away. Inputs: FTP-looking
 * captures built by fast-check (seeded, see tests/setup/fastCheck.ts), random mutations of the real
 * captures and of exported ones, and files crafted against each bound the importer keeps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { exportPcapng } from '../../src/export/pcapng';
import { CaptureError } from '../../src/import/captureError';
import { importCapture } from '../../src/import/captureImport';
import { CAPTURE_LIMITS } from '../../src/import/limits';
import {
  frame,
  ipv4Tcp,
  ipv6Tcp,
  pcap,
  pcapng,
  ticks,
  type FrameLink,
  type TcpSpec,
} from './fixtures/captureWriter';

const CAPTURES = path.resolve(__dirname, '../../../shared/captures');

/** Imports and says how it ended; anything but success or a CaptureError fails the test. */
async function attempt(bytes: Uint8Array, session = 1): Promise<'ok' | string> {
  try {
    const r = await importCapture(bytes, { session });
    // What the app and the CLI do with a result must not throw either.
    JSON.stringify(r);
    if (!parseScenario(r.session.scenario).ok)
      throw new Error(`unparsable scenario ${JSON.stringify(r.session.scenario)}`);
    return 'ok';
  } catch (e) {
    if (e instanceof CaptureError) return e.problem;
    throw e;
  }
}

const LINES = [
  '220 ',
  '220-multi\r\n',
  '230 ok',
  'USER a',
  'PASS b',
  'PORT 10,0,0,1,4,1',
  'PORT 1,2,3,4,999,1',
  'EPRT |1|10.0.0.1|1025|',
  'EPRT |2|::1|2000|',
  'EPRT ||||',
  'PASV',
  'EPSV',
  '227 Entering (10,0,0,2,4,2)',
  '229 (|||1026|)',
  '229 (!!!70000!)',
  'LIST',
  'RETR x',
  'STOR ../../etc/passwd',
  '150 go',
  '226 done',
  '425 no',
  '500 Illegal PORT command.',
  'QUIT',
  '221 bye',
  '',
];

const spec = fc.record({
  from: fc.boolean(),
  seq: fc.oneof(fc.constantFrom(1000, 1001, 5000, 0xfffffff0), fc.nat()),
  flags: fc.constantFrom('S', 'SA', 'A', 'PA', 'FA', 'RA', 'R', 'FSRPA'),
  lines: fc.array(fc.constantFrom(...LINES), { maxLength: 3 }),
  junk: fc.uint8Array({ maxLength: 40 }),
  port: fc.constantFrom(21, 20, 1025, 1026, 2000, 2121, 40000),
  other: fc.constantFrom(21, 20, 1025, 1026, 2000, 50000),
});

type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function build(packets: Spec[], v6: boolean, link: FrameLink, ng: boolean): Uint8Array {
  const [c, s] = v6 ? ['::1', '::2'] : ['10.0.0.1', '10.0.0.2'];
  const frames = packets.map((p, i) => {
    const payload = [
      ...p.lines.map((l) => [...`${l}\r\n`].map((ch) => ch.charCodeAt(0))).flat(),
      ...(p.lines.length ? [] : [...p.junk]),
    ];
    const tcp: TcpSpec = {
      src: p.from ? [c, p.other] : [s, p.port],
      dst: p.from ? [s, p.port] : [c, p.other],
      seq: p.seq,
      ack: p.seq ^ 0x55,
      flags: p.flags,
      payload,
    };
    return { i, data: frame(link, (v6 ? ipv6Tcp : ipv4Tcp)(tcp)) };
  });
  if (!ng)
    return pcap({
      link: {
        ethernet: 1,
        raw: 101,
        'linux-sll': 113,
        'linux-sll2': 276,
        'null-le': 0,
        'null-be': 0,
        loop: 108,
      }[link],
      records: frames.map((f) => ({ sec: 1_700_000_000, frac: f.i, data: f.data })),
    });
  return pcapng([
    {
      interfaces: [{ linkType: link === 'ethernet' ? 1 : 101 }],
      blocks: frames.map((f) => ({
        kind: 'epb' as const,
        iface: 0,
        ticks: ticks(1_700_000_000, f.i),
        data: link === 'ethernet' ? f.data : f.data,
      })),
    },
  ]);
}

describe('fuzzing the importer', () => {
  it('FTP-looking captures of random segments: a result or a CaptureError, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom<FrameLink>('ethernet', 'raw'),
        fc.boolean(),
        async (packets, v6, link, ng) => {
          const bytes = build(packets, v6, link === 'raw' && ng ? 'raw' : link, ng);
          const outcome = await attempt(bytes);
          expect(['ok', 'noFtp', 'noSession']).toContain(outcome);
        },
      ),
      { numRuns: 400 },
    );
  });

  const references = readdirSync(CAPTURES)
    .filter((f) => f.endsWith('.pcap'))
    .map((f) => new Uint8Array(readFileSync(path.join(CAPTURES, f))));
  const exported = ['active', 'epsv'].map((mode) => {
    const parsed = parseScenario({ mode, clientNat: true, helper: true });
    if (!parsed.ok) throw new Error('bad scenario');
    return exportPcapng(simulate(parsed.scenario).events, 'server');
  });
  const seeds = [...references, ...exported];

  const mutation = fc.oneof(
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
      count: fc.integer({ min: 1, max: 8 }),
    }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 400 }),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 200 }),
    }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

  function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
    let b = seed.slice();
    for (const m of mutations) {
      const at = b.length === 0 ? 0 : m.at % b.length;
      if (m.kind === 'flip') for (let i = 0; i < m.count && at + i < b.length; i++) b[at + i] = m.value;
      else if (m.kind === 'cut') b = b.slice(0, at);
      else if (m.kind === 'insert') b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
      else if (m.kind === 'duplicate')
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at, at + m.length), ...b.subarray(at)]);
      else b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + m.length)]);
    }
    return b;
  }

  it('random mutations of real and exported captures: a result or a CaptureError, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(seeds.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        async (which, mutations, session) => {
          const outcome = await attempt(mutate(seeds[which] as Uint8Array, mutations), session);
          expect(typeof outcome).toBe('string');
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('files crafted against the bounds', () => {
  /**
   * The processor time this process spent in `work`, in milliseconds: a bound on the work done that
   * other programs on a busy machine cannot stretch, as they stretch the time on the clock.
   */
  async function cpuMs<T>(work: () => Promise<T>): Promise<[T, number]> {
    const before = process.cpuUsage();
    const result = await work();
    const { user, system } = process.cpuUsage(before);
    return [result, (user + system) / 1000];
  }

  /** Runs the import and bounds the processor time it takes. */
  async function bounded(bytes: Uint8Array, maxMs: number): Promise<string> {
    const [outcome, ms] = await cpuMs(() => attempt(bytes));
    expect(ms).toBeLessThan(maxMs);
    return outcome;
  }

  const control = (lines: string[], extra: TcpSpec[] = []): Uint8Array => {
    const c: [string, number] = ['10.0.0.1', 40000];
    const s: [string, number] = ['10.0.0.2', 21];
    let seq = 100;
    const packets: TcpSpec[] = [{ src: c, dst: s, seq: 99, flags: 'S' }];
    for (const l of lines) {
      packets.push({ src: s, dst: c, seq, flags: 'PA', payload: l });
      seq += l.length;
    }
    return pcap({
      records: [...packets, ...extra].map((p, i) => ({
        sec: 1_700_000_000,
        frac: i,
        data: frame('ethernet', ipv4Tcp(p)),
      })),
    });
  };

  it('a reply line of megabytes is cut, not kept whole', async () => {
    const long = Array.from({ length: 40 }, () => 'x'.repeat(60_000));
    expect(await bounded(control(['220 ', ...long, '\r\n']), 5_000)).toBe('ok');
    const r = await importCapture(control(['220 ', ...long, '\r\n']));
    const reply = r.session.events.find((e) => e.kind === 'ftp/reply-sent');
    expect(reply?.kind === 'ftp/reply-sent' && reply.reply.text.length).toBeLessThanOrEqual(
      CAPTURE_LIMITS.maxLineBytes,
    );
  });

  it('segments that never fill their gap are held only up to the bound', async () => {
    // 2 000 segments each 100 bytes ahead of the last: nothing ever arrives in order.
    const ahead = Array.from({ length: 2000 }, (_, i): TcpSpec => ({
      src: ['10.0.0.2', 21],
      dst: ['10.0.0.1', 40000],
      seq: 1_000_000 + i * 200,
      flags: 'PA',
      payload: '220 x\r\n'.repeat(14),
    }));
    expect(await bounded(control([], ahead), 5_000)).toBe('ok');
  });

  it('a multi-line reply that never ends, and thousands of commands, stay within their bounds', async () => {
    const lines = ['220-start\r\n', ...Array.from({ length: 5000 }, (_, i) => `line ${i}\r\n`)];
    expect(await bounded(control(lines), 5_000)).toBe('ok');
    const commands = Array.from({ length: CAPTURE_LIMITS.maxDialogueLines + 500 }, () => '200 ok\r\n');
    const r = await importCapture(control(['220 hi\r\n', ...commands]));
    expect(r.session.omitted.dialogueLines).toBe(501);
  });

  it('tens of thousands of connections and more sessions than listed stay within their bounds', async () => {
    const records: { sec: number; frac: number; data: Uint8Array }[] = [];
    for (let i = 0; i < 70_000; i++) {
      const port = 1024 + (i % 60000);
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const ftp = i % 60 === 0;
      records.push({
        sec: 1_700_000_000,
        frac: i % 1_000_000,
        data: frame(
          'ethernet',
          ipv4Tcp({ src: [ip, port], dst: ['10.255.0.1', ftp ? 21 : 80], flags: 'S', seq: i }),
        ),
      });
    }
    const [r, ms] = await cpuMs(() => importCapture(pcap({ records })));
    expect(ms).toBeLessThan(20_000);
    expect(r.overview.sessions).toHaveLength(CAPTURE_LIMITS.maxSessions);
    expect(r.overview.sessionsOmitted).toBe(Math.ceil(70_000 / 60) - CAPTURE_LIMITS.maxSessions);
  });

  it('a large capture streams through in bounded memory', async () => {
    // 160 MB of data segments on one FTP data connection, generated chunk by chunk, never held whole.
    const c: [string, number] = ['10.0.0.1', 40000];
    const s: [string, number] = ['10.0.0.2', 21];
    const head = [
      { src: c, dst: s, seq: 99, flags: 'S' },
      { src: s, dst: c, seq: 100, flags: 'PA', payload: '220 hi\r\n' },
      { src: c, dst: s, seq: 100, flags: 'PA', payload: 'PASV\r\n' },
      { src: s, dst: c, seq: 108, flags: 'PA', payload: '227 (10,0,0,2,156,64)\r\n' },
      { src: c, dst: s, seq: 106, flags: 'PA', payload: 'RETR big\r\n' },
    ].map((p) => frame('ethernet', ipv4Tcp(p as TcpSpec)));
    // One data segment, its sequence number patched in place for each copy (bytes 14+20+4 of the frame).
    const template = frame(
      'ethernet',
      ipv4Tcp({
        src: ['10.0.0.2', 40000],
        dst: ['10.0.0.1', 50000],
        seq: 0,
        flags: 'A',
        payload: new Array<number>(16_000).fill(0x61),
      }),
    );
    const segment = (seq: number): Uint8Array => {
      const copy = template.slice();
      new DataView(copy.buffer).setUint32(38, seq >>> 0);
      return copy;
    };
    const record = (data: Uint8Array): Uint8Array => {
      const r = new Uint8Array(16 + data.length);
      const v = new DataView(r.buffer);
      v.setUint32(8, data.length, true);
      v.setUint32(12, data.length, true);
      r.set(data, 16);
      return r;
    };
    const total = 10_000;
    async function* chunks() {
      yield pcap({ records: [] });
      for (const h of head) yield record(h);
      yield record(
        frame(
          'ethernet',
          ipv4Tcp({ src: ['10.0.0.1', 50000], dst: ['10.0.0.2', 40000], seq: 1, flags: 'S' }),
        ),
      );
      for (let i = 0; i < total; i++) yield record(segment(1000 + i * 16_000));
    }
    global.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    const r = await importCapture(chunks());
    clearInterval(timer);
    expect(r.session.transfers.map((t) => t.command)).toEqual(['RETR big']);
    // 160 MB went through; what stays is a few packets and bounded buffers (generous for the GC's lag).
    expect(peak).toBeLessThan(96 * 1024 * 1024);
    // 160 MB through the importer: 48 s measured on two busy cores, over a minute under more load.
  }, 240_000);
});
