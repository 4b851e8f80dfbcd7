import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { UI_TESTS_WITH_MODULE_MOCKS } from './tests/setup/moduleMocks.ts';

// Five projects: the engine must run without a DOM, so an engine test that touches one fails; e2e drives
// the built app in Chromium; lab runs real vsftpd through real netfilter and checks the engine against it.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          environment: 'node',
          include: [
            'tests/engine/**/*.test.ts',
            'tests/export/**/*.test.ts',
            'tests/scripts/**/*.test.ts',
            'tests/import/**/*.test.ts',
            'tests/quiz/**/*.test.ts',
            'tests/project/**/*.test.ts',
          ],
          setupFiles: ['tests/setup/fastCheck.ts'],
          // The engine keeps no state between calls (same input, same output), so its test files share one
          // module graph per worker instead of importing it again each: measured 269 s of CPU → 187 s.
          isolate: false,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: [
            'tests/ui/**/*.test.{ts,tsx}',
            'tests/store/**/*.test.ts',
            'tests/i18n/**/*.test.ts',
            // The progress store lives in the browser's localStorage.
            'tests/progress/**/*.test.ts',
            'tests/firstScreen/**/*.test.{ts,tsx}',
          ],
          exclude: [...UI_TESTS_WITH_MODULE_MOCKS],
          // One module graph and one DOM per worker, not one per file: importing React, the app and jsdom
          // again for each of 55 files was most of this project's time. Each file starts from a clean page
          // (sharedDom.ts) and every test resets the stores it uses.
          isolate: false,
          setupFiles: [
            'tests/setup/fastCheck.ts',
            'tests/setup/engine.ts',
            'tests/setup/testingLibrary.ts',
            'tests/setup/sharedDom.ts',
          ],
          testTimeout: 30_000,
        },
      },
      {
        // The component tests that replace a module of the app (vi.mock), each with its own module graph.
        extends: true,
        test: {
          name: 'ui-mocks',
          environment: 'jsdom',
          include: [...UI_TESTS_WITH_MODULE_MOCKS],
          setupFiles: ['tests/setup/fastCheck.ts', 'tests/setup/engine.ts', 'tests/setup/testingLibrary.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // User journeys in real Chromium against the production build (tests/e2e/README.md). Two files at a
        // time, each with its own Chromium: a journey mostly waits (page loads, animations settling), so two
        // fill the machine's two cores where one left them idle most of the time.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/e2e/setup/globalSetup.ts'],
          maxWorkers: 2,
          // After the other projects (group 0) are done, so Chromium does not compete with them for the CPU.
          sequence: { groupOrder: 1 },
          // A busy machine can take a few seconds to re-render; polls wait that long, never forever.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Real sessions in network namespaces (tests/lab/README.md): needs root. One file at a time, each running
        // a few sessions at once, after everything else, so that their timings are not squeezed by other work.
        extends: true,
        test: {
          name: 'lab',
          environment: 'node',
          include: ['tests/lab/**/*.lab.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 30_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
