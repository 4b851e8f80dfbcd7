import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export interface ServedBuild {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** The built app (index.html, assets/). */
  readonly outDir: string;
  close(): Promise<void>;
}

/**
 * Builds the production app (as `npm run build` does, into a temporary directory so that a `dist/`
 * someone is previewing stays untouched) and serves it with `vite preview` on 127.0.0.1 at a free port.
 */
export async function buildAndServe(): Promise<ServedBuild> {
  const outDir = await mkdtemp(join(tmpdir(), 'ftp-flow-lab-build-'));
  let server: PreviewServer | undefined;
  try {
    await buildProduction(outDir);
    server = await preview({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
    });
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const { port } = running.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    outDir,
    async close() {
      await running.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * Vitest sets NODE_ENV=test, and Vite would then bundle React's development build; the tests and the
 * benchmark must see exactly what `npm run build` ships, so the build runs with NODE_ENV=production.
 */
async function buildProduction(outDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
