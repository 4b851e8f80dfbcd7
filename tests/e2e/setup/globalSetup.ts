import type { TestProject } from 'vitest/node';
import { buildAndServe } from '../../../scripts/support/serveBuild';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build, served by `vite preview` on 127.0.0.1: `http://127.0.0.1:<port>`. */
    e2eBaseUrl: string;
  }
}

/** Builds the production app once and serves it on 127.0.0.1 for every end-to-end test. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const served = await buildAndServe();
  project.provide('e2eBaseUrl', served.url);
  return () => served.close();
}
