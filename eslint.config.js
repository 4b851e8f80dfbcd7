import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Each folder of src/ states in its README what it may import; these are those boundaries, so that lint
 * fails the moment one is crossed. `packages`: the npm packages (and their subpaths) it may import;
 * `folders`: the other src/ folders it may reach. The engine is reached only through its public surfaces,
 * `index.ts`, `validation.ts` and `basics.ts`, from everywhere (ENGINE_SURFACES).
 */
const BOUNDARIES = {
  // Pure: a scenario in, events out; runs in the browser, Node and a worker.
  engine: { packages: ['zod'], folders: [] },
  export: { packages: [], folders: ['engine', 'pcap'] },
  import: { packages: [], folders: ['engine', 'pcap'] },
  pcap: { packages: [], folders: [] },
  i18n: { packages: ['i18next'], folders: [] },
  quiz: { packages: ['zod'], folders: ['engine'] },
  progress: { packages: ['zod', 'zustand'], folders: ['quiz'] },
  store: { packages: ['zustand'], folders: ['engine', 'quiz', 'progress'] },
  // A first visit's first screen in the page: drawn by the build from the app's own components.
  firstScreen: {
    packages: ['react', 'react-dom', 'react-i18next', 'i18next'],
    folders: ['ui', 'store', 'i18n'],
  },
  ui: {
    packages: ['react', 'react-i18next', 'i18next', 'zustand'],
    folders: ['engine', 'store', 'i18n', 'quiz', 'export', 'import', 'progress', 'firstRenderMark'],
  },
};

const ENGINE_SURFACES = '(index|validation|basics)(\\.ts)?$';
/** How deep a file may sit inside its folder; a deeper one would escape the rules, so lint says so. */
const MAX_DEPTH = 4;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternatives = (names) => names.map(escape).join('|');

/** The rule for a file `depth` folders below `src/<folder>/`: `../` × (depth + 1) leads back to src/. */
function boundaryRule(folder, { packages, folders }, depth) {
  const up = `^(\\.\\./){${depth + 1}}`;
  const patterns = [
    {
      // Any package but the allowed ones (node: builtins included). Relative paths start with '.'.
      regex: packages.length ? `^(?![./])(?!(${alternatives(packages)})(/|$))` : '^(?![./])',
      message: `src/${folder} may import only ${packages.length ? packages.join(', ') : 'no package'} (see src/${folder}/README.md).`,
    },
    {
      regex: folders.length ? `${up}(?!(${alternatives(folders)})(/|\\.|$))` : up,
      message: `src/${folder} may reach only ${folders.length ? folders.map((f) => `src/${f}`).join(', ') : 'its own files'} (see src/${folder}/README.md).`,
    },
  ];
  if (folders.includes('engine'))
    patterns.push({
      regex: `${up}engine/(?!${ENGINE_SURFACES})`,
      message:
        'Reach the engine only through src/engine/index.ts, src/engine/validation.ts or src/engine/basics.ts.',
    });
  return ['error', { patterns }];
}

const boundaryConfigs = Object.entries(BOUNDARIES).flatMap(([folder, boundary]) =>
  Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
    files: [`src/${folder}/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: { 'no-restricted-imports': boundaryRule(folder, boundary, depth) },
  })),
);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': 'off',
    },
  },
  ...boundaryConfigs,
  {
    // A file deeper than the boundaries reach would escape them.
    files: [`src/*/${'*/'.repeat(MAX_DEPTH + 1)}**/*.{ts,tsx}`],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Program', message: `Nest at most ${MAX_DEPTH} folders deep under src/<folder>/.` },
      ],
    },
  },
  {
    // A new folder of src/ states its boundaries here before its first file passes lint.
    files: ['src/*/**/*.{ts,tsx}'],
    ignores: Object.keys(BOUNDARIES).map((folder) => `src/${folder}/**`),
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program',
          message:
            'This src/ folder has no boundaries: add it to BOUNDARIES in eslint.config.js (and say what it may import in its README).',
        },
      ],
    },
  },
  {
    // The engine is pure: same scenario in, same events out. No clock, no randomness, no DOM.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator in engine/random.' },
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' },
      ],
    },
  },
  {
    // DOM-free folders: they run in Node (CLI, tests) and in workers too.
    files: ['src/{export,import,pcap,quiz}/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'] },
  },
  {
    // The commands use the app through its public surfaces, and never the tests (the tests use them).
    files: ['scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+tests(/|$)',
              message: 'scripts/ must not import from tests/: move what both need into scripts/support/.',
            },
            {
              regex: `(^|/)src/engine/(?!${ENGINE_SURFACES})`,
              message:
                'Reach the engine only through src/engine/index.ts, src/engine/validation.ts or src/engine/basics.ts.',
            },
          ],
        },
      ],
    },
  },
);
