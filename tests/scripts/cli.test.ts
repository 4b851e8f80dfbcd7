import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, TSX_COMMAND, bundledCli } from './cliProcess';
import {
  EXIT_STATUS,
  MAX_SCENARIO_FILE_BYTES,
  parseCliArguments,
  USAGE,
  type ReadScenarioFile,
} from '../../scripts/cli/cliArguments';

const cli = bundledCli();
const noFile = (): Uint8Array => {
  throw new Error('no file');
};
/** A scenario file's bytes, read the way the CLI reads one (at most `limit + 1` bytes). */
const file =
  (content: string | Uint8Array) =>
  (_path: string, limit: number): Uint8Array =>
    (typeof content === 'string' ? Buffer.from(content) : content).subarray(0, limit + 1);
/** The message of a refused command line (fails the test when it was accepted). */
function refusal(argv: string[], read: ReadScenarioFile = noFile): string {
  const r = parseCliArguments(argv, read);
  if (r.ok !== false) throw new Error(`accepted: ${argv.join(' ')}`);
  return r.message;
}

function sim(args: string[]) {
  return cli.run(args);
}

describe('CLI arguments', () => {
  it('maps every flag onto its scenario field', () => {
    const r = parseCliArguments(
      [
        '--mode',
        'epsv',
        '--client',
        'curl',
        '--command',
        'LIST',
        '--command',
        'RETR hello.txt',
        '--command',
        'STOR up.bin 100',
        '--client-firewall',
        'stateful',
        '--server-firewall',
        'port21+range',
        '--client-nat',
        '--server-nat',
        'public',
        '--helper',
        '--data-port',
        'realistic',
        '--seed',
        '42',
        '--client-ip',
        '10.0.0.5',
        '--server-ip',
        '172.16.0.9',
        '--control-port',
        '50000',
        '--passive-ports',
        '41000-41010',
        '--connect-timeout',
        '5',
        '--accept-timeout',
        '6',
        '--client-connect-timeout',
        '7',
        '--no-uploads',
        '--user',
        'alice',
        '--password',
        'secret',
      ],
      noFile,
    );
    if (r.ok !== true) throw new Error(JSON.stringify(r));
    const s = r.request.scenario;
    expect(s).toMatchObject({
      mode: 'epsv',
      commands: [
        { verb: 'LIST' },
        { verb: 'RETR', file: 'hello.txt' },
        { verb: 'STOR', file: 'up.bin', size: 100 },
      ],
      clientFirewall: 'stateful',
      serverFirewall: 'port21+range',
      clientNat: true,
      serverNat: 'public',
      helper: true,
      seed: 42,
      user: 'alice',
      password: 'secret',
      client: {
        program: 'curl',
        ip: '10.0.0.5',
        controlPort: 50000,
        dataPort: 'realistic',
        connectTimeout: 7,
      },
      server: {
        ip: '172.16.0.9',
        passivePorts: { min: 41000, max: 41010 },
        connectTimeout: 5,
        acceptTimeout: 6,
        uploads: false,
      },
    });
  });

  it('names the flag and the allowed values when a value is wrong', () => {
    const r = parseCliArguments(['--server-firewall', 'open'], noFile);
    expect(r.ok).toBe(false);
    if (r.ok !== false) return;
    expect(r.message).toContain('--server-firewall');
    expect(r.message).toContain('port21+range');
  });

  it('lets flags override a scenario file and names the file field that is wrong', () => {
    const ok = parseCliArguments(
      ['--scenario', 's.json', '--helper'],
      file(JSON.stringify({ mode: 'passive', serverFirewall: 'port21' })),
    );
    expect(ok.ok === true && ok.request.scenario).toMatchObject({
      mode: 'passive',
      serverFirewall: 'port21',
      helper: true,
    });
    const bad = parseCliArguments(['--scenario', 's.json'], file('{"clientNat": "yes"}'));
    expect(bad.ok === false && bad.message).toMatch(/s\.json: clientNat/);
    const notJson = parseCliArguments(['--scenario', 's.json'], file('{mode:'));
    expect(notJson.ok === false && notJson.message).toMatch(/not valid JSON/);
  });
});

describe('numbers and flags read strictly', () => {
  it.each(['0x10', '0b101', '1e3', ' 5', '5 ', '+5', '', '1_000', 'Infinity', '0o7', '5.'])(
    'refuses --seed "%s" with the allowed range',
    (text) => {
      expect(refusal(['--seed', text])).toBe(
        `--seed: expected a whole number from 0 to 4294967295, got "${text}"`,
      );
    },
  );

  it('refuses hex, exponents and spaces in every numeric flag and in a STOR size', () => {
    expect(refusal(['--control-port', '0x1000'])).toMatch(
      /^--control-port: expected a whole number from 1024 to 65000/,
    );
    expect(refusal(['--connect-timeout', '1e2'])).toMatch(
      /^--connect-timeout: expected a number from 1 to 600/,
    );
    expect(refusal(['--command', 'STOR up.bin 0x10'])).toMatch(
      /^--command: expected a whole number from 0 to 65536/,
    );
    expect(refusal(['--passive-ports', '0x10-0x20'])).toMatch(/^--passive-ports: expected MIN-MAX/);
  });

  it('takes plain decimals, and a decimal point in timeouts', () => {
    const r = parseCliArguments(['--seed', '16', '--connect-timeout', '1.5'], noFile);
    expect(r.ok === true && r.request.scenario).toMatchObject({ seed: 16, server: { connectTimeout: 1.5 } });
  });

  it('answers a negative number with the allowed range, not "argument is ambiguous"', () => {
    for (const argv of [['--seed', '-5'], ['--seed=-5']]) {
      const message = refusal(argv);
      expect(message).toBe('--seed: expected a whole number from 0 to 4294967295, got "-5"');
      expect(message).not.toMatch(/ambiguous/);
    }
    expect(refusal(['--accept-timeout', '-1.5'])).toBe(
      '--accept-timeout: expected a number from 1 to 600, got "-1.5"',
    );
  });

  it('refuses a flag given twice, except --command', () => {
    expect(refusal(['--mode', 'active', '--mode', 'passive'])).toMatch(/^--mode is given twice/);
    expect(refusal(['--helper', '--helper'])).toMatch(/^--helper is given twice/);
    expect(refusal(['--seed=1', '--seed', '2'])).toMatch(/^--seed is given twice/);
    const commands = parseCliArguments(['--command', 'LIST', '--command', 'RETR a.txt'], noFile);
    expect(commands.ok).toBe(true);
  });

  it('refuses an empty --scenario or --out', () => {
    expect(refusal(['--scenario', ''])).toBe('--scenario: expected a file name, got an empty one');
    expect(refusal(['--out', ''])).toBe('--out: expected a file name, got an empty one');
  });
});

describe('scenario files', () => {
  it('accepts a UTF-8 byte-order mark', () => {
    const r = parseCliArguments(['--scenario', 's.json'], file('\uFEFF{"mode":"passive"}'));
    expect(r.ok === true && r.request.scenario.mode).toBe('passive');
  });

  it('refuses a file over 1 MB before parsing it, having read no more than 1 MB and a byte', () => {
    const big = Buffer.alloc(MAX_SCENARIO_FILE_BYTES + 10_000, 0x20);
    let asked = 0;
    const message = refusal(['--scenario', 'big.json'], (path, limit) => {
      asked = limit;
      return file(big)(path, limit);
    });
    expect(asked).toBe(MAX_SCENARIO_FILE_BYTES);
    expect(message).toBe(
      '--scenario: "big.json" is larger than 1 MB; a scenario file is a small JSON object',
    );
    // Exactly 1 MB is still read (and here refused only as JSON that is not an object).
    expect(refusal(['--scenario', 's.json'], file(Buffer.alloc(MAX_SCENARIO_FILE_BYTES, 0x31)))).toMatch(
      /must hold a JSON object/,
    );
  });

  it('names a few unknown fields, not every one', () => {
    const fields = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`field${i}`, i]));
    const message = refusal(['--scenario', 's.json'], file(JSON.stringify(fields)));
    expect(message).toBe(
      's.json: (scenario): unknown fields: field0, field1, field2, field3, field4 and 49995 more',
    );
    const long = refusal(
      ['--scenario', 's.json'],
      file(JSON.stringify({ ['x'.repeat(100_000)]: 1, 'a\nb': 2 })),
    );
    expect(long.length).toBeLessThan(200);
    expect(long.split('\n')).toHaveLength(1);
  });

  it('prints at most a few problems', () => {
    const commands = Array.from({ length: 8 }, () => ({ verb: 'RETR', file: '../etc/passwd' }));
    const message = refusal(
      ['--scenario', 's.json'],
      file(JSON.stringify({ commands, client: { ip: 'x', controlPort: 'y', dataPort: 'z' } })),
    );
    const lines = message.split('\n');
    expect(lines.length).toBeLessThanOrEqual(9);
    expect(lines.at(-1)).toMatch(/^… and \d+ more problems$/);
  });

  it('says "expected an object" for a section that is not one', () => {
    expect(refusal(['--scenario', 's.json'], file('{"client":"abc"}'))).toBe(
      's.json: client: expected an object',
    );
    // Flags that set the same section do not hide the file's mistake.
    expect(refusal(['--scenario', 's.json', '--client-ip', '10.0.0.9'], file('{"server":[1]}'))).toBe(
      's.json: server: expected an object',
    );
  });

  it('refuses a file that is not UTF-8, and says why a file cannot be read', () => {
    expect(refusal(['--scenario', 's.json'], file(Uint8Array.of(0x7b, 0xff, 0x7d)))).toBe(
      '--scenario: "s.json" is not UTF-8 text',
    );
    const missing = (): Uint8Array => {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    expect(refusal(['--scenario', 'gone.json'], missing)).toBe(
      '--scenario: cannot read "gone.json" (no such file)',
    );
  });
});

describe('npm run sim', () => {
  it('prints a transcript of the textbook example by default', () => {
    const r = sim([]);
    expect(r.status).toBe(0);
    // Not behind NAT, the client has a public (RFC 5737) address, and its PORT command says so.
    expect(r.stdout).toContain('client 198.51.100.10:56012');
    expect(r.stdout).toContain('PORT 198,51,100,10,');
    expect(r.stdout).toContain('226 Directory send OK.');
    expect(r.stdout).toMatch(/outcome: success/);
  });

  it('runs the way the README says (npx tsx scripts/cli.ts), exactly as the bundle these tests run', () => {
    const [tsx, script] = TSX_COMMAND;
    const args = ['--format', 'json', '--client-firewall', 'stateful'];
    const r = spawnSync(tsx, [script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(sim(args).stdout);
  });

  it('runs curl with --client curl: its dialogue, its error line and exit status', () => {
    const r = sim(['--client', 'curl', '--mode', 'epsv', '--server-nat', 'private']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('FTP Flow Lab — curl, epsv mode');
    expect(r.stdout).toMatch(/\bPWD\b/);
    expect(r.stdout).toMatch(/^curl: \(7\) Failed to connect to 203\.0\.113\.2 port 21 after \d+ ms/m);
    expect(r.stdout).toContain('curl exit status: 7');
    const bad = sim(['--client', 'wget']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--client');
    expect(bad.stderr).toContain('"curl"');
  });

  it('prints normalized scenario, outcome, transfers and events as JSON', () => {
    const r = sim([
      '--mode',
      'active',
      '--client-firewall',
      'stateful',
      '--command',
      'LIST',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      scenario: { clientFirewall: string; server: { connectTimeout: number } };
      outcome: string;
      transfers: { command: string; outcome: string; replyCodes: number[] }[];
      events: unknown[];
    };
    expect(out.scenario.clientFirewall).toBe('stateful');
    expect(out.scenario.server.connectTimeout).toBe(60);
    expect(out.outcome).toBe('failed');
    expect(out.transfers).toEqual([
      { command: 'LIST', outcome: 'failed', replyCodes: [200, 425], reason: 'data-syn-dropped' },
    ]);
    expect(out.events.length).toBeGreaterThan(20);
  });

  it('exits 2 with one clear message and writes nothing for a bad flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const out = join(dir, 'x.pcap');
    const r = sim(['--mode', 'sideways', '--format', 'pcap', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--mode.*active.*passive.*eprt.*epsv/);
    expect(existsSync(out)).toBe(false);
    const unknown = sim(['--colour', 'red']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--colour');
  });

  it('exits 2 for an invalid scenario file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ mode: 'active', serverNat: 'maybe' }));
    const r = sim(['--scenario', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/serverNat.*none.*private.*public/);
  });

  it('writes a capture with --format pcap that tshark reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const out = join(dir, 'session.pcap');
    const r = sim(['--mode', 'passive', '--format', 'pcap', '--out', out, '--capture', 'server']);
    expect(r.status).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    const text = execFileSync(
      'tshark',
      ['-r', out, '-Y', 'ftp.response.code == 227', '-T', 'fields', '-e', 'ftp.response.arg'],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(text).toMatch(/Entering Passive Mode \(192,0,2,21,156,\d+\)/);
  });

  it('refuses addresses that cannot work, with one message and status 2', () => {
    const unicast = sim(['--client-ip', '0.0.0.0']);
    expect(unicast.status).toBe(2);
    expect(unicast.stderr).toMatch(/--client-ip \(client\.ip\): 0\.0\.0\.0 is in 0\.0\.0\.0\/8/);
    const privateHost = sim(['--client-ip', '192.168.1.10']);
    expect(privateHost.status).toBe(2);
    expect(privateHost.stderr).toMatch(/192\.168\.1\.10 is a private \(RFC 1918\) address/);
    const duplicate = sim(['--client-ip', '203.0.113.2']);
    expect(duplicate.status).toBe(2);
    expect(duplicate.stderr).toMatch(/already the address of/);
    const lab = sim(['--network', 'routed-private', '--client-ip', '192.168.1.10']);
    expect(lab.status).toBe(0);
    expect(lab.stdout).toContain('PORT 192,168,1,10,');
  });
});

describe('--ip', () => {
  it('sets ipVersion; left out, the session is IPv4', () => {
    const six = parseCliArguments(['--ip', '6', '--mode', 'epsv'], noFile);
    expect(six.ok === true && six.request.scenario.ipVersion).toBe(6);
    const four = parseCliArguments([], noFile);
    expect(four.ok === true && four.request.scenario.ipVersion).toBe(4);
  });

  it('refuses anything but 4 or 6, naming the flag', () => {
    expect(refusal(['--ip', 'v6'])).toBe('--ip: "v6" is not one of 4, 6');
    expect(refusal(['--ip', '6', '--client-nat'])).toMatch(/^--client-nat \(clientNat\): NAT is IPv4 only/);
    expect(refusal(['--ip', '6', '--server-nat', 'private'])).toMatch(
      /^--server-nat \(serverNat\): NAT is IPv4 only/,
    );
    expect(refusal(['--ip', '6', '--client-ip', '198.51.100.10'])).toMatch(
      /^--client-ip \(client\.ip\): 198\.51\.100\.10 is an IPv4 address, but ipVersion is 6/,
    );
  });

  it('is documented in --help', () => {
    expect(USAGE).toMatch(/--ip 4\|6 /);
  });

  it('prints an IPv6 session: EPRT |2| in active mode, addresses in brackets; exit 2 for a bad value', () => {
    const r = sim(['--ip', '6', '--mode', 'active']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('client [2001:db8:1::10]:56012');
    expect(r.stdout).toMatch(/EPRT \|2\|2001:db8:1::10\|56013\|/);
    expect(r.stdout).toContain('outcome: success');
    const bad = sim(['--ip', '5']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('sim: --ip: "5" is not one of 4, 6');
  });

  it('writes an IPv6 capture that tshark dissects (ethertype 0x86dd, EPSV, no malformed packet)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const out = join(dir, 'session6.pcapng');
    expect(sim(['--ip', '6', '--mode', 'epsv', '--format', 'pcapng', '--out', out]).status).toBe(0);
    const rows = execFileSync(
      'tshark',
      [
        '-r',
        out,
        '-T',
        'fields',
        '-e',
        'eth.type',
        '-e',
        'ipv6.src',
        '-e',
        'frame.protocols',
        '-e',
        'ftp.response.code',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    )
      .trim()
      .split('\n');
    expect(rows.every((r) => r.startsWith('0x86dd\t'))).toBe(true);
    expect(rows.some((r) => r.endsWith('\t229'))).toBe(true);
    expect(rows.some((r) => r.includes(':ftp-data'))).toBe(true);
    expect(rows.some((r) => /malformed/i.test(r))).toBe(false);
  });
});

describe('npm run sim fails cleanly when it cannot write', () => {
  /** Every file in a folder, hidden ones (the temporary file) included. */
  const entries = (dir: string): string[] => readdirSync(dir).sort();

  /** One line naming the path and the reason, the write status, nothing on stdout. */
  function expectWriteFailure(r: ReturnType<typeof sim>, path: string, reason: RegExp): void {
    expect(r.status).toBe(EXIT_STATUS.write);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`"${path}"`);
    expect(lines[0]).toMatch(reason);
    expect(r.stderr).not.toMatch(/\bat \S+:\d+/); // no stack trace
  }

  it('into a folder that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const out = join(dir, 'missing', 'session.pcap');
    const r = sim(['--format', 'pcap', '--out', out]);
    expectWriteFailure(r, out, /the folder does not exist/);
    expect(entries(dir)).toEqual([]);
  });

  it('onto a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    mkdirSync(join(dir, 'taken'));
    const r = sim(['--format', 'json', '--out', join(dir, 'taken')]);
    expectWriteFailure(r, join(dir, 'taken'), /it is a folder/);
    expect(entries(dir)).toEqual(['taken']);
    expect(entries(join(dir, 'taken'))).toEqual([]);
  });

  it('on a full disk (/dev/full)', () => {
    const r = sim(['--format', 'pcap', '--out', '/dev/full']);
    expectWriteFailure(r, '/dev/full', /no space left on the device/);
  });

  it('past the file-size limit (ulimit -f): no partial capture, the old file untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const out = join(dir, 'session.pcap');
    writeFileSync(out, 'the previous capture');
    // ulimit -f counts 1024-byte blocks: 2 KiB is far less than the capture of a whole session.
    const r = spawnSync(
      'bash',
      ['-c', 'ulimit -f 2 && exec "$@"', 'bash', ...cli.command(), '--format', 'pcap', '--out', out],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    expectWriteFailure(r, out, /the file would exceed the file-size limit/);
    expect(entries(dir)).toEqual(['session.pcap']);
    expect(readFileSync(out, 'utf8')).toBe('the previous capture');
  });

  it.each([[[]], [['--format', 'json']], [['--help']]])(
    'to the standard output on a full disk (> /dev/full), with %j: one line, the write status',
    (args: string[]) => {
      const full = openSync('/dev/full', 'w');
      try {
        const r = cli.run(args, { stdio: ['ignore', full, 'pipe'] });
        expect(r.status).toBe(EXIT_STATUS.write);
        expect(r.stderr).toBe('sim: cannot write to the standard output: no space left on the device\n');
      } finally {
        closeSync(full);
      }
    },
  );

  it('to a pipe whose reader has gone (| head -1): no message, no stack trace, the write status', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // A reader opened without waiting lets the writer open; closed at once, every write is EPIPE.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY);
    closeSync(reader);
    try {
      const r = cli.run(['--format', 'json'], { stdio: ['ignore', writer, 'pipe'] });
      expect(r.status).toBe(EXIT_STATUS.write);
      expect(r.stderr).toBe('');
    } finally {
      closeSync(writer);
    }
  });

  it('replaces an existing file whole on success and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const out = join(dir, 'run.json');
    writeFileSync(out, 'old');
    const r = sim(['--format', 'json', '--out', out]);
    expect(r.status).toBe(0);
    expect(entries(dir)).toEqual(['run.json']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('outcome', 'success');
  });

  it('documents the exit statuses in --help', () => {
    const r = sim(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Exit status: 0 .*\n2 bad flags.* 3 the output could not be written/);
  });
});
