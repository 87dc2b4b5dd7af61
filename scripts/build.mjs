#!/usr/bin/env node
// Builds main, preload, the browser host and the CLI with esbuild, and the renderer with Vite.
// `--node-only` skips the renderer (used by `npm run seed`). See docs/adr/0002-build-with-esbuild-and-vite.md.
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { sipjsPatches } from './sipjs-patches.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeOnly = process.argv.includes('--node-only');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  alias: { '@shared': './shared' },
  // Native and Electron modules load at run time; ws's optional native helpers stay optional;
  // exceljs (a runtime dependency, packaged from node_modules) is loaded only to export a register.
  external: ['electron', 'better-sqlite3', 'exceljs', 'bufferutil', 'utf-8-validate'],
  plugins: [sipjsPatches],
};

const started = performance.now();
await Promise.all([
  esbuild({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/main/index.cjs' }),
  esbuild({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
  }),
  esbuild({ ...common, entryPoints: ['electron/web/cli.ts'], outfile: 'dist/web/server.cjs' }),
  esbuild({ ...common, entryPoints: ['electron/dev/seed-cli.ts'], outfile: 'dist/cli/seed.cjs' }),
]);
if (!nodeOnly) {
  await viteBuild({ configFile: `${root}renderer/vite.config.mts`, logLevel: 'warn' });
}
console.log(
  `build: done in ${((performance.now() - started) / 1000).toFixed(1)} s${nodeOnly ? ' (node only)' : ''}`,
);
