import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAMS as LAB_PROGRAMS } from '../lab/harness/preflight';
import { UI_TESTS_WITH_MODULE_MOCKS } from '../setup/moduleMocks';

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

  it('.ci/run installs every program the tests run, and the README first screen names the same packages', () => {
    const ci = read('.ci/run');
    const list = (name: string): string[] =>
      (new RegExp(`^${name}="([^"]*)"$`, 'm').exec(ci)?.[1] ?? '').split(' ').filter(Boolean);
    const programs = list('programs');
    const packages = list('packages');
    expect(ci).toMatch(/^for program in \$programs; do$/m);
    expect(ci).toMatch(/apt-get install -y \$packages$/m);
    // tshark dissects every export; Chromium runs the end-to-end journeys; the lab needs the rest.
    // getent comes with libc-bin, on every Debian.
    for (const program of ['tshark', 'chromium', ...LAB_PROGRAMS.filter((p) => p !== 'getent')])
      expect(programs).toContain(program);
    const firstScreen = read('README.md').split('\n').slice(0, 15).join('\n');
    const readmePackages = /apt-get install ([a-z0-9 -]+)/.exec(firstScreen)?.[1]?.trim().split(' ');
    expect(readmePackages?.sort()).toEqual([...packages].sort());
  });

  it('runs every test file that mocks a module of the app in its own module graph', () => {
    // The engine's and most component tests share a module graph per worker, where a mock would take
    // effect or not depending on which file that worker ran before.
    const mocking = readdirSync(resolve(ROOT, 'tests'), { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.test\.tsx?$/.test(path) && !/\.(e2e|lab)\.test\.ts$/.test(path))
      .map((path) => `tests/${path}`)
      .filter((path) => /\bvi\.(do)?mock\(/.test(read(path)));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.sort()).toEqual([...UI_TESTS_WITH_MODULE_MOCKS].sort());
  });
});
