import { describe, expect, it } from 'vitest';
import {
  classicComparison,
  modeComparison,
  scenarioMatrix,
  SESSION_PHASES,
  sessionPhases,
  simulate,
  summarizeEvent,
  type ScenarioInput,
  type SessionPhase,
  type StepEvent,
} from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';

function run(input: ScenarioInput) {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return simulate(r.scenario);
}

/** Each event's summary line with its phase, e.g. `data 1 | 0.008456 data-1 172.16.0.21:20 > …`. */
function phased(events: readonly StepEvent[]): string[] {
  const phases = sessionPhases(events);
  return events.map((e, i) => `${phases[i]?.phase} ${phases[i]?.transfer} | ${summarizeEvent(e).trim()}`);
}

function phaseOf(events: readonly StepEvent[], match: (e: StepEvent) => boolean): SessionPhase | undefined {
  const i = events.findIndex(match);
  return i < 0 ? undefined : sessionPhases(events)[i];
}

const command = (verb: string) => (e: StepEvent) => e.kind === 'ftp/command-sent' && e.command.verb === verb;
const reply = (code: number) => (e: StepEvent) => e.kind === 'ftp/reply-sent' && e.reply.code === code;
const dataSyn = (e: StepEvent) =>
  'packet' in e && e.packet.conn !== 'control' && e.packet.segment.flags.syn && !e.packet.segment.flags.ack;

/** (transfer, phase) as one number that must never go down. */
const rank = (p: SessionPhase) => p.transfer * SESSION_PHASES.length + SESSION_PHASES.indexOf(p.phase);

describe('sessionPhases', () => {
  it('active mode: login, then PORT, the server connecting back after LIST, the listing, the end', () => {
    const { events } = run({});
    expect(phaseOf(events, command('USER'))).toEqual({ phase: 'control', transfer: 0 });
    expect(phaseOf(events, command('TYPE'))).toEqual({ phase: 'control', transfer: 0 });
    // The client listens on its data port before it announces it.
    expect(phaseOf(events, (e) => e.kind === 'socket/listening' && e.host === 'client')).toEqual({
      phase: 'mode',
      transfer: 1,
    });
    expect(phaseOf(events, command('PORT'))).toEqual({ phase: 'mode', transfer: 1 });
    expect(phaseOf(events, reply(200))?.phase).toBe('control'); // TYPE's 200 comes first
    // LIST is what makes the server connect back: the data connection's story starts there.
    expect(phaseOf(events, command('LIST'))).toEqual({ phase: 'data', transfer: 1 });
    expect(phaseOf(events, dataSyn)).toEqual({ phase: 'data', transfer: 1 });
    expect(phaseOf(events, reply(150))).toEqual({ phase: 'transfer', transfer: 1 });
    expect(phaseOf(events, reply(226))).toEqual({ phase: 'transfer', transfer: 1 });
    expect(phaseOf(events, command('QUIT'))).toEqual({ phase: 'end', transfer: 2 });
    expect(sessionPhases(events).at(-1)).toEqual({ phase: 'end', transfer: 2 });
    // The handshake's last ACK closes the data phase; what follows is the transfer.
    const lines = phased(events);
    const handshakeAck = lines.findIndex((l) => /^data 1 .*data-1 .*\[ACK\]/.test(l));
    expect(handshakeAck).toBeGreaterThan(0);
    expect(lines[handshakeAck + 1]).toMatch(/^transfer 1 /);
  });

  it('passive mode: PASV and 227, the client connecting, then LIST in the transfer', () => {
    const { events } = run({ mode: 'passive' });
    expect(phaseOf(events, command('PASV'))).toEqual({ phase: 'mode', transfer: 1 });
    expect(
      phaseOf(events, (e) => e.kind === 'socket/listening' && e.host === 'server' && e.conn !== 'control'),
    ).toEqual({ phase: 'mode', transfer: 1 });
    expect(phaseOf(events, reply(227))).toEqual({ phase: 'mode', transfer: 1 });
    expect(phaseOf(events, dataSyn)).toEqual({ phase: 'data', transfer: 1 });
    expect(phaseOf(events, command('LIST'))).toEqual({ phase: 'transfer', transfer: 1 });
  });

  it('a dropped data connection: every attempt and the time-out in the data phase, the 425 in the transfer', () => {
    const { events } = run({ clientFirewall: 'stateful', server: { connectTimeout: 3 } });
    const phases = sessionPhases(events);
    const attempts = events.filter(dataSyn);
    expect(attempts.length).toBeGreaterThan(1);
    for (const e of attempts) expect(phases[e.index]).toEqual({ phase: 'data', transfer: 1 });
    for (const e of events.filter((x) => x.kind === 'fw/verdict' && x.conn !== 'control'))
      expect(phases[e.index]?.phase).toBe('data');
    expect(phaseOf(events, (e) => e.kind === 'timer/expired')?.phase).toBe('data');
    expect(phaseOf(events, reply(425))).toEqual({ phase: 'transfer', transfer: 1 });
  });

  it('numbers the transfers of a session with several commands', () => {
    const { events } = run({
      mode: 'passive',
      commands: [{ verb: 'LIST' }, { verb: 'RETR', file: 'hello.txt' }],
    });
    const phases = sessionPhases(events);
    const pasv = events.filter(command('PASV'));
    expect(pasv.map((e) => phases[e.index])).toEqual([
      { phase: 'mode', transfer: 1 },
      { phase: 'mode', transfer: 2 },
    ]);
    expect(phaseOf(events, command('RETR'))).toEqual({ phase: 'transfer', transfer: 2 });
    expect(phases.at(-1)).toEqual({ phase: 'end', transfer: 3 });
  });

  it('in every combination of options: one phase per event, only ever moving forward, control first and end last', () => {
    for (const input of scenarioMatrix()) {
      const { events } = run(input);
      const phases = sessionPhases(events);
      expect(phases).toHaveLength(events.length);
      expect(phases[0]).toEqual({ phase: 'control', transfer: 0 });
      expect(phases.at(-1)?.phase).toBe('end');
      for (let i = 1; i < phases.length; i++) {
        const before = phases[i - 1] as SessionPhase;
        const now = phases[i] as SessionPhase;
        if (rank(now) < rank(before))
          throw new Error(
            `${JSON.stringify(input)}: phase goes back at\n${phased(events)
              .slice(i - 1, i + 1)
              .join('\n')}`,
          );
      }
      // A mode command always opens its transfer's mode phase, and a data SYN is always in a data phase.
      for (const e of events) {
        if (e.kind === 'ftp/command-sent' && ['PORT', 'EPRT', 'PASV', 'EPSV'].includes(e.command.verb))
          expect(phases[e.index]?.phase).toBe('mode');
        if (dataSyn(e)) expect(phases[e.index]?.phase).toBe('data');
      }
    }
  });
});

describe('classicComparison', () => {
  it('gives the textbook answers: the server connects back in active mode, the client connects in passive', () => {
    expect(classicComparison('active')).toEqual([
      { row: 'opener', opener: 'server' },
      { row: 'serverDataPort', port: 20 },
      { row: 'clientMustAccept', accepts: 'incoming' },
      { row: 'firewallTrouble', frequency: 'frequent' },
      { row: 'recommended', recommended: false },
    ]);
    expect(classicComparison('epsv')).toEqual([
      { row: 'opener', opener: 'client' },
      { row: 'serverDataPort', port: 'announced' },
      { row: 'clientMustAccept', accepts: 'nothing' },
      { row: 'firewallTrouble', frequency: 'rare' },
      { row: 'recommended', recommended: true },
    ]);
    expect(classicComparison('eprt')).toEqual(classicComparison('active'));
  });

  it('agrees with what an open network shows, row by row', () => {
    for (const mode of ['active', 'passive', 'eprt', 'epsv'] as const) {
      const sim = run({ mode });
      const shown = modeComparison(sim.events, mode);
      const classic = classicComparison(mode);
      const opener = shown.find((r) => r.row === 'opener');
      expect(classic).toContainEqual({
        row: 'opener',
        opener: opener?.row === 'opener' ? opener.opener : '',
      });
      const accept = shown.find((r) => r.row === 'clientMustAccept');
      expect(accept?.row === 'clientMustAccept' && accept.port !== undefined).toBe(
        classic.some((r) => r.row === 'clientMustAccept' && r.accepts === 'incoming'),
      );
      if (mode === 'active' || mode === 'eprt')
        expect(shown).toContainEqual(expect.objectContaining({ row: 'serverDataPort', port: 20 }));
    }
  });

  it('says, for the recommended mode, whether this session worked', () => {
    const works = modeComparison(run({ mode: 'passive' }).events, 'passive');
    expect(works.find((r) => r.row === 'recommended')).toMatchObject({ mode: 'passive', outcome: 'success' });
    const fails = modeComparison(
      run({ clientFirewall: 'stateful', server: { connectTimeout: 2 } }).events,
      'active',
    );
    expect(fails.find((r) => r.row === 'recommended')).toMatchObject({ mode: 'passive', outcome: 'failed' });
  });
});
