/**
 * The command-line simulator: `npm run --silent sim -- [flags]` (see --help).
 * Exit status (EXIT_STATUS): 0 after a simulation (whatever its outcome), 2 for bad flags or an invalid
 * scenario, 3 when the output cannot be written.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { EXIT_STATUS, parseCliArguments, USAGE } from './cli/cliArguments';
import { simulationJson, transcript } from './cli/transcript';
import { writeOutputAtomically } from './cli/writeOutput';
import { simulate } from '../src/engine';
import { exportPcap } from '../src/export/pcap';

/** At most `limit + 1` bytes of a file: enough to tell it is too large without reading it all. */
function readAtMost(path: string, limit: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const parsed = parseCliArguments(process.argv.slice(2), readAtMost);
if (parsed.ok === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else if (!parsed.ok) {
  process.stderr.write(`sim: ${parsed.message}\n`);
  process.exitCode = EXIT_STATUS.usage;
} else {
  const { scenario, format, out, capture } = parsed.request;
  const sim = simulate(scenario);
  const output: string | Uint8Array =
    format === 'pcap'
      ? exportPcap(sim.events, capture)
      : format === 'json'
        ? `${simulationJson(sim)}\n`
        : `${transcript(sim)}\n`;
  if (out) {
    const written = writeOutputAtomically(out, output);
    if (!written.ok) {
      process.stderr.write(`sim: ${written.message}\n`);
      process.exitCode = EXIT_STATUS.write;
    }
  } else process.stdout.write(output);
}
