#!/usr/bin/env node
// `npm run bench`: bundles bench/index.ts with esbuild and runs it under plain Node.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { sipjsPatches } from './sipjs-patches.mjs';
import { ensurePackages } from './testbed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const runs = (section) => only === null || only === section;
const sipBed = ['kamailio', 'kamailio-websocket-modules', 'sip-tester'];
// The softphone section runs Kamailio, SIPp and baresip; the renderer section Kamailio, SIPp and
// Chromium on the built console (installed as root, like npm test).
if (runs('softphone') && !ensurePackages([...sipBed, 'baresip-core'])) process.exit(1);
if (runs('renderer')) {
  if (!ensurePackages([...sipBed, 'chromium'])) process.exit(1);
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
await build({
  absWorkingDir: root,
  entryPoints: ['bench/index.ts'],
  outfile: 'dist/bench/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  alias: { '@shared': './shared' },
  external: ['better-sqlite3', 'exceljs', 'bufferutil', 'utf-8-validate', 'playwright-core'],
  logLevel: 'warning',
  plugins: [sipjsPatches],
});
const r = spawnSync(process.execPath, ['dist/bench/index.cjs', ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
