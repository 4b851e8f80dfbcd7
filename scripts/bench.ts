/**
 * `npm run bench`: how long the engine takes to simulate every combination of the scenario options, and
 * how fast the importer reads a large capture (scripts/bench/importBench.ts), beside tshark.
 * Prints numbers; asserts nothing (speed is proven here, not in timed tests).
 *
 * The engine is measured as it ships: bundled by Vite into plain ES modules, not through the TypeScript
 * loader (whose module wrappers would add their own cost to every call).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { parseScenario } from '../src/engine/validation';

type Engine = typeof import('../src/engine');

const RUNS = 15;

async function bundledEngine(): Promise<{ engine: Engine; cleanup: () => void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'ftp-flow-lab-bench-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: resolve(import.meta.dirname, '../src/engine/index.ts'),
        formats: ['es'],
        fileName: 'engine',
      },
    },
  });
  const file = readdirSync(outDir).find((f) => f.endsWith('.js'));
  if (!file) throw new Error(`no bundle in ${outDir}`);
  const engine = (await import(pathToFileURL(join(outDir, file)).href)) as Engine;
  return { engine, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

const { engine, cleanup } = await bundledEngine();
// Validation is not what is measured: the scenarios are read once, outside the timed passes.
const scenarios = engine.scenarioMatrix().map((input) => {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`matrix scenario invalid: ${JSON.stringify(r.problems)}`);
  return r.scenario;
});

let events = 0;
const runMatrix = (): number => {
  const start = performance.now();
  events = 0;
  for (const s of scenarios) events += engine.simulate(s).events.length;
  return performance.now() - start;
};

for (let i = 0; i < 3; i++) runMatrix(); // warm up the JIT
const times = Array.from({ length: RUNS }, runMatrix).sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)] ?? NaN;
cleanup();

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(
  `full matrix: ${scenarios.length} scenarios (every mode, firewall, NAT, helper and data-port option), ${events} events per pass, ${RUNS} timed passes`,
);
console.log(
  `matrix time: median ${median.toFixed(1)} ms, best ${(times[0] ?? NaN).toFixed(1)} ms, worst ${(times[RUNS - 1] ?? NaN).toFixed(1)} ms (budget: under 500 ms on an idle 2-core machine, so one session takes far less than a 16 ms frame)`,
);
console.log(
  `throughput: ${Math.round((scenarios.length / median) * 1000)} scenarios/s, ${Math.round((events / median) * 1000)} events/s`,
);
console.log(`per scenario: ${((median / scenarios.length) * 1000).toFixed(1)} µs`);

// The importer: a large generated capture, the app's reader against tshark.
const { runImportBench } = await import('./bench/importBench');
await runImportBench();
