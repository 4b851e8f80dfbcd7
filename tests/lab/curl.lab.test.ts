/**
 * curl (7.88, Debian 12) as the client, the way people fetch a listing: what it does on its own (PWD after
 * login, EPSV before TYPE, falling back from EPSV to PASV and from EPRT to PORT, ignoring the address of a
 * 227), its exit codes and messages, checked as facts of the real run; and the engine, whose client is the
 * scripted one, compared with it (see tests/lab/README.md).
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
    scenario: { mode: 'eprt', clientFirewall: 'stateful' },
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
    client: { kind: 'curl', options: ['--connect-timeout', '6'] },
    expected: 'failed',
    reality: {
      'curl retransmits the data SYN until its connect time-out, never sending LIST': (run) => {
        expect(dataConnections(run)[0]).toMatch(/^192\.0\.2\.21:\d+ 6 SYNs unanswered$/);
        expect(commands(run)).not.toContain('LIST');
      },
      'exit 28': exitedWith(28, /^curl: \(28\) Connection time-out/),
    },
  },
];

// The engine's client is the scripted client of the reference captures, not curl: no PWD, TYPE before
// EPSV/PASV, no fallback from EPSV to PASV or from EPRT to PORT, the 227's address used as given, QUIT after
// every failure. Issue 14 brings curl's behaviour into the engine; until then every comparison that sees the
// dialogue disagrees, and so does where curl's passive data connections sit in it and where they go.
const NOT_CURL =
  'the engine’s client is the scripted one: no PWD, TYPE first, no EPSV→PASV or EPRT→PORT fallback, the 227 address used';
const DATA_BEFORE_TYPE = 'curl opens its passive data connection right after the 229/227, before TYPE A';
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    CASES.flatMap((c) =>
      (['dialogue', 'packets', 'timing'] as const).map((check) => [`${c.name}/${check}`, NOT_CURL]),
    ),
  ),
  'curl-epsv-success/data': DATA_BEFORE_TYPE,
  'curl-passive-success/data': DATA_BEFORE_TYPE,
  'curl-epsv-servernat-private-helper-success/data': DATA_BEFORE_TYPE,
  'curl-epsv-serverfw-timeout/data': `${DATA_BEFORE_TYPE}, and gives up at its own time-out without LIST`,
  'curl-epsv-servernat-private-fail/client/data':
    'curl opens a second data connection (PASV after the refused EPSV one)',
  'curl-passive-servernat-private-fail/client/data':
    'curl ignores the 227’s address and connects to the control address (refused by the router)',
};

labSuite(CASES, KNOWN_DISAGREEMENTS);
