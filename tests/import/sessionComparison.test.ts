/**
 * "Simulate this scenario": a captured session against the simulation of the scenario it suggests, phase
 * by phase, and the first difference. The reference captures agree with their own inferred scenarios; a
 * scenario changed on purpose (no firewall, the other mode) parts from them exactly where it should.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPacketEvent, simulate, type Scenario, type StepEvent } from '../../src/engine';
import { parseScenario, type ScenarioInput } from '../../src/engine/validation';
import { exportPcap } from '../../src/export/pcap';
import { importCapture, type CapturedSession } from '../../src/import/captureImport';
import { compareSessions, observedFacts, phaseRank } from '../../src/import/sessionComparison';

const CAPTURES = path.resolve(__dirname, '../../../shared/captures');

async function captured(name: string): Promise<CapturedSession> {
  return (await importCapture(new Uint8Array(readFileSync(path.join(CAPTURES, name))))).session;
}

function scenario(input: ScenarioInput): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

const simulated = (input: ScenarioInput): readonly StepEvent[] => simulate(scenario(input)).events;

/** A copy of `events` with `extra` put in at `at`, every index renumbered. */
function inserted(events: readonly StepEvent[], at: number, extra: readonly StepEvent[]): StepEvent[] {
  return [...events.slice(0, at), ...extra, ...events.slice(at)].map((e, index) => ({ ...e, index }));
}

describe('a capture against the simulation of its own scenario', () => {
  const names = readdirSync(CAPTURES).filter((n) => n.endsWith('.pcap'));

  it.each(names)('%s: no difference in any phase', async (name) => {
    const session = await captured(name);
    const comparison = compareSessions(session.events, simulated(session.scenario));
    expect(comparison.firstDifference).toBeUndefined();
    // Every phase of either side is there once, in session order, covering its events without overlap.
    const ranks = comparison.phases.map((p) => phaseRank(p.phase));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(ranks.length);
    const covered = comparison.phases.flatMap(({ capture }) =>
      capture ? Array.from({ length: capture.to - capture.from + 1 }, (_, i) => capture.from + i) : [],
    );
    expect(covered).toEqual(session.events.map((e) => e.index));
  });
});

describe('the first difference', () => {
  it('is the data connection when the capture’s firewall is left out of the simulation', async () => {
    const session = await captured('active-clientfw-stateful-fail-client.pcap');
    const sim = simulated({ ...session.scenario, clientFirewall: 'none' });
    const difference = compareSessions(session.events, sim).firstDifference;
    expect(difference?.phase).toEqual({ phase: 'data', transfer: 1 });
    expect(difference?.capture.fact).toEqual({
      kind: 'connection',
      conn: 'data',
      opener: 'server',
      result: 'unanswered',
    });
    expect(difference?.simulation.fact).toEqual({
      kind: 'connection',
      conn: 'data',
      opener: 'server',
      result: 'established',
    });
    // Each side points at its data connection's first SYN.
    const syn = (events: readonly StepEvent[], i: number | undefined) => {
      const e = events[i ?? -1];
      return e?.kind === 'tcp/segment-sent' && e.packet.conn !== 'control' && e.packet.segment.flags.syn;
    };
    expect(syn(session.events, difference?.capture.index)).toBe(true);
    expect(syn(sim, difference?.simulation.index)).toBe(true);
  });

  it('is the mode command when the simulation uses the other mode', async () => {
    const session = await captured('active-nofw-success-server.pcap');
    const difference = compareSessions(
      session.events,
      simulated({ ...session.scenario, mode: 'passive' }),
    ).firstDifference;
    expect(difference?.phase).toEqual({ phase: 'mode', transfer: 1 });
    expect(difference?.capture.fact).toEqual({ kind: 'command', verb: 'PORT' });
    expect(difference?.simulation.fact).toEqual({ kind: 'command', verb: 'PASV' });
  });

  it('leaves out commands the engine never sends, and their replies', async () => {
    const session = await captured('passive-nofw-success-client.pcap');
    const sim = simulated(session.scenario);
    // A real client's SYST and the 215 that answers it, just after the login.
    const login = session.events.findIndex((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 230);
    const command = session.events.find((e) => e.kind === 'ftp/command-sent');
    const reply = session.events.find((e) => e.kind === 'ftp/reply-sent');
    if (command?.kind !== 'ftp/command-sent' || reply?.kind !== 'ftp/reply-sent')
      throw new Error('no dialogue');
    const withSyst = inserted(session.events, login + 1, [
      { ...command, command: { verb: 'SYST' } as never },
      { ...reply, reply: { code: 215, text: 'UNIX Type: L8' } },
    ]);
    expect(observedFacts(withSyst).map((f) => f.fact)).toEqual(
      observedFacts(session.events).map((f) => f.fact),
    );
    expect(compareSessions(withSyst, sim).firstDifference).toBeUndefined();
    // A command the engine does send is compared, even where nobody expects it.
    const withNoop = inserted(session.events, login + 1, [
      { ...command, command: { verb: 'TYPE' } as never },
    ]);
    expect(compareSessions(withNoop, sim).firstDifference?.capture.fact).toEqual({
      kind: 'command',
      verb: 'TYPE',
    });
  });

  it('points at the last event of the phase on the side that shows nothing more there', async () => {
    const session = await captured('passive-nofw-success-server.pcap');
    const sim = simulated(session.scenario);
    // The capture stops just after the 227 reply: its mode phase ends there, the simulation's goes on.
    const cut = session.events.findIndex((e) => e.kind === 'ftp/reply-sent' && e.reply.code === 227);
    const short = session.events.slice(0, cut + 1);
    const difference = compareSessions(short, sim).firstDifference;
    expect(difference?.phase.transfer).toBe(1);
    expect(difference?.capture).toEqual({ index: cut });
    expect(difference?.simulation.fact).toBeDefined();
  });

  it('finds nothing between a simulation and itself', () => {
    for (const mode of ['active', 'passive', 'eprt', 'epsv'] as const) {
      const events = simulated({ mode, clientFirewall: 'stateful' });
      expect(compareSessions(events, events).firstDifference).toBeUndefined();
    }
  });
});

describe('an IPv6 capture against the simulation of its own scenario', () => {
  // Simulated over IPv6, exported at the client, read back: the scenario it suggests is an IPv6 one.
  const cases: ScenarioInput[] = [
    { ipVersion: 6, mode: 'epsv' },
    { ipVersion: 6, mode: 'eprt', clientFirewall: 'stateful' },
    { ipVersion: 6, mode: 'epsv', serverFirewall: 'port21' },
  ];

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))(
    '%s: no difference in any phase',
    async (_, input) => {
      const original = simulate(scenario(input));
      const { session } = await importCapture(exportPcap(original.events, 'client'));
      const inferred = scenario(session.scenario);
      // The client's first SYN, as its own capture records it: the addresses the capture shows.
      const syn = original.events.find(isPacketEvent)?.packet.views.client?.segment;
      expect(inferred).toMatchObject({
        ipVersion: 6,
        client: { ip: syn?.src.ip },
        server: { ip: syn?.dst.ip },
      });
      expect(compareSessions(session.events, simulate(inferred).events).firstDifference).toBeUndefined();
      expect(session.outcome).toBe(original.outcome);
    },
  );
});
