/**
 * Component test files that replace a module of the app with `vi.mock`. The other component tests share one
 * module graph and one DOM per worker (vitest.config.ts: `isolate: false`), where a mock would depend on
 * whether another file had already loaded the real module; these run isolated, each with its own.
 * tests/project/ci.test.ts fails when a file that mocks is missing here.
 */
export const UI_TESTS_WITH_MODULE_MOCKS = [
  'tests/ui/header/ViewTabs.test.tsx',
  'tests/ui/capture/CaptureView.test.tsx',
  'tests/ui/SimulatorView.test.tsx',
  'tests/ui/diagram/NetworkDiagram.test.tsx',
  'tests/ui/App.test.tsx',
] as const;
