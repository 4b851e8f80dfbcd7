import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(resolve(ROOT, path), 'utf8');

describe('CI gates what matters', () => {
  it('npm test type-checks and lints before the tests (Vitest alone strips types)', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const steps = (scripts.test ?? '').split('&&').map((s) => s.trim());
    expect(steps).toEqual(['tsc -b', 'npm run --silent lint', 'vitest run']);
    expect(scripts.lint).toBe('eslint . && prettier --check .');
  });

  it('.ci/run runs the README test command, stopping at the first failure', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^set -euo pipefail$/m);
    const commands = ci.split('\n').filter((line) => /^npm /.test(line));
    expect(commands.at(-1)).toBe('npm test');
    // The README's first screen shows that same command.
    const firstScreen = read('README.md').split('\n').slice(0, 15).join('\n');
    expect(firstScreen).toMatch(/^npm test\s+#/m);
  });
});
