/**
 * The real captures in shared/captures (vsftpd 3.0.3 through Linux netfilter, see its README) imported as
 * the app and the command line import them: every command and reply, in the frame tshark finds it in;
 * every data connection's ports; the outcome, where the capture was taken, the findings; and the
 * inferred scenario, which the engine accepts and which, simulated, ends the same way.
 *
 * Needs tshark (TSHARK=path overrides the one on PATH); without it these tests fail, they are not skipped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPacketEvent, simulate } from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { importCapture } from '../../src/import/captureImport';

const TSHARK = process.env.TSHARK ?? 'tshark';
const CAPTURES = path.resolve(__dirname, '../../../shared/captures');

function tshark(file: string, filter: string, fields: string[]): string[][] {
  const out = execFileSync(
    TSHARK,
    [
      '-r',
      file,
      '-n',
      '-Y',
      filter,
      '-T',
      'fields',
      '-E',
      'separator=|',
      ...fields.flatMap((f) => ['-e', f]),
    ],
    {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('|'));
}

const CASES = [
  { name: 'active-nofw-success', outcome: 'success', findings: { client: [], server: [] } },
  { name: 'passive-nofw-success', outcome: 'success', findings: { client: [], server: [] } },
  {
    name: 'active-clientfw-stateful-fail',
    outcome: 'failed',
    findings: {
      client: ['synUnansweredHere', 'reply425Active'],
      server: ['synUnansweredAway', 'reply425Active'],
    },
  },
  {
    name: 'passive-serverfw-port21-fail',
    outcome: 'failed',
    findings: {
      client: ['synUnansweredAway', 'reply425Passive'],
      server: ['synUnansweredHere', 'reply425Passive'],
    },
  },
] as const;

describe.each(CASES)('reference capture $name', (c) => {
  describe.each(['client', 'server'] as const)('captured at the %s', (point) => {
    const file = path.join(CAPTURES, `${c.name}-${point}.pcap`);
    const imported = importCapture(new Uint8Array(readFileSync(file)));

    it('holds the commands and replies tshark finds, in the same frames', async () => {
      const { session } = await imported;
      const ours = session.events.flatMap((e) =>
        e.kind === 'ftp/command-sent'
          ? [[String(e.packet.captured?.frame), e.command.verb, e.command.argument ?? '', '', ''].join('|')]
          : e.kind === 'ftp/reply-sent'
            ? [[String(e.packet.captured?.frame), '', '', String(e.reply.code), e.reply.text].join('|')]
            : [],
      );
      const theirs = tshark(file, 'ftp', [
        'frame.number',
        'ftp.request.command',
        'ftp.request.arg',
        'ftp.response.code',
        'ftp.response.arg',
      ]).map((r) => r.join('|'));
      expect(ours).toEqual(theirs);
    });

    it('opens the data connection with the SYNs tshark finds, from the same ports', async () => {
      const { session } = await imported;
      const ours = session.events.flatMap((e) =>
        isPacketEvent(e) && e.packet.conn !== 'control' && e.packet.segment.flags.syn
          ? [
              [
                e.packet.captured?.frame,
                e.packet.segment.src.port,
                e.packet.segment.dst.port,
                e.packet.segment.flags.ack ? 'SA' : 'S',
              ].join(' '),
            ]
          : [],
      );
      const theirs = tshark(file, 'tcp.flags.syn==1 && !(tcp.port==21)', [
        'frame.number',
        'tcp.srcport',
        'tcp.dstport',
        'tcp.flags.ack',
      ]).map(([n, s, d, a]) => [n, s, d, a === '1' || a === 'True' ? 'SA' : 'S'].join(' '));
      expect(ours).toEqual(theirs);
      expect(ours.length).toBeGreaterThan(0);
    });

    it(`ends with ${c.outcome}, knows it was captured at the ${point}, and says what it infers`, async () => {
      const { session, overview } = await imported;
      expect(overview.sessions).toHaveLength(1);
      expect(session.outcome).toBe(c.outcome);
      expect(session.capturePoint).toBe(point);
      expect(session.findings.map((f) => f.kind)).toEqual(
        Array.isArray(c.findings) ? c.findings : c.findings[point],
      );
      expect(session.findings.every((f) => f.inferred)).toBe(true);
      expect(session.transfers.map((t) => t.command)).toEqual(['LIST']);
    });

    it('infers a scenario the engine accepts, and simulating it ends the same way', async () => {
      const { session } = await imported;
      const parsed = parseScenario(session.scenario);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const sim = simulate(parsed.scenario);
      expect(sim.outcome).toBe(session.outcome);
      expect(sim.transfers.map((t) => [t.command, t.outcome, t.replyCodes])).toEqual(
        session.transfers.map((t) => [t.command, t.outcome, t.replyCodes]),
      );
    });
  });
});
