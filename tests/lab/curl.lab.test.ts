/**
 * curl (7.88, Debian 12) as the client, the way people fetch a listing: what it does on its own (PWD after
 * login, EPSV before TYPE, falling back from EPSV to PASV and from EPRT to PORT, ignoring the address of a
 * 227), its exit codes and messages, checked as facts of the real run; and the engine's curl compared with it
 * (see tests/lab/README.md).
 */
import { expect } from 'vitest';
import { extractFtpTrace } from '../../src/import/ftpTrace';
import { labSuite, type LabCase } from './harness/labSuite';
import type { LabRun } from './harness/session';

/** The commands curl sent, in order. */
function commands(run: LabRun): string[] {
  return extractFtpTrace(run.captures.client).dialogue.flatMap((l) => (l.kind === 'command' ? [l.verb] : []));
}

/** Each data connection curl opened, on its own interface: `ip:port`, and how it ended. */
function dataConnections(run: LabRun): string[] {
  return extractFtpTrace(run.captures.client).dataConnections.map(
    (d) =>
      `${d.responder.ip}:${d.responder.port} ${d.established ? 'established' : d.reset ? 'refused' : `${d.syns.length} SYNs unanswered`}`,
  );
}

/** The address and port a 227 announced (the client's view). */
function announced(run: LabRun): string {
  const reply = extractFtpTrace(run.captures.client).dialogue.find(
    (l) => l.kind === 'reply' && l.code === 227,
  );
  if (!reply?.address) throw new Error('no 227 reply');
  return `${reply.address.ip}:${reply.address.port}`;
}

const exitedWith =
  (code: number, message: RegExp) =>
  (run: LabRun): void => {
    expect(run.curl?.exitCode).toBe(code);
    expect(run.curl?.message).toMatch(message);
  };

const listed = (run: LabRun): void => {
  expect(run.curl?.exitCode).toBe(0);
  expect(run.curl?.body).toMatch(/README\.txt\r?\n.*hello\.txt/s);
};

const CASES: readonly LabCase[] = [
  {
    name: 'curl-epsv-success',
    shows: 'curl’s default: EPSV, and it connects at once, before TYPE A',
    scenario: { mode: 'epsv' },
    client: { kind: 'curl', options: [] },
    expected: 'success',
    reality: {
      'curl lists the directory (exit 0)': listed,
      'curl sends PWD after login, then EPSV before TYPE A': (run) => {
        expect(commands(run)).toEqual(['USER', 'PASS', 'PWD', 'EPSV', 'TYPE', 'LIST', 'QUIT']);
      },
    },
  },
  {
    name: 'curl-passive-success',
    shows: 'curl --disable-epsv: PASV',
    scenario: { mode: 'passive' },
    client: { kind: 'curl', options: ['--disable-epsv'] },
    expected: 'success',
    reality: {
      'curl lists the directory (exit 0)': listed,
      'curl sends PASV before TYPE A': (run) => {
        expect(commands(run)).toEqual(['USER', 'PASS', 'PWD', 'PASV', 'TYPE', 'LIST', 'QUIT']);
      },
    },
  },
  {
    name: 'curl-eprt-success',
    shows: 'curl -P -: active mode, EPRT first',
    scenario: { mode: 'eprt' },
    client: { kind: 'curl', options: ['-P', '-'] },
    expected: 'success',
    reality: {
      'curl lists the directory (exit 0)': listed,
      'curl sends EPRT before TYPE A': (run) => {
        expect(commands(run)).toEqual(['USER', 'PASS', 'PWD', 'EPRT', 'TYPE', 'LIST', 'QUIT']);
      },
    },
  },
  {
    name: 'curl-active-success',
    shows: 'curl -P - --disable-eprt: PORT',
    scenario: { mode: 'active' },
    client: { kind: 'curl', options: ['-P', '-', '--disable-eprt'] },
    expected: 'success',
    reality: {
      'curl lists the directory (exit 0)': listed,
      'curl sends PORT before TYPE A': (run) => {
        expect(commands(run)).toEqual(['USER', 'PASS', 'PWD', 'PORT', 'TYPE', 'LIST', 'QUIT']);
      },
    },
  },
  {
    name: 'curl-passive-servernat-private-fail',
    shows:
      'curl ignores the 227’s private address and dials the control address, where the port is not forwarded',
    scenario: { mode: 'passive', serverNat: 'private' },
    client: { kind: 'curl', options: ['--disable-epsv'] },
    expected: 'failed',
    reality: {
      'curl connects to the control connection’s address at the 227’s port; the router refuses it': (run) => {
        const [ip, port] = announced(run).split(':');
        expect(ip).toBe('172.16.0.21');
        expect(dataConnections(run)).toEqual([`203.0.113.2:${port} refused`]);
      },
      'curl gives up without QUIT: exit 7': exitedWith(
        7,
        /^curl: \(7\) Failed to connect to 203\.0\.113\.2 port 21 after \d+ ms/,
      ),
      'curl sends no transfer command': (run) => {
        expect(commands(run)).toEqual(['USER', 'PASS', 'PWD', 'PASV']);
      },
    },
  },
  {
    name: 'curl-epsv-servernat-private-fail',
    shows: 'EPSV refused by the router: curl falls back to PASV, which fails the same way',
    scenario: { mode: 'epsv', serverNat: 'private' },
    client: { kind: 'curl', options: [] },
    expected: 'failed',
    reality: {
      'curl tries EPSV, then PASV, each data connection refused by the router': (run) => {
        expect(commands(run)).toEqual(['USER', 'PASS', 'PWD', 'EPSV', 'PASV']);
        expect(dataConnections(run).map((d) => d.replace(/:\d+ /, ':port '))).toEqual([
          '203.0.113.2:port refused',
          '203.0.113.2:port refused',
        ]);
      },
      'exit 7': exitedWith(7, /^curl: \(7\) Failed to connect to 203\.0\.113\.2 port 21 after \d+ ms/),
    },
  },
  {
    name: 'curl-epsv-servernat-private-helper-success',
    shows: 'with the helper the router expects the 229’s port and forwards it',
    scenario: { mode: 'epsv', serverNat: 'private', helper: true },
    client: { kind: 'curl', options: [] },
    expected: 'success',
    reality: { 'curl lists the directory (exit 0)': listed },
  },
  {
    name: 'curl-eprt-clientnat-fail',
    shows: 'EPRT names the private address: refused; curl falls back to PORT, refused too',
    scenario: { mode: 'eprt', clientNat: true },
    client: { kind: 'curl', options: ['-P', '-'] },
    expected: 'failed',
    reality: {
      'curl tries EPRT, then PORT, then QUITs': (run) => {
        expect(commands(run)).toEqual(['USER', 'PASS', 'PWD', 'EPRT', 'PORT', 'QUIT']);
      },
      'exit 30': exitedWith(30, /^curl: \(30\) /),
    },
  },
  {
    name: 'curl-eprt-clientfw-fail',
    shows: 'the client firewall drops the server’s SYNs; curl reads the 425 and QUITs',
    // curl's --connect-timeout well past vsftpd's connect_timeout: the 425 decides.
    scenario: { mode: 'eprt', clientFirewall: 'stateful', client: { connectTimeout: 20 } },
    client: { kind: 'curl', options: ['-P', '-'] },
    expected: 'failed',
    reality: {
      'curl waits for the server, reads 425, QUITs': (run) => {
        expect(commands(run)).toEqual(['USER', 'PASS', 'PWD', 'EPRT', 'TYPE', 'LIST', 'QUIT']);
      },
      'exit 19': exitedWith(19, /^curl: \(19\) /),
    },
  },
  {
    name: 'curl-epsv-serverfw-timeout',
    shows: 'the server firewall drops the SYNs; curl’s --connect-timeout 6 ends everything',
    scenario: { mode: 'epsv', serverFirewall: 'port21' },
    client: { kind: 'curl', options: [] },
    expected: 'failed',
    reality: {
      'curl retransmits the data SYN until its connect time-out, never sending LIST': (run) => {
        expect(dataConnections(run)[0]).toMatch(/^192\.0\.2\.21:\d+ 6 SYNs unanswered$/);
        expect(commands(run)).not.toContain('LIST');
      },
      'exit 28': exitedWith(28, /^curl: \(28\) Connection time-out/),
    },
  },
  {
    name: 'curl-epsv-retr-list',
    shows: 'two URLs on one connection: SIZE before RETR, TYPE only when it changes, no second PWD',
    scenario: {
      mode: 'epsv',
      // Three passive ports to pick from: the engine's seed can then match vsftpd's three choices (1 in 27).
      server: { passivePorts: { min: 40000, max: 40002 } },
      commands: [{ verb: 'RETR', file: 'hello.txt' }, { verb: 'LIST' }, { verb: 'LIST' }],
    },
    client: { kind: 'curl', options: [] },
    expected: 'success',
    reality: {
      'curl asks the size before RETR, and TYPE only when it changes': (run) => {
        expect(commands(run)).toEqual([
          ...['USER', 'PASS', 'PWD'],
          ...['EPSV', 'TYPE', 'SIZE', 'RETR'],
          ...['EPSV', 'TYPE', 'LIST'],
          ...['EPSV', 'LIST', 'QUIT'],
        ]);
      },
      'exit 0': exitedWith(0, /^$/),
    },
  },
  {
    name: 'curl-epsv-retr-missing',
    shows: 'SIZE refused: curl drops that transfer (error 78) and goes on with the next URL',
    scenario: { mode: 'epsv', commands: [{ verb: 'RETR', file: 'missing.txt' }, { verb: 'LIST' }] },
    client: { kind: 'curl', options: [] },
    expected: 'failed',
    reality: {
      'curl never sends RETR; the next URL is listed': (run) => {
        expect(commands(run)).toEqual([
          ...['USER', 'PASS', 'PWD', 'EPSV', 'TYPE', 'SIZE'],
          ...['EPSV', 'TYPE', 'LIST', 'QUIT'],
        ]);
      },
      'it prints error 78 and exits with the last transfer’s 0': exitedWith(
        0,
        /^curl: \(78\) The file does not exist$/,
      ),
    },
  },
  {
    name: 'curl-epsv-stor-denied',
    shows: 'STOR refused (uploads off): error 25, then the next URL',
    scenario: {
      mode: 'epsv',
      server: { uploads: false },
      commands: [{ verb: 'STOR', file: 'up.txt', size: 300 }, { verb: 'LIST' }],
    },
    client: { kind: 'curl', options: [] },
    expected: 'failed',
    reality: {
      'curl sends STOR after TYPE I, reads 550, goes on': (run) => {
        expect(commands(run)).toEqual([
          ...['USER', 'PASS', 'PWD', 'EPSV', 'TYPE', 'STOR'],
          ...['EPSV', 'TYPE', 'LIST', 'QUIT'],
        ]);
      },
      'it prints error 25': exitedWith(0, /^curl: \(25\) Failed FTP upload: 550$/),
    },
  },
];

// The engine's curl (src/engine/ftp/curlClient.ts) agrees with every case.
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {};

labSuite(CASES, KNOWN_DISAGREEMENTS);
