/**
 * vsftpd's session timers: idle_session_timeout (no command for too long) and data_connection_timeout (a
 * transfer that makes no progress). The scenario's client provokes each (`client.pause`: the lab's scripted
 * client goes `idle` or `stalls`, tests/lab/client/ftp_client.py); what the real server does is checked as it
 * is, and the engine is compared with it packet by packet.
 */
import { expect } from 'vitest';
import { extractFtpTrace, type FtpReplyLine } from '../../src/import/ftpTrace';
import { packetsThatMatter } from './harness/compare';
import { labSuite, type LabCase } from './harness/labSuite';
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
    scenario: { mode: 'passive', client: { pause: 'after-login' }, server: { idleTimeout: IDLE_S } },
    expected: 'failed',
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
    scenario: {
      mode: 'passive',
      commands: [UPLOAD],
      client: { pause: 'during-upload' },
      server: { dataTimeout: DATA_S },
    },
    expected: 'failed',
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
    scenario: {
      mode: 'active',
      commands: [UPLOAD],
      client: { pause: 'during-upload' },
      server: { dataTimeout: DATA_S },
    },
    expected: 'failed',
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

labSuite(CASES, {});
