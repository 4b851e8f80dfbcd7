/**
 * `npm run sim -- --from-pcap FILE [--session N]`: a real capture printed like a simulated session, its
 * JSON, the flags that go with it, and one line and exit status 2 for any file it cannot read.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, bundledCli } from './cliProcess';
import { summarizeEvent, type StepEvent } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { EXIT_STATUS, MAX_SESSION, parseCliArguments } from '../../scripts/cli/cliArguments';

const cli = bundledCli();
const CAPTURES = resolve(ROOT, '../shared/captures');
const FAILED = join(CAPTURES, 'passive-serverfw-port21-fail-client.pcap');
const dir = mkdtempSync(join(tmpdir(), 'sim-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function written(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function sim(args: string[]) {
  return cli.run(args, { timeout: 60_000 });
}

const noFile = (): Uint8Array => {
  throw new Error('no file');
};
function refusal(argv: string[]): string {
  const r = parseCliArguments(argv, noFile);
  if (r.ok !== false) throw new Error(`accepted: ${argv.join(' ')}`);
  return r.message;
}

describe('--from-pcap arguments', () => {
  it('reads the file, the session and the output flags', () => {
    expect(parseCliArguments(['--from-pcap', 'a.pcap'], noFile)).toEqual({
      ok: 'capture',
      request: { file: 'a.pcap', session: 1, format: 'text' },
    });
    expect(
      parseCliArguments(
        ['--from-pcap', 'a.pcapng', '--session', '3', '--format', 'json', '--out', 'x.json'],
        noFile,
      ),
    ).toEqual({
      ok: 'capture',
      request: { file: 'a.pcapng', session: 3, format: 'json', out: 'x.json' },
    });
  });

  it('refuses what does not apply to a capture, and a session out of range', () => {
    expect(refusal(['--from-pcap', 'a.pcap', '--mode', 'passive'])).toBe(
      '--from-pcap reads a capture: --mode describes a scenario and does not apply',
    );
    expect(refusal(['--from-pcap', 'a.pcap', '--helper'])).toMatch(/--helper describes a scenario/);
    expect(refusal(['--from-pcap', 'a.pcap', '--capture', 'server'])).toMatch(
      /--capture chooses where a simulation is captured/,
    );
    expect(refusal(['--from-pcap', 'a.pcap', '--format', 'pcapng'])).toBe(
      '--from-pcap prints text or json, not pcapng',
    );
    expect(refusal(['--session', '2'])).toBe('--session needs --from-pcap FILE');
    expect(refusal(['--from-pcap', 'a.pcap', '--session', '0'])).toBe(
      `--session: expected a whole number from 1 to ${MAX_SESSION}, got "0"`,
    );
    expect(refusal(['--from-pcap', 'a.pcap', '--session', '1.5'])).toMatch(
      /--session: expected a whole number from 1 to/,
    );
    expect(refusal(['--from-pcap', 'a.pcap', '--session', '1', '--session', '2'])).toMatch(
      /--session is given twice/,
    );
    expect(refusal(['--from-pcap', ' '])).toBe('--from-pcap: expected a file name, got an empty one');
  });
});

describe('--from-pcap output', () => {
  it('prints the same transcript as a simulated session: header, one line per event, transfers, outcome', () => {
    const text = sim(['--from-pcap', FAILED]);
    expect(text.status).toBe(EXIT_STATUS.ok);
    expect(text.stderr).toBe('');
    const json = sim(['--from-pcap', FAILED, '--format', 'json']);
    const events = (JSON.parse(json.stdout) as { events: StepEvent[] }).events;
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(
      'FTP Flow Lab — captured session 1 of 1 in passive-serverfw-port21-fail-client.pcap (pcap, Ethernet, 30 packets)',
    );
    expect(lines[1]).toBe(
      'client 192.168.1.10:60810, server 172.16.0.21:21; captured at the client (inferred: from the TTLs)',
    );
    expect(lines.slice(3, 3 + events.length)).toEqual(events.map(summarizeEvent));
    expect(text.stdout).toContain('\nLIST: failed (data-syn-dropped) — replies 227, 425\n');
    expect(text.stdout.trimEnd().endsWith('outcome: failed')).toBe(true);
  });

  it('prints JSON with the capture point, sessions, outcome, transfers, findings, scenario and events', () => {
    const r = sim(['--from-pcap', FAILED, '--format', 'json']);
    expect(r.status).toBe(EXIT_STATUS.ok);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      capturePoint: 'client',
      sessions: [{ index: 1, client: '192.168.1.10:60810', server: '172.16.0.21:21', mode: 'passive' }],
      session: 1,
      outcome: 'failed',
      transfers: [{ command: 'LIST', outcome: 'failed', replyCodes: [227, 425], reason: 'data-syn-dropped' }],
      findings: [
        { kind: 'synUnansweredAway', inferred: true },
        { kind: 'reply425Passive', inferred: true },
      ],
      scenario: { mode: 'passive', serverFirewall: 'port21' },
    });
    expect(parseScenario(out.scenario).ok).toBe(true);
    expect((out.events as unknown[]).length).toBeGreaterThan(20);
  });

  it('chooses a session with --session and writes to --out', () => {
    // Two sessions: the reference capture twice, the second copy 10 s later on another client port.
    const one = new Uint8Array(readFileSync(join(CAPTURES, 'active-nofw-success-client.pcap')));
    const two = new Uint8Array(readFileSync(join(CAPTURES, 'passive-nofw-success-client.pcap')));
    const both = new Uint8Array(one.length + two.length - 24);
    both.set(one, 0);
    both.set(two.subarray(24), one.length);
    const file = join(dir, 'two.pcap');
    writeFileSync(file, both);
    const out = join(dir, 'second.json');
    const r = sim(['--from-pcap', file, '--session', '2', '--format', 'json', '--out', out]);
    expect(r.status).toBe(EXIT_STATUS.ok);
    expect(r.stdout).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      sessions: unknown[];
      session: number;
      scenario: { mode: string };
    };
    expect(json.sessions).toHaveLength(2);
    expect(json.session).toBe(2);
    expect(json.scenario.mode).toBe('passive');
  });

  // One test per file: each run of the CLI starts Node and tsx, seconds apiece on a busy machine.
  const files: [string, () => string, RegExp][] = [
    ['missing', () => join(dir, 'missing.pcap'), /cannot read ".*missing\.pcap" \(no such file\)$/],
    ['a folder', () => dir, /cannot read ".*" \(it is a folder\)$/],
    [
      'not a capture',
      () => written('junk.pcap', 'GIF89a not a capture'),
      /This is not a capture file: it starts with the bytes 47 49 46 38\./,
    ],
    [
      'cut short',
      () => written('cut.pcap', new Uint8Array(readFileSync(FAILED)).subarray(0, 10)),
      /The file is only 10 bytes long/,
    ],
    [
      'too large',
      () => {
        const huge = written('huge.pcap', '');
        truncateSync(huge, 1100 * 1024 * 1024); // sparse: takes no disk space
        return huge;
      },
      /The file is 1100 MB, over the limit of 1024 MB\./,
    ],
    [
      'without FTP',
      () => written('noftp.pcap', new Uint8Array(readFileSync(FAILED)).subarray(0, 24)),
      /No FTP session found: of its 0 TCP packets/,
    ],
  ];
  it.each(files)(
    'exits 2 with one line for a file it cannot read (%s), writing nothing',
    (name, make, message) => {
      const file = make();
      const out = join(dir, `never-${name.replace(/ /g, '-')}.txt`);
      const r = sim(['--from-pcap', file, '--out', out]);
      expect(r.status, file).toBe(EXIT_STATUS.usage);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^sim: --from-pcap: /);
      expect(lines[0]).toMatch(message);
      expect(() => readFileSync(out)).toThrow();
    },
  );
});

describe('--format pcapng', () => {
  it('writes a simulation as pcapng and still needs --out', () => {
    const out = join(dir, 'sim.pcapng');
    const r = sim(['--mode', 'passive', '--format', 'pcapng', '--out', out]);
    expect(r.status).toBe(EXIT_STATUS.ok);
    expect([...readFileSync(out).subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
    expect(refusal(['--format', 'pcapng'])).toBe('--format pcapng needs --out FILE');
  });
});
