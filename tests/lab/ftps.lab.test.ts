/**
 * Explicit FTPS (issue 14): vsftpd 3.0.3 with ssl_enable=YES and anonymous sessions forced onto TLS, the
 * classic client (Python's ftplib with AUTH TLS, PBSZ 0, PROT P) and curl (--ssl-reqd -k), each session
 * compared with the engine's `tls: 'explicit'`. The captures are read through TLS with the key log each
 * client wrote (harness/tls.ts), so the dialogue, the data connections and the segments are compared as in
 * the other lab files, inside the encryption; the TLS records are compared by what they carry, not by size
 * (this run's certificate and the clients' hellos are not the engine's). The cases show what the FTP
 * helper can no longer do once it cannot read PORT, 227 or 229, and what never needed it.
 */
import { expect } from 'vitest';
import { extractFtpTrace } from '../../src/import/ftpTrace';
import { labSuite, type LabCase } from './harness/labSuite';
import type { LabRun } from './harness/session';
import { readRealTls } from './harness/tls';

const decrypted = (run: LabRun, view: 'client' | 'server' = 'client') =>
  readRealTls(run.captures[view], run.keyLog ?? '');

/** The commands the client sent, read inside TLS. */
const commands = (run: LabRun): string[] =>
  extractFtpTrace(decrypted(run).plain).dialogue.flatMap((l) => (l.kind === 'command' ? [l.line] : []));

const replies = (run: LabRun): string[] =>
  extractFtpTrace(decrypted(run).plain).dialogue.flatMap((l) =>
    l.kind === 'reply' ? [l.lines.join(' ')] : [],
  );

/**
 * What a box on the path can read of the control connection: the capture read as plaintext FTP, its lines
 * that look like FTP (a reply code and text, or a command verb); after 234 the analyzer reads TLS records as
 * lines of binary garbage, now and then a printable scrap such as `*`.
 */
const readableOnTheWire = (run: LabRun): string[] =>
  extractFtpTrace(run.captures.client)
    .dialogue.map((l) => (l.kind === 'command' ? l.line : l.lines.join(' ')))
    .filter((l) => /^(\d{3} [\x20-\x7e]+|[A-Z]{3,4}( [\x20-\x7e]+)?)$/.test(l));

/** Each data connection's SYNs as one capture point saw them, and whether anything answered. */
const dataSyns = (run: LabRun, view: 'client' | 'server'): string[] =>
  extractFtpTrace(decrypted(run, view).plain).dataConnections.map(
    (d) =>
      `${d.responder.ip}:${d.responder.port} ${d.syns.length} SYN ${d.established ? 'established' : d.reset ? 'refused' : 'unanswered'}`,
  );

const TLS13 = 'TLS 1.3 TLS_AES_256_GCM_SHA384';
const negotiatesTls13 = (connections: number) => (run: LabRun) => {
  expect(decrypted(run).negotiated).toEqual(Array.from({ length: connections }, () => TLS13));
};
const onlyAuthReadable = (auth: 'TLS' | 'SSL') => (run: LabRun) => {
  expect(readableOnTheWire(run)).toEqual([
    '220 (vsFTPd 3.0.3)',
    `AUTH ${auth}`,
    '234 Proceed with negotiation.',
  ]);
};
const noExpectation = (run: LabRun): void => {
  expect(run.expectations).toEqual([]);
};
const exitedWith =
  (code: number, message: RegExp) =>
  (run: LabRun): void => {
    expect(run.curl?.exitCode).toBe(code);
    expect(run.curl?.message).toMatch(message);
  };

const CLASSIC_LOGIN = ['AUTH TLS', 'USER anonymous', 'PASS lab@example.org', 'PBSZ 0', 'PROT P'];
// The lab gives curl the scenario's credentials (--user), as it does the classic client.
const CURL_LOGIN = ['AUTH SSL', 'USER anonymous', 'PASS lab@example.org', 'PBSZ 0', 'PROT P', 'PWD'];

const CASES: readonly LabCase[] = [
  {
    name: 'ftps-passive-success',
    shows:
      'the classic client: AUTH TLS, then everything in TLS 1.3, the data connection resuming the session',
    scenario: { mode: 'passive', tls: 'explicit' },
    expected: 'success',
    reality: {
      'vsftpd 3.0.3 with Debian 12’s OpenSSL negotiates TLS 1.3 (TLS_AES_256_GCM_SHA384) on both connections':
        negotiatesTls13(2),
      'only 220, AUTH TLS and 234 can be read on the wire': onlyAuthReadable('TLS'),
      'inside TLS: PBSZ 0 and PROT P after login, then TYPE A, PASV, LIST': (run) => {
        expect(commands(run)).toEqual([...CLASSIC_LOGIN, 'TYPE A', 'PASV', 'LIST', 'QUIT']);
        expect(replies(run)).toContain('200 PROT now Private.');
      },
      'the data connection resumes the control connection’s session (require_ssl_reuse)': (run) => {
        expect(run.clientLog?.events.find((e) => e.kind === 'data-tls')).toMatchObject({
          version: 'TLSv1.3',
          resumed: true,
        });
      },
    },
  },
  {
    name: 'ftps-curl-epsv-success',
    shows: 'curl --ssl-reqd: AUTH SSL, PBSZ, PROT, PWD, EPSV before TYPE',
    scenario: { mode: 'epsv', tls: 'explicit' },
    client: { kind: 'curl', options: [] },
    expected: 'success',
    reality: {
      'TLS 1.3 on both connections': negotiatesTls13(2),
      'only 220, AUTH SSL and 234 can be read on the wire': onlyAuthReadable('SSL'),
      'curl lists the directory (exit 0)': (run) => {
        expect(run.curl?.exitCode).toBe(0);
        expect(run.curl?.body).toMatch(/README\.txt\r?\n.*hello\.txt/s);
      },
      'inside TLS: curl’s commands, QUIT included': (run) => {
        expect(commands(run)).toEqual([...CURL_LOGIN, 'EPSV', 'TYPE A', 'LIST', 'QUIT']);
      },
    },
  },
  {
    name: 'ftps-active-success',
    shows: 'active FTPS: vsftpd connects from port 20, the client is still the TLS client',
    scenario: { mode: 'active', tls: 'explicit' },
    expected: 'success',
    reality: {
      'TLS 1.3 on both connections': negotiatesTls13(2),
      'the data connection comes from port 20; its ClientHello from the FTP client': (run) => {
        const tls = decrypted(run);
        expect(extractFtpTrace(tls.plain).dataConnections[0]?.initiator.port).toBe(20);
        expect(tls.records.find((r) => r.startsWith('data-1'))).toBe('data-1 client: client-hello');
      },
    },
  },
  {
    name: 'ftps-active-clientnat-helper-fail',
    shows:
      'client behind NAT with the helper, active: the router cannot read PORT, vsftpd gets the private address and refuses it',
    scenario: { mode: 'active', clientNat: true, helper: true, tls: 'explicit' },
    expected: 'failed',
    reality: {
      'the helper expects nothing': noExpectation,
      'PORT arrives with the private address 192.168.1.10: 500 Illegal PORT command., then QUIT': (run) => {
        expect(commands(run).at(-2)).toMatch(/^PORT 192,168,1,10,\d+,\d+$/);
        expect(replies(run).slice(-2)).toEqual(['500 Illegal PORT command.', '221 Goodbye.']);
      },
      'no data connection is tried': (run) => {
        expect(dataSyns(run, 'client')).toEqual([]);
      },
    },
  },
  {
    name: 'ftps-passive-serverfw-port21-helper-fail',
    shows:
      'server firewall (port 21 only) with the helper: it cannot read the 227; the server’s INPUT drops the data SYNs; 425',
    scenario: { mode: 'passive', serverFirewall: 'port21', helper: true, tls: 'explicit' },
    expected: 'failed',
    reality: {
      'the helper expects nothing': noExpectation,
      'the client’s data SYNs reach the server’s interface and are dropped there, unanswered': (run) => {
        const client = dataSyns(run, 'client');
        expect(client).toHaveLength(1);
        expect(client[0]).toMatch(/^192\.0\.2\.21:400\d\d \d SYN unanswered$/);
        expect(dataSyns(run, 'server')).toEqual(client);
      },
      'the client gives up, sends LIST anyway, reads 425, QUITs': (run) => {
        expect(commands(run).slice(-2)).toEqual(['LIST', 'QUIT']);
        expect(replies(run).slice(-2)).toEqual(['425 Failed to establish connection.', '221 Goodbye.']);
      },
    },
  },
  {
    name: 'ftps-passive-servernat-helper-fail',
    shows:
      'server behind NAT with the helper: the router cannot rewrite the 227; the client dials the private address, which vanishes',
    scenario: { mode: 'passive', serverNat: 'private', helper: true, tls: 'explicit' },
    expected: 'failed',
    reality: {
      'the helper expects nothing': noExpectation,
      'the 227 arrives unrewritten, with 172.16.0.21': (run) => {
        expect(replies(run)).toContainEqual(
          expect.stringMatching(/^227 Entering Passive Mode \(172,16,0,21,156,\d+\)\.$/),
        );
      },
      'the SYNs to 172.16.0.21 leave the client and never reach the server': (run) => {
        expect(dataSyns(run, 'client')).toEqual([
          expect.stringMatching(/^172\.16\.0\.21:400\d\d \d SYN unanswered$/),
        ]);
        expect(dataSyns(run, 'server')).toEqual([]);
      },
    },
  },
  {
    name: 'ftps-passive-serverfw-range-success',
    shows: 'server firewall with the passive range open: no helper needed, so TLS changes nothing',
    scenario: { mode: 'passive', serverFirewall: 'port21+range', tls: 'explicit' },
    expected: 'success',
  },
  {
    name: 'ftps-curl-epsv-serverfw-helper-fail',
    shows:
      'curl EPSV through a server firewall relying on the helper: SYNs dropped until --connect-timeout, PASV, exit 28',
    scenario: { mode: 'epsv', serverFirewall: 'port21', helper: true, tls: 'explicit' },
    client: { kind: 'curl', options: [] },
    expected: 'failed',
    reality: {
      'the helper expects nothing': noExpectation,
      'curl’s data SYNs to the 229’s port are dropped by the server’s INPUT, unanswered': (run) => {
        const client = dataSyns(run, 'client');
        expect(client).toEqual([expect.stringMatching(/^192\.0\.2\.21:400\d\d \d SYN unanswered$/)]);
        expect(dataSyns(run, 'server')).toEqual(client);
      },
      'curl falls back to PASV when its time-out is spent, reads the 227 and closes without QUIT': (run) => {
        expect(commands(run)).toEqual([...CURL_LOGIN, 'EPSV', 'PASV']);
      },
      'exit 28 “Connection time-out”': exitedWith(28, /^curl: \(28\) Connection time-out$/),
    },
  },
  {
    name: 'ftps-curl-epsv-servernat-helper-fail',
    shows:
      'curl behind a server NAT relying on the helper: the router’s own stack refuses EPSV’s port and then PASV’s, exit 7',
    scenario: { mode: 'epsv', serverNat: 'private', helper: true, tls: 'explicit' },
    client: { kind: 'curl', options: [] },
    expected: 'failed',
    reality: {
      'the helper expects nothing': noExpectation,
      'both data connections refused by 203.0.113.2': (run) => {
        expect(dataSyns(run, 'client').map((d) => d.replace(/:\d+ /, ':port '))).toEqual([
          '203.0.113.2:port 1 SYN refused',
          '203.0.113.2:port 1 SYN refused',
        ]);
        expect(commands(run)).toEqual([...CURL_LOGIN, 'EPSV', 'PASV']);
      },
      'exit 7 naming port 21': exitedWith(
        7,
        /^curl: \(7\) Failed to connect to 203\.0\.113\.2 port 21 after \d+ ms: Couldn't connect to server$/,
      ),
    },
  },
];

const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {};

labSuite(CASES, KNOWN_DISAGREEMENTS);
