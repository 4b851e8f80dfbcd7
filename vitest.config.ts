import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: the engine must run without a DOM, so an engine test that touches one fails.
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
          ],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['tests/ui/**/*.test.{ts,tsx}', 'tests/store/**/*.test.ts', 'tests/i18n/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
