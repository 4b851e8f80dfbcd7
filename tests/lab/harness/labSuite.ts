import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostId, Scenario, ScenarioInput, Simulation } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import type { CapturedPacket } from '../../../src/import/captureReader';
import {
  alignPackets,
  dataConnections,
  dialogue,
  engineExpectations,
  expectationLines,
  outcome,
  packetsThatMatter,
  pairByKind,
  withoutRacedTlsGoodbye,
  type PacketLine,
  timedGaps,
  CURL_POLL_US,
} from './compare';
import { clientAddresses } from './addresses';
import { engineCapture, simulateLikeLab } from './engine';
import { checkLabCanRun } from './preflight';
import { readEngineTls, readRealTls, type TlsReading } from './tls';
import { cleanUpEverything, installCleanupHandlers } from './processes';
import { runLabSession, type LabClient, type LabRun } from './session';
import type { ClientBehaviour } from './clients';

/** One real session and the engine's simulation of it. */
export interface LabCase {
  /** `mode-setup-outcome`, e.g. `passive-serverfw-port21-fail`. */
  readonly name: string;
  /** The outcome class this case stands for, in words. */
  readonly shows: string;
  /** The engine's scenario; the lab builds the same network, firewalls, NAT, helper and server from it. */
  readonly scenario: ScenarioInput;
  /** What the real session must end in (checks the lab itself, before the engine is compared with it). */
  readonly expected: 'success' | 'failed';
  readonly client?: LabClient;
  /** Facts about the real session itself (what the lab measured), checked whatever the engine says. */
  readonly reality?: Readonly<Record<string, (run: LabRun) => void>>;
}

/**
 * The settings every case shares unless it says otherwise: the reference captures' (shared/captures), except
 * the two connect time-outs. Unanswered SYNs go out at about 0, 1, 2, 3, 4.1, 5.1, 7.1 s; the captures' 5 s
 * falls 0.1 s before the sixth, so a client or vsftpd a little late on a busy machine sends one more SYN than
 * the engine. 6 s sits a second away from both neighbours.
 */
const COMMON: ScenarioInput = {
  client: { dataPort: 'realistic', connectTimeout: 6 },
  // vsftpd's session timers: short enough that nothing lingers, long enough never to fire in a case that is
  // not about them.
  server: { connectTimeout: 6, acceptTimeout: 5, idleTimeout: 12, dataTimeout: 12 },
};
/** Sessions at once: each mostly waits on timers, so this stays well within 2 cores. */
const CONCURRENT_SESSIONS = 6;
const SESSION_TIMEOUT_MS = 45_000;

export const CHECKS = {
  outcome: 'outcome',
  dialogue: 'replies and commands, codes and texts, in order',
  data: 'who opens each data connection, from which port to which address',
  packets: 'every segment but pure ACKs, in order',
  timing: 'retransmission and time-out gaps within 5 %',
  expectations: 'which boxes expect which data connections (the FTP helper, conntrack -E expect)',
  records:
    'TLS records each side sent on each connection, segment by segment, by what they carry (lengths not compared)',
} as const;
type Check = keyof typeof CHECKS;

/**
 * Under explicit FTPS the checks read each capture's plaintext view (harness/tls.ts): the real one decrypted
 * with the client's key log, the engine's from what it knows it sent. Their titles say what that changes.
 */
const TLS_CHECKS: Readonly<Partial<Record<Check, string>>> = {
  dialogue: 'replies and commands inside TLS (decrypted), codes and texts, in order',
  data: 'who opens each data connection, from which port to which address (bytes: the plaintext inside TLS)',
  packets:
    'every segment but pure ACKs, in order (the two FINs of a connection race), each TLS segment read as the FTP line or data bytes it carries (handshake-only segments left out, record and handshake sizes not compared)',
  timing: 'retransmission and time-out gaps within 5 % (handshake-only segments left out)',
};

/** The lab's scripted client (tests/lab/client/ftp_client.py) behaving as the scenario's client does. */
const SCRIPTED: Record<Scenario['client']['pause'], ClientBehaviour> = {
  none: 'normal',
  'after-login': 'idle',
  'during-upload': 'stall',
};

/**
 * TLS record lines grouped by connection and sender, each sender's in its own order: which side's segment
 * passes the other's on the wire is a race (the classic client's USER and vsftpd's first session ticket cross
 * in one run of two); the order of the FTP lines between the two sides is the packet check's.
 */
function byDirection(lines: readonly string[]): string[] {
  const key = (l: string): string => l.slice(0, l.indexOf(':'));
  const keys = [...new Set(lines.map(key))].sort();
  return keys.flatMap((k) => lines.filter((l) => key(l) === k));
}

/** The packets the packet and timing checks compare: under TLS, less a goodbye whose ending raced (compare.ts). */
function comparable(
  underTls: boolean,
  real: readonly CapturedPacket[],
  engine: readonly CapturedPacket[],
): { readonly real: readonly PacketLine[]; readonly engine: readonly PacketLine[] } {
  const lines = { real: packetsThatMatter(real), engine: packetsThatMatter(engine) };
  return underTls ? withoutRacedTlsGoodbye(lines.real, lines.engine) : lines;
}

export function scenarioOf(c: LabCase): Scenario {
  const input: ScenarioInput = {
    ...COMMON,
    ...c.scenario,
    // The engine runs the program the lab runs.
    client: {
      ...COMMON.client,
      ...c.scenario.client,
      program: c.client?.kind === 'curl' ? 'curl' : 'classic',
    },
    server: { ...COMMON.server, ...c.scenario.server },
  };
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`${c.name}: invalid scenario ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

/**
 * Registers one file's lab cases: runs every real session first (a few at a time, each in its own
 * namespaces), then one test per check, per capture point. A check named in `disagreements`
 * (`case/check` or `case/view/check`) is the engine's known disagreement with reality: it runs as `it.fails`
 * so the suite turns red once the engine is fixed and the entry must go.
 */
export function labSuite(cases: readonly LabCase[], disagreements: Readonly<Record<string, string>>): void {
  installCleanupHandlers();
  const runs = new Map<string, LabRun | Error>();
  const sims = new Map<string, Simulation>();
  const readings = new Map<string, TlsReading>();

  beforeAll(async () => {
    await checkLabCanRun();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const c = cases[next++] as LabCase;
        try {
          runs.set(
            c.name,
            await runLabSession({
              scenario: scenarioOf(c),
              client: c.client ?? { kind: 'scripted', behaviour: SCRIPTED[scenarioOf(c).client.pause] },
              timeoutMs: SESSION_TIMEOUT_MS,
            }),
          );
        } catch (error) {
          runs.set(c.name, error as Error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_SESSIONS, cases.length) }, worker));
  }, 4 * SESSION_TIMEOUT_MS);

  afterAll(cleanUpEverything);

  const labRun = (c: LabCase): LabRun => {
    const r = runs.get(c.name);
    if (r === undefined) throw new Error(`${c.name}: the lab session did not run`);
    if (r instanceof Error) throw r;
    return r;
  };
  const tls = (c: LabCase): boolean => scenarioOf(c).tls === 'explicit';
  const cached = <T>(map: Map<string, T>, key: string, make: () => T): T => {
    if (!map.has(key)) map.set(key, make());
    return map.get(key) as T;
  };
  /** The real TLS session read with the client's key log. */
  const realTls = (c: LabCase, view: HostId): TlsReading =>
    cached(readings, `${c.name}/real/${view}`, () =>
      readRealTls(labRun(c).captures[view], labRun(c).keyLog ?? ''),
    );
  /** What the checks read of a real capture: the capture itself, or under TLS its plaintext view. */
  const real = (c: LabCase, view: HostId): readonly CapturedPacket[] =>
    tls(c) ? realTls(c, view).plain : labRun(c).captures[view];
  const engineRun = (c: LabCase): Simulation =>
    cached(sims, c.name, () =>
      simulateLikeLab(scenarioOf(c), {
        ...labRun(c),
        captures: { client: real(c, 'client'), server: real(c, 'server') },
      }),
    );
  const engineTls = (c: LabCase, view: HostId): TlsReading =>
    cached(readings, `${c.name}/engine/${view}`, () =>
      readEngineTls(engineRun(c), view, engineCapture(engineRun(c), view)),
    );
  const engine = (c: LabCase, view: HostId): readonly CapturedPacket[] =>
    tls(c) ? engineTls(c, view).plain : engineCapture(engineRun(c), view);

  for (const c of cases) {
    describe(`${c.name}: ${c.shows}`, () => {
      const check = (name: Check, view: HostId | undefined, fn: () => void): void => {
        const disagreement =
          disagreements[view ? `${c.name}/${view}/${name}` : `${c.name}/${name}`] ??
          disagreements[`${c.name}/${name}`];
        const title = `${view ? `${view} view: ` : ''}${(tls(c) && TLS_CHECKS[name]) || CHECKS[name]}`;
        if (disagreement) it.fails(`${title} [engine disagrees: ${disagreement}]`, fn);
        else it(title, fn);
      };

      it(`the real session ends ${c.expected}`, () => {
        const client = real(c, 'client');
        expect(outcome(client), dialogue(client).join('\n')).toBe(c.expected);
      });

      for (const [fact, verify] of Object.entries(c.reality ?? {})) {
        it(`in reality, ${fact}`, () => verify(labRun(c)));
      }

      check('outcome', undefined, () => {
        expect(engineRun(c).outcome).toBe(outcome(real(c, 'client')));
      });

      if (scenarioOf(c).helper)
        check('expectations', undefined, () => {
          const clientSide = clientAddresses(scenarioOf(c));
          expect(engineExpectations(engineRun(c), clientSide)).toEqual(
            expectationLines(labRun(c).expectations, clientSide),
          );
        });

      for (const view of ['client', 'server'] as const) {
        const both = (): { real: readonly CapturedPacket[]; engine: readonly CapturedPacket[] } => ({
          real: real(c, view),
          engine: engine(c, view),
        });
        if (tls(c))
          check('records', view, () => {
            expect(byDirection(engineTls(c, view).records)).toEqual(byDirection(realTls(c, view).records));
          });
        check('dialogue', view, () => {
          const { real, engine } = both();
          expect(dialogue(engine)).toEqual(dialogue(real));
        });
        check('data', view, () => {
          const { real, engine } = both();
          expect(dataConnections(engine)).toEqual(dataConnections(real));
        });
        check('packets', view, () => {
          const { real, engine } = both();
          const lines = comparable(tls(c), real, engine);
          const aligned = alignPackets(lines.real, lines.engine, { tls: tls(c) });
          const timed = packetsThatMatter(real)
            .map((l) => `${(l.at / 1e6).toFixed(6)} ${l.text}`)
            .join('\n');
          expect(aligned.engine, `the real capture (s since its first packet):\n${timed}\n`).toEqual(
            aligned.real,
          );
        });
        check('timing', view, () => {
          const { real, engine } = both();
          const lines = comparable(tls(c), real, engine);
          const pairs = pairByKind(lines.real, lines.engine);
          if (!pairs)
            throw new Error('the two sides hold different packets (see the packet check): nothing to time');
          const lateBy = c.client?.kind === 'curl' ? CURL_POLL_US : 0;
          expect(timedGaps(pairs, { lateBy }).filter((g) => g.includes('≠'))).toEqual([]);
        });
      }
    });
  }
}
