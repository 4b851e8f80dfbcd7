import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build, served by `vite preview` on 127.0.0.1: `http://127.0.0.1:<port>`. */
    e2eBaseUrl: string;
  }
}

const root = resolve(import.meta.dirname, '../../..');

/**
 * Builds the production app once (into a temporary directory, so a `dist/` someone is previewing stays
 * untouched) and serves it on 127.0.0.1 at a free port for every end-to-end test.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'ftp-flow-lab-e2e-'));
  await buildProduction(outDir);
  let server: PreviewServer | undefined;
  try {
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
  const address = server.httpServer.address() as AddressInfo;
  project.provide('e2eBaseUrl', `http://127.0.0.1:${address.port}`);

  return async () => {
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  };
}

/**
 * Vitest sets NODE_ENV=test, and Vite would then bundle React's development build; the tests must see
 * exactly what `npm run build` ships, so the build runs with NODE_ENV=production.
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
