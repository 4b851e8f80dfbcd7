import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from '../../scripts/cli/cliArguments';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const noFile = (): string => {
  throw new Error('no file');
};

function sim(args: string[]) {
  return spawnSync(TSX, ['scripts/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

describe('CLI arguments', () => {
  it('maps every flag onto its scenario field', () => {
    const r = parseCliArguments(
      [
        '--mode',
        'epsv',
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
      client: { ip: '10.0.0.5', controlPort: 50000, dataPort: 'realistic', connectTimeout: 7 },
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
    const file = JSON.stringify({ mode: 'passive', serverFirewall: 'port21' });
    const ok = parseCliArguments(['--scenario', 's.json', '--helper'], () => file);
    expect(ok.ok === true && ok.request.scenario).toMatchObject({
      mode: 'passive',
      serverFirewall: 'port21',
      helper: true,
    });
    const bad = parseCliArguments(['--scenario', 's.json'], () => '{"clientNat": "yes"}');
    expect(bad.ok === false && bad.message).toMatch(/s\.json: clientNat/);
    const notJson = parseCliArguments(['--scenario', 's.json'], () => '{mode:');
    expect(notJson.ok === false && notJson.message).toMatch(/not valid JSON/);
  });
});

describe('npm run sim', () => {
  it('prints a transcript of the textbook example by default', () => {
    const r = sim([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('PORT 192,168,1,10,');
    expect(r.stdout).toContain('226 Directory send OK.');
    expect(r.stdout).toMatch(/outcome: success/);
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
    expect(text).toMatch(/Entering Passive Mode \(172,16,0,21,156,\d+\)/);
  });
});
