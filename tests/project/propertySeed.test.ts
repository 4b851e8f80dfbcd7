import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chosenSeed, FC_SEED } from '../setup/fastCheck';

describe('property tests are seeded', () => {
  it('run with the seed of the run, the same on every machine unless FC_SEED says otherwise', () => {
    expect(fc.readConfigureGlobal().seed).toBe(FC_SEED);
    expect(FC_SEED).toBe(chosenSeed(process.env.FC_SEED));
    expect(chosenSeed(undefined)).toBe(chosenSeed(''));
    expect(chosenSeed('12345')).toBe(12345);
    expect(chosenSeed('-7')).toBe(-7);
    expect(chosenSeed('random')).toEqual(expect.any(Number));
    for (const bad of ['0x10', '1e3', ' 5', 'seed', '12345678901'])
      expect(() => chosenSeed(bad)).toThrow(/FC_SEED must be an integer or "random"/);
  });

  it('draw the same values twice with the same seed', () => {
    const draw = () => fc.sample(fc.integer(), { numRuns: 20 });
    expect(draw()).toEqual(draw());
  });

  it('print the seed and the path to replay when a property fails', () => {
    let message = '';
    try {
      fc.assert(fc.property(fc.nat(), (n) => n < 50));
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain(`seed: ${FC_SEED}, path: "`);
    // Replaying that seed and path fails at once on the same counterexample.
    const path = /path: "([^"]*)"/.exec(message)?.[1];
    const replay = fc.check(
      fc.property(fc.nat(), (n) => n < 50),
      { seed: FC_SEED, path },
    );
    expect(replay.failed).toBe(true);
    expect(replay.numRuns).toBe(1);
  });
});
