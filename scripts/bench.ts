/**
 * `npm run bench`: how long the engine takes to simulate every combination of the scenario options.
 * Prints numbers; asserts nothing (speed is proven here, not in timed tests).
 */
import { cpus } from 'node:os';
import { parseScenario, scenarioMatrix, simulate, type Scenario } from '../src/engine';

const RUNS = 15;
const scenarios: Scenario[] = scenarioMatrix().map((input) => {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`matrix scenario invalid: ${JSON.stringify(r.problems)}`);
  return r.scenario;
});

let events = 0;
const runMatrix = (): number => {
  const start = performance.now();
  events = 0;
  for (const s of scenarios) events += simulate(s).events.length;
  return performance.now() - start;
};

for (let i = 0; i < 3; i++) runMatrix(); // warm up the JIT
const times = Array.from({ length: RUNS }, runMatrix).sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)] ?? NaN;
const best = times[0] ?? NaN;
const worst = times[RUNS - 1] ?? NaN;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`full matrix: ${scenarios.length} scenarios, ${events} events per pass, ${RUNS} timed passes`);
console.log(
  `matrix time: median ${median.toFixed(1)} ms, best ${best.toFixed(1)} ms, worst ${worst.toFixed(1)} ms (budget: well under 100 ms)`,
);
console.log(
  `throughput: ${Math.round((scenarios.length / median) * 1000)} scenarios/s, ${Math.round((events / median) * 1000)} events/s`,
);
console.log(`per scenario: ${((median / scenarios.length) * 1000).toFixed(1)} µs`);
