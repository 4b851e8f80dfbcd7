/**
 * The command-line simulator: `npm run --silent sim -- [flags]` (see --help).
 * Exit status: 0 after a simulation (whatever its outcome), 2 for bad flags or an invalid scenario.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCliArguments, USAGE } from './cli/cliArguments';
import { simulationJson, transcript } from './cli/transcript';
import { simulate } from '../src/engine';
import { exportPcap } from '../src/export/pcap';

const parsed = parseCliArguments(process.argv.slice(2), (path) => readFileSync(path, 'utf8'));
if (parsed.ok === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else if (!parsed.ok) {
  process.stderr.write(`sim: ${parsed.message}\n`);
  process.exitCode = 2;
} else {
  const { scenario, format, out, capture } = parsed.request;
  const sim = simulate(scenario);
  const output: string | Uint8Array =
    format === 'pcap'
      ? exportPcap(sim.events, capture)
      : format === 'json'
        ? `${simulationJson(sim)}\n`
        : `${transcript(sim)}\n`;
  if (out) writeFileSync(out, output);
  else process.stdout.write(output);
}
