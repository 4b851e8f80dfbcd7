import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../src/engine';
import { trySetting } from '../../../src/ui/controls/applySetting';
import { BOUNDS } from '../../../src/ui/controls/bounds';

describe('the number fields’ bounds', () => {
  it.each(Object.entries(BOUNDS))('agree with the engine’s schema for %s', (name, { min, max }) => {
    const at = (value: number) =>
      trySetting(defaultScenario(), { name: name as keyof typeof BOUNDS, value }) !== undefined;
    expect(at(min)).toBe(true);
    expect(at(max)).toBe(true);
    expect(at(min - 1)).toBe(false);
    expect(at(max + 1)).toBe(false);
  });
});
