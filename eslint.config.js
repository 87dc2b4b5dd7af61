// Flat config. The layer rules (docs/DESIGN.md §1) are errors, and `npm run lint` allows zero warnings:
//   shared/    imports no electron, no Node built-ins, no DOM, nothing from other layers
//   electron/  (all but main/index.ts and preload/) never imports electron
//   renderer/  imports neither electron nor Node built-ins nor main-process code
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noElectron = {
  name: 'electron',
  message: 'Only electron/main/index.ts and electron/preload may import electron.',
};
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'Node built-ins are not available in this layer.',
}));

/**
 * A feature (electron/core/features/<name>/, renderer/src/features/<name>/) may use another
 * feature only through that feature's public entry, its index file: what a feature exports there
 * is its contract with the others; everything else in its folder may change freely.
 */
const featureBoundary = {
  meta: {
    type: 'problem',
    messages: {
      deep: "Feature '{{from}}' imports '{{target}}' from inside feature '{{to}}'; import it from that feature's public entry ('{{entry}}') instead.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const featureOf = (path) => {
      const m = /^(.*[\\/]features)[\\/]([^\\/]+)[\\/](.+)$/.exec(path);
      return m ? { root: m[1], name: m[2], rest: m[3] } : null;
    };
    const from = featureOf(file);
    if (!from) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec);
      const to = featureOf(target);
      if (!to || to.root !== from.root || to.name === from.name) return;
      if (/^index(\.tsx?)?$/.test(to.rest)) return;
      context.report({
        node: node.source,
        messageId: 'deep',
        data: {
          from: from.name,
          to: to.name,
          target: spec,
          entry: relative(dirname(file), `${to.root}${sep}${to.name}`).split(sep).join('/'),
        },
      });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
// Resolving the bare feature folder ('../session') lands on the folder itself: allowed too.
const deskPlugin = { rules: { 'feature-boundary': featureBoundary } };

const domGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'HTMLElement',
  'fetch',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      '.tsbuild/',
      'data/',
      '.electron-native/',
      'test/e2e/artifacts/',
      'test/fixtures/lint/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error; a switch that misses a case of a
    // union (a new agent state, a new call event) must not compile away silently.
    files: ['**/*.{ts,tsx,mts}'],
    ignores: ['**/*.d.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode, { name: 'react', message: 'shared/ is UI-free.' }],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ depends on no other layer.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({ name, message: 'shared/ runs without a DOM.' })),
        { name: 'process', message: 'shared/ runs without Node.' },
        { name: 'Buffer', message: 'shared/ runs without Node.' },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/preload/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['**/renderer/**'], message: 'Main-process code never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/index.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'The renderer talks to main only through the contract (DeskApi).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/features/**/*.ts', 'renderer/src/features/**/*.{ts,tsx}'],
    plugins: { desk: deskPlugin },
    rules: { 'desk/feature-boundary': 'error' },
  },
  {
    files: [
      'test/**/*.{ts,tsx}',
      'scripts/**/*.mjs',
      '*.config.{js,ts,mts}',
      'renderer/*.config.mts',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
