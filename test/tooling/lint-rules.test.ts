import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules are only worth having if they fire. Each case lints a snippet as if it were a
 * file in that folder (the file need not exist) and expects no-restricted-imports/-globals.
 */
// The layer and boundary rules read imports only: the snippets (files that need not exist) are
// linted without the type-aware parser, which wants every file in a tsconfig.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
});
// The type-aware rules, on a probe file at the root that the project service may type alone.
const typedEslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['lint-probe.ts'] } },
    },
  },
});

async function ruleIds(filePath: string, code: string, linter = eslint): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layer lint rules', () => {
  const violations: [string, string, string][] = [
    [
      'shared/bad.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      'no-restricted-imports',
    ],
    [
      'shared/bad.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'no-restricted-imports',
    ],
    [
      'shared/bad.ts',
      "import { join } from 'path';\nexport const x = join;\n",
      'no-restricted-imports',
    ],
    [
      'shared/bad.ts',
      "import { createDesk } from '../electron/core/desk';\nexport const x = createDesk;\n",
      'no-restricted-imports',
    ],
    ['shared/bad.ts', 'export const x = () => document.title;\n', 'no-restricted-globals'],
    ['shared/bad.ts', 'export const x = () => window.innerWidth;\n', 'no-restricted-globals'],
    [
      'electron/core/features/softphone/bad.ts',
      "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
      'no-restricted-imports',
    ],
    [
      'electron/main/composition-bad.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      'no-restricted-imports',
    ],
    [
      'electron/web/bad.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      'no-restricted-imports',
    ],
    [
      'renderer/src/bad.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
      'no-restricted-imports',
    ],
    [
      'renderer/src/bad.ts',
      "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n",
      'no-restricted-imports',
    ],
    [
      'renderer/src/bad.ts',
      "import { openDatabase } from '../../electron/core/platform/db/database';\nexport const x = openDatabase;\n",
      'no-restricted-imports',
    ],
  ];

  for (const [file, code, rule] of violations) {
    it(`fires ${rule} for ${file}: ${code.split('\n')[0]}`, async () => {
      expect(await ruleIds(file, code)).toContain(rule);
    });
  }

  it('allows what each layer may use', async () => {
    expect(
      await ruleIds('shared/ok.ts', "import { z } from 'zod';\nexport const x = z.string();\n"),
    ).toEqual([]);
    expect(
      await ruleIds(
        'electron/core/platform/ok.ts',
        "import { join } from 'node:path';\nexport const x = join;\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        'electron/main/index.ts',
        "import { app } from 'electron';\nexport const x = app;\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        'electron/preload/index.ts',
        "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n",
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        'renderer/src/ok.ts',
        "import { requests } from '@shared/contract';\nexport const x = () => [document.title, requests];\n",
      ),
    ).toEqual([]);
  });

  it('keeps a feature out of another feature except through its public entry', async () => {
    const deep = [
      ['electron/core/features/softphone/x.ts', "import { A } from '../session/agents-repo';"],
      [
        'electron/core/features/softphone/calls/x.ts',
        "import { A } from '../../session/agents-repo';",
      ],
      [
        'renderer/src/features/waybills/x.tsx',
        "import { A } from '../softphone/components/CallPanel';",
      ],
      ['renderer/src/features/waybills/x.ts', "export { A } from '../session/slice';"],
    ];
    for (const [file, line] of deep) {
      expect(await ruleIds(file!, `${line}\nexport const x = 1;\n`), line).toContain(
        'desk/feature-boundary',
      );
    }
    const fine = [
      ['electron/core/features/softphone/x.ts', "import { A } from '../session';"],
      ['electron/core/features/softphone/x.ts', "import { A } from '../session/index';"],
      ['electron/core/features/softphone/calls/x.ts', "import { A } from '../call-service';"],
      ['electron/core/features/softphone/x.ts', "import { A } from '../../platform/ports';"],
      ['renderer/src/features/waybills/x.tsx', "import { A } from '../softphone';"],
      ['renderer/src/app/x.tsx', "import { A } from '../features/softphone/slice';"],
    ];
    for (const [file, line] of fine) {
      const ids = await ruleIds(file!, `${line}\nexport const x = A;\n`);
      expect(ids, line).not.toContain('desk/feature-boundary');
    }
  });

  it('refuses a promise left floating and a switch that misses a case', async () => {
    expect(
      await ruleIds(
        'lint-probe.ts',
        'async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n',
        typedEslint,
      ),
    ).toContain('@typescript-eslint/no-floating-promises');
    expect(
      await ruleIds(
        'lint-probe.ts',
        "export function g(s: 'a' | 'b'): number {\n  switch (s) {\n    case 'a':\n      return 1;\n  }\n  return 0;\n}\n",
        typedEslint,
      ),
    ).toContain('@typescript-eslint/switch-exhaustiveness-check');
    expect(
      await ruleIds(
        'lint-probe.ts',
        'async function f(): Promise<void> {}\nexport function g(): void {\n  void f();\n}\n',
        typedEslint,
      ),
    ).toEqual([]);
  });
});
