#!/usr/bin/env node
// `npm run bench`: bundles bench/index.ts with esbuild and runs it under plain Node.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { sipjsGrammarCache } from './sipjs-grammar-cache.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['bench/index.ts'],
  outfile: 'dist/bench/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  alias: { '@shared': './shared' },
  external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
  plugins: [sipjsGrammarCache],
});
const r = spawnSync(process.execPath, ['dist/bench/index.cjs', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
