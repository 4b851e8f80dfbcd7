import { simulate, type HostId, type Scenario, type Simulation } from '../../../src/engine';
import { extractFtpTrace } from '../../../src/import/ftpTrace';
import { exportPcap } from '../../../src/export/pcap';
import { readCaptureBytes, type CapturedPacket } from '../../../src/import/captureReader';
import type { LabRun } from './session';

/**
 * How far the seed search goes before it gives up: one transfer over 10 passive ports matches within a few dozen
 * seeds; cases with several passive transfers use a smaller range.
 */
const SEEDS = 2000;

/**
 * The seed search misses with chance about e^(-SEEDS/combinations); a case whose port range and transfer count
 * make that more than 1 in 1000 is refused outright, so it fails on every run rather than on one in eight.
 */
const MAX_COMBINATIONS = Math.floor(SEEDS / 7);

/**
 * The engine's run of the session the lab just made: the same scenario, with what the real operating
 * systems chose filled in, where the engine can be told: the client's control port, and (through the seed,
 * the engine's only source of chance) the passive port vsftpd picked for each transfer. The client's own
 * ephemeral data ports cannot be chosen this way; the comparison names them `eph` on both sides.
 */
export function simulateLikeLab(scenario: Scenario, run: LabRun): Simulation {
  const real = extractFtpTrace(run.captures.server);
  const controlPort = extractFtpTrace(run.captures.client).control?.client.port;
  const base: Scenario = {
    ...scenario,
    client: {
      ...scenario.client,
      ...(controlPort !== undefined && controlPort >= 1024 && controlPort <= 65000 ? { controlPort } : {}),
    },
  };
  const wanted = real.dialogue.flatMap((line) =>
    line.kind === 'reply' && (line.code === 227 || line.code === 229) && line.address
      ? [line.address.port]
      : [],
  );
  // A client that asks for more passive ports than the engine's (curl falling back from EPSV to PASV) cannot
  // be matched; the comparison then shows the difference.
  if (wanted.length === 0 || wanted.length !== passivePorts(simulate(base)).length) return simulate(base);
  const { min, max } = base.server.passivePorts;
  const combinations = (max - min + 1) ** wanted.length;
  if (combinations > MAX_COMBINATIONS) {
    throw new Error(
      `${wanted.length} passive transfers over ports ${min}-${max} give ${combinations} combinations: ` +
        `give the case a smaller server.passivePorts range (at most ${MAX_COMBINATIONS} combinations)`,
    );
  }
  for (let seed = 1; seed <= SEEDS; seed++) {
    const sim = simulate({ ...base, seed });
    if (sameNumbers(passivePorts(sim), wanted)) return sim;
  }
  throw new Error(`no seed up to ${SEEDS} makes the engine pick the passive ports ${wanted.join(', ')}`);
}

function passivePorts(sim: Simulation): number[] {
  return sim.events.flatMap((e) =>
    e.kind === 'socket/listening' && e.host === 'server' && e.conn !== 'control' ? [e.endpoint.port] : [],
  );
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * What a capture on one host's interface would hold, as the engine sees it: the engine's own pcap export,
 * read back with the reader that reads the lab's captures, so both sides take the same path.
 */
export function engineCapture(sim: Simulation, host: HostId): readonly CapturedPacket[] {
  return readCaptureBytes(exportPcap(sim.events, host)).packets;
}
