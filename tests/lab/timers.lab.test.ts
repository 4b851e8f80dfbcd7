/**
 * vsftpd's session timers: idle_session_timeout (no command for too long) and data_connection_timeout (a
 * transfer that makes no progress). The lab's client provokes each (tests/lab/client/ftp_client.py: `idle`,
 * `stall`); what the real server does is checked as it is, and the engine, which models neither timer nor a
 * client that waits, is compared with it (see tests/lab/README.md).
 */
import { expect } from 'vitest';
import { extractFtpTrace, type FtpReplyLine } from '../../src/import/ftpTrace';
import { packetsThatMatter } from './harness/compare';
import { labSuite, CHECKS, type LabCase } from './harness/labSuite';
import type { LabRun } from './harness/session';

const IDLE_S = 3;
const DATA_S = 3;
const UPLOAD = { verb: 'STOR', file: 'upload.bin', size: 3000 } as const;

function reply(run: LabRun, view: 'client' | 'server', code: number): FtpReplyLine {
  const found = extractFtpTrace(run.captures[view]).dialogue.find(
    (l): l is FtpReplyLine => l.kind === 'reply' && l.code === code,
  );
  if (!found) throw new Error(`no ${code} reply on the ${view}'s interface`);
  return found;
}

/** What each side sent from `at` on (server's interface): `server control FIN`, `client data RST`, … */
function afterwards(run: LabRun, at: number): string[] {
  return packetsThatMatter(run.captures.server)
    .filter((l) => l.at >= at)
    .map(
      (l) => `${l.fromServer ? 'server' : 'client'} ${l.conn === 'control' ? 'control' : 'data'} ${l.what}`,
    );
}

const withinFivePercent = (seconds: number, expected: number): void => {
  expect(Math.abs(seconds - expected)).toBeLessThanOrEqual(0.05 * expected);
};

const CASES: readonly LabCase[] = [
  {
    name: 'passive-idle-timeout',
    shows: `a client that logs in and says nothing: 421 Timeout. after idle_session_timeout (${IDLE_S} s)`,
    scenario: { mode: 'passive' },
    expected: 'failed',
    client: { kind: 'scripted', behaviour: 'idle' },
    timers: { idleSessionTimeout: IDLE_S, dataConnectionTimeout: 12 },
    reality: {
      [`vsftpd replies 421 Timeout. ${IDLE_S} s after its last reply (230)`]: (run) => {
        const timeout = reply(run, 'server', 421);
        expect(timeout.text).toBe('Timeout.');
        withinFivePercent((timeout.at - reply(run, 'server', 230).at) / 1e6, IDLE_S);
      },
      'then vsftpd closes the control connection (FIN), and the client closes its end; no RST': (run) => {
        expect(afterwards(run, reply(run, 'server', 421).at)).toEqual([
          'server control 421 Timeout.',
          'server control FIN',
          'client control FIN',
        ]);
      },
    },
  },
  {
    name: 'passive-stor-stall-timeout',
    shows: `an upload whose client sends nothing: 421 after data_connection_timeout (${DATA_S} s)`,
    scenario: { mode: 'passive', commands: [UPLOAD] },
    expected: 'failed',
    client: { kind: 'scripted', behaviour: 'stall' },
    timers: { idleSessionTimeout: 12, dataConnectionTimeout: DATA_S },
    reality: {
      [`vsftpd closes the data connection ${DATA_S} s after 150, then replies 421 Data timeout. Reconnect. Sorry.`]:
        (run) => {
          const timeout = reply(run, 'server', 421);
          expect(timeout.text).toBe('Data timeout. Reconnect. Sorry.');
          withinFivePercent((timeout.at - reply(run, 'server', 150).at) / 1e6, DATA_S);
          expect(afterwards(run, timeout.at - 50_000).slice(0, 2)).toEqual([
            'server data FIN',
            'server control 421 Data timeout. Reconnect. Sorry.',
          ]);
        },
    },
  },
  {
    name: 'active-stor-stall-timeout',
    shows: 'the same in active mode',
    scenario: { mode: 'active', commands: [UPLOAD] },
    expected: 'failed',
    client: { kind: 'scripted', behaviour: 'stall' },
    timers: { idleSessionTimeout: 12, dataConnectionTimeout: DATA_S },
    reality: {
      [`vsftpd closes the data connection ${DATA_S} s after 150, then replies 421 Data timeout. Reconnect. Sorry.`]:
        (run) => {
          const timeout = reply(run, 'server', 421);
          withinFivePercent((timeout.at - reply(run, 'server', 150).at) / 1e6, DATA_S);
          expect(afterwards(run, timeout.at - 50_000).slice(0, 2)).toEqual([
            'server data FIN',
            'server control 421 Data timeout. Reconnect. Sorry.',
          ]);
        },
    },
  },
];

// The engine has neither vsftpd timer (idle_session_timeout, data_connection_timeout) nor a client that waits
// after login or stalls a transfer: it simulates these scenarios as ordinary sessions that succeed. Every
// comparison therefore disagrees until the scenario can say "idle" and "stall" and the engine models the
// timers; then these cases' scenarios carry them and the entries go.
const NO_TIMERS = 'the engine models neither vsftpd timer nor a client that waits';
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = Object.fromEntries(
  CASES.flatMap((c) => Object.keys(CHECKS).map((check) => [`${c.name}/${check}`, NO_TIMERS])),
);

labSuite(CASES, KNOWN_DISAGREEMENTS);
