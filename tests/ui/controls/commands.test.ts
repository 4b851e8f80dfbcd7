import { describe, expect, it } from 'vitest';
import { defaultScenario, type Scenario } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import {
  commandFor,
  fileChoices,
  missingFileName,
  moveCommand,
  newFileName,
  withCommands,
} from '../../../src/ui/controls/commands';

function scenario(input: object): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

describe('command editing helpers', () => {
  it('names a missing file and a new upload the server does not have', () => {
    const s = scenario({
      server: {
        files: [
          { name: 'missing.txt', size: 1 },
          { name: 'upload.txt', size: 1 },
        ],
      },
    });
    expect(missingFileName(s)).toBe('missing-2.txt');
    expect(newFileName(s)).toBe('upload-2.txt');
    expect(missingFileName(defaultScenario())).toBe('missing.txt');
  });

  it('lists the server’s files, then the missing one for RETR; the new one first for STOR', () => {
    const d = defaultScenario();
    expect(fileChoices(d, 'RETR').map((c) => [c.file, c.onServer])).toEqual([
      ['README.txt', true],
      ['hello.txt', true],
      ['missing.txt', false],
    ]);
    expect(fileChoices(d, 'STOR').map((c) => c.file)).toEqual(['upload.txt', 'README.txt', 'hello.txt']);
    expect(fileChoices(d, 'RETR', 'other.bin').map((c) => c.file)).toContain('other.bin');
  });

  it('makes a RETR of the first server file, or of a missing file when the server has none', () => {
    expect(commandFor('RETR', defaultScenario())).toEqual({ verb: 'RETR', file: 'README.txt' });
    expect(commandFor('RETR', scenario({ server: { files: [] } }))).toEqual({
      verb: 'RETR',
      file: 'missing.txt',
    });
  });

  it('moves a command and leaves the others in order', () => {
    expect(moveCommand(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveCommand(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('refuses an empty list or a ninth command (the engine decides)', () => {
    expect(withCommands(defaultScenario(), [])).toBeUndefined();
    expect(withCommands(defaultScenario(), Array(9).fill({ verb: 'LIST' }))).toBeUndefined();
    expect(withCommands(defaultScenario(), [{ verb: 'STOR', file: 'a.bin' }])?.commands).toEqual([
      { verb: 'STOR', file: 'a.bin', size: 2048 },
    ]);
  });
});
