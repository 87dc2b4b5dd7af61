import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules are only worth having if they fire. Each case lints a snippet as if it were a
 * file in that folder (the file need not exist) and expects no-restricted-imports/-globals.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
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
});
