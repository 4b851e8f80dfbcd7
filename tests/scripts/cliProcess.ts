import {
  spawnSync,
  type SpawnSyncOptionsWithStringEncoding,
  type SpawnSyncReturns,
} from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The way the README runs the CLI: `npx tsx scripts/cli.ts`. */
export const TSX_COMMAND = [join(ROOT, 'node_modules/.bin/tsx'), 'scripts/cli.ts'] as const;

/**
 * The CLI as one JavaScript file, bundled once per test file from the same sources. tsx compiles and loads
 * every module on each run (about 1.7 s of CPU); the bundle starts in a tenth of that, and these tests start
 * the CLI dozens of times. The README's own command (tsx) is still run by a test in cli.test.ts.
 */
export function bundledCli(): {
  /** The command line that runs the CLI: `[node, bundle]`. */
  readonly command: () => readonly [string, string];
  /** Runs the CLI with `args`, from the project's root, and waits for it. */
  readonly run: (
    args: readonly string[],
    options?: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'>,
  ) => SpawnSyncReturns<string>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'cli-bundle-'));
  const bundle = join(dir, 'cli.mjs');
  beforeAll(async () => {
    await build({
      entryPoints: [join(ROOT, 'scripts/cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const command = () => [process.execPath, bundle] as const;
  return {
    command,
    run: (args, options = {}) =>
      spawnSync(process.execPath, [bundle, ...args], {
        cwd: ROOT,
        timeout: 30_000,
        ...options,
        encoding: 'utf8',
      }),
  };
}
