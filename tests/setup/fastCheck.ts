import fc from 'fast-check';

/**
 * Property tests are seeded: the same inputs on every run, so a failure in CI fails again on a laptop.
 * `FC_SEED=<n>` replays a seed, `FC_SEED=random` explores new inputs. A failing property prints its seed
 * and path (fast-check's own report: `{ seed: …, path: "…" }`); the run's seed is printed here too.
 */
const DEFAULT_SEED = 20_251_202;

export function chosenSeed(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_SEED;
  if (text === 'random') return Math.floor(Math.random() * 0x7fffffff);
  if (!/^-?\d{1,10}$/.test(text)) throw new Error(`FC_SEED must be an integer or "random", got "${text}"`);
  return Number(text);
}

export const FC_SEED = chosenSeed(process.env.FC_SEED);
fc.configureGlobal({ seed: FC_SEED });
if (FC_SEED !== DEFAULT_SEED) console.info(`fast-check: FC_SEED=${FC_SEED}`);
