import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

/** The boundary messages ESLint gives `code` as if it were the file at `path` (nothing is written). */
async function crossings(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: path });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('folder boundaries enforced by lint', () => {
  it.each([
    ['src/engine/simulate.ts', "import { x } from 'react';", /src\/engine may import only zod/],
    [
      'src/engine/events/narrate.ts',
      "import { x } from '../../i18n';",
      /src\/engine may reach only its own files/,
    ],
    ['src/engine/ftp/session.ts', "import { x } from '../../store/simStore';", /its own files/],
    ['src/engine/net/network.ts', "import { x } from 'node:fs';", /may import only zod/],
    [
      'src/ui/quiz/QuizView.tsx',
      "import { x } from '../../engine/scenario/scenario';",
      /only through src\/engine\/index\.ts/,
    ],
    ['src/ui/App.tsx', "import { x } from '../engine/simulate';", /only through src\/engine\/index\.ts/],
    ['src/store/simSlice.ts', "import { x } from '../engine/events/stepEvent';", /only through/],
    ['src/store/simSlice.ts', "import { x } from '../ui/views';", /src\/store may reach only/],
    ['src/store/quizStore.ts', "import { x } from 'react';", /src\/store may import only zustand/],
    ['src/quiz/generate.ts', "import { x } from 'zustand';", /src\/quiz may import only zod/],
    ['src/quiz/generate.ts', "import { x } from '../i18n';", /src\/quiz may reach only src\/engine/],
    ['src/i18n/load.ts', "import { x } from '../engine';", /src\/i18n may reach only its own files/],
    [
      'src/export/pcap.ts',
      "import { x } from '../ui/format';",
      /src\/export may reach only src\/engine, src\/pcap/,
    ],
    ['src/import/ftpTrace.ts', "import { x } from 'react';", /src\/import may import only no package/],
    ['src/pcap/format.ts', "import { x } from '../engine';", /src\/pcap may reach only its own files/],
    ['src/progress/store.ts', "import { x } from '../ui/App';", /src\/progress may reach only src\/quiz/],
    ['src/ui/diagram/Devices.tsx', "import { m as x } from 'framer-motion';", /src\/ui may import only/],
    [
      'scripts/bench-ui.ts',
      "import { x } from '../tests/e2e/setup/browser';",
      /scripts\/ must not import from tests\//,
    ],
    [
      'scripts/cli/cliArguments.ts',
      "import { x } from '../../tests/e2e/setup/app';",
      /must not import from tests/,
    ],
    ['scripts/cli.ts', "import { x } from '../src/engine/simulate';", /only through src\/engine\/index\.ts/],
    ['src/ui/a/b/c/d/e/Deep.tsx', "import { x } from './here';", /Nest at most 4 folders deep/],
    ['src/lessons/chapter.ts', "import { x } from './here';", /This src\/ folder has no boundaries/],
    ['src/lessons/a/Deep.tsx', "import { x } from '../here';", /add it to BOUNDARIES/],
  ])('%s: %s is refused', async (path, code, message) => {
    const found = await crossings(path, code);
    expect(found.length, `no boundary error for ${code} in ${path}`).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });

  it.each([
    ['src/engine/simulate.ts', "import { x } from './scenario/scenario';"],
    ['src/engine/scenario/schema.ts', "import * as x from 'zod/mini';"],
    ['src/engine/ftp/session.ts', "import { x } from '../net/address';"],
    ['src/ui/quiz/ShowMeLink.tsx', "import { x } from '../../engine/validation';"],
    ['src/ui/App.tsx', "import { x } from '../engine';"],
    ['src/store/selectors.ts', "import { x } from '../engine/basics';"],
    ['src/ui/App.tsx', "import { x } from './quiz/QuizView';"],
    ['src/ui/export/ExportMenu.tsx', "import { x } from '../../export/pcap';"],
    ['src/ui/outcome/OutcomeBanner.tsx', "import { useShallow as x } from 'zustand/react/shallow';"],
    ['src/export/pcap.ts', "import { x } from '../pcap/format';"],
    ['src/store/quizStore.ts', "import { x } from '../quiz';"],
    ['src/startApp.tsx', "import { x } from './ui/App';"],
    ['scripts/cli.ts', "import { x } from '../src/engine/validation';"],
    ['tests/engine/ftp/x.test.ts', "import { x } from '../../../src/engine/ftp/session';"],
  ])('%s: %s is allowed', async (path, code) => {
    expect(await crossings(path, code)).toEqual([]);
  });
});
