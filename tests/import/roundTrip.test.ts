/**
 * Round trip: every scenario of the engine's matrix (`scenarioMatrix`: every mode, firewall, NAT, helper,
 * data-port and network option), simulated, exported as .pcap and as .pcapng at the client and at the
 * server, and imported back, gives what the simulation showed at that capture point: the same commands
 * and replies in the same order, the same data connections between the same endpoints, the same transfers
 * (command, outcome, reply codes) and the same outcome.
 */
import { describe, expect, it } from 'vitest';
import {
  commandLine,
  isPacketEvent,
  scenarioMatrix,
  simulate,
  type HostId,
  type Simulation,
  type StepEvent,
} from '../../src/engine';
import { parseScenario } from '../../src/engine/validation';
import { exportPcap } from '../../src/export/pcap';
import { exportPcapng } from '../../src/export/pcapng';
import { importCapture } from '../../src/import/captureImport';

const matrix = scenarioMatrix().map((input) => {
  const parsed = parseScenario({
    ...input,
    commands: [
      { verb: 'LIST' },
      { verb: 'RETR', file: 'hello.txt' },
      { verb: 'STOR', file: 'up.txt', size: 3000 },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
});

/** What one capture point shows of a simulation, in capture order. */
function expected(sim: Simulation, point: HostId) {
  const seen = sim.events
    .flatMap((e) => {
      const view = isPacketEvent(e) ? e.packet.views[point] : undefined;
      return isPacketEvent(e) && view ? [{ e, view }] : [];
    })
    .sort((a, b) => a.view.at - b.view.at);
  const dialogue = seen.flatMap(({ e, view }) =>
    e.kind === 'ftp/command-sent'
      ? [`> ${view.segment.payload.trim()}`]
      : e.kind === 'ftp/reply-sent'
        ? [`< ${view.segment.payload.trim()}`]
        : [],
  );
  const connections = new Map<string, string>();
  for (const { e, view } of seen) {
    const s = view.segment;
    if (e.packet.conn === 'control' || !s.flags.syn || s.flags.ack || connections.has(e.packet.conn))
      continue;
    connections.set(e.packet.conn, `${s.src.ip}:${s.src.port} > ${s.dst.ip}:${s.dst.port}`);
  }
  return { dialogue, connections: [...connections.values()] };
}

function imported(events: readonly StepEvent[]) {
  const dialogue = events.flatMap((e) =>
    e.kind === 'ftp/command-sent'
      ? [`> ${commandLine(e.command).trim()}`]
      : e.kind === 'ftp/reply-sent'
        ? [`< ${e.reply.code} ${e.reply.text}`]
        : [],
  );
  const connections = new Map<string, string>();
  for (const e of events) {
    if (!isPacketEvent(e) || e.packet.conn === 'control') continue;
    const s = e.packet.segment;
    if (!s.flags.syn || s.flags.ack || connections.has(e.packet.conn)) continue;
    connections.set(e.packet.conn, `${s.src.ip}:${s.src.port} > ${s.dst.ip}:${s.dst.port}`);
  }
  return { dialogue, connections: [...connections.values()] };
}

const transfers = (list: Simulation['transfers']) =>
  list.map((t) => [t.command, t.outcome, t.replyCodes.join(' ')].join(' / '));

describe('every engine scenario, exported and imported back', () => {
  it(`${matrix.length} scenarios × client and server × pcap and pcapng`, async () => {
    const problems: string[] = [];
    for (const scenario of matrix) {
      const sim = simulate(scenario);
      for (const point of ['client', 'server'] as const) {
        const want = expected(sim, point);
        for (const [format, bytes] of [
          ['pcap', exportPcap(sim.events, point)],
          ['pcapng', exportPcapng(sim.events, point)],
        ] as const) {
          const name = `${JSON.stringify({ ...scenario, server: undefined, client: scenario.client.dataPort })} @ ${point} (${format})`;
          const { session } = await importCapture(bytes);
          const got = imported(session.events);
          const check = (what: string, a: unknown, b: unknown) => {
            if (JSON.stringify(a) !== JSON.stringify(b))
              problems.push(
                `${name}: ${what}\n  engine:   ${JSON.stringify(b)}\n  imported: ${JSON.stringify(a)}`,
              );
          };
          check('dialogue', got.dialogue, want.dialogue);
          check('data connections', got.connections, want.connections);
          // A set-up the server refused (500 to PORT) never shows the transfer command the client meant.
          const meant = session.transfers.map((t, i) =>
            t.reason === 'port-rejected' && /^(PORT|EPRT) /.test(t.command)
              ? { ...t, command: sim.transfers[i]?.command ?? t.command }
              : t,
          );
          check('transfers', transfers(meant), transfers(sim.transfers));
          check('outcome', session.outcome, sim.outcome);
          check('capture point', session.capturePoint, point);
        }
      }
    }
    const kinds = new Map<string, number>();
    for (const p of problems) {
      const what = /: (dialogue|data connections|transfers|outcome|capture point)\n/.exec(p)?.[1] ?? '?';
      kinds.set(what, (kinds.get(what) ?? 0) + 1);
    }
    expect({ kinds: Object.fromEntries(kinds), first: problems.slice(0, 6) }).toEqual({
      kinds: {},
      first: [],
    });
  }, 600_000);
});
