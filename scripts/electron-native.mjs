#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/<platform>-<arch>-electron-<v>/,
// leaving node_modules/better-sqlite3 (the Node build used by tests and the browser host)
// untouched — see docs/adr/0003-native-module-per-runtime.md. Also copies the result to
// .electron-native/dist/ for electron-builder's extraResources.
//
// Tries the prebuilt binary first (prebuild-install), then compiles against Electron's headers
// (node-gyp). Both download from the internet, which a user's machine can do and these build
// machines cannot.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runtime = flag('runtime') ?? 'electron';
const target =
  flag('target') ??
  JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const arch = flag('arch') ?? process.arch;
const nodedir = flag('nodedir');
const key = `${process.platform}-${arch}-${runtime}-${target}`;
const outDir = join(root, '.electron-native', key);
const outFile = join(outDir, 'better_sqlite3.node');
const distDir = join(root, '.electron-native', 'dist');

if (existsSync(outFile) && !args.includes('--force')) {
  mkdirSync(distDir, { recursive: true });
  cpSync(outFile, join(distDir, 'better_sqlite3.node'));
  console.log(`electron-native: ${key} already built`);
  process.exit(0);
}

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'better-sqlite3-electron-'));
const copy = join(work, 'better-sqlite3');
cpSync(source, copy, { recursive: true, filter: (p) => !p.includes(`${join(source, 'build')}`) });

// npm passes nodedir (set on these machines to build against Node's local headers) through the
// environment; for Electron that would pick the wrong headers, so it is cleared unless asked for.
const env = { ...process.env };
for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];

const run = (cmd, cmdArgs) => {
  console.log(`electron-native: ${[cmd, ...cmdArgs].join(' ')}`);
  return spawnSync(cmd, cmdArgs, { cwd: copy, env, stdio: 'inherit' }).status === 0;
};

const prebuild = require.resolve('prebuild-install/bin.js', { paths: [source] });
const ok =
  (!nodedir &&
    run(process.execPath, [prebuild, '--runtime', runtime, '--target', target, '--arch', arch])) ||
  run(process.execPath, [
    require.resolve('node-gyp/bin/node-gyp.js', { paths: [source, root] }),
    'rebuild',
    '--release',
    `--target=${target}`,
    `--arch=${arch}`,
    ...(nodedir
      ? [`--nodedir=${nodedir}`]
      : runtime === 'electron'
        ? ['--dist-url=https://electronjs.org/headers', '--runtime=electron']
        : []),
  ]);

const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
if (!ok || !existsSync(built)) {
  rmSync(work, { recursive: true, force: true });
  console.error(
    `electron-native: could not get better-sqlite3 for ${runtime} ${target} (${arch}).\n` +
      '  Both the prebuilt download and the build from Electron headers need internet access.\n' +
      '  Without Electron, run the console in a browser instead: npm run start:web',
  );
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
cpSync(built, outFile);
mkdirSync(distDir, { recursive: true });
cpSync(built, join(distDir, 'better_sqlite3.node'));
rmSync(work, { recursive: true, force: true });
console.log(`electron-native: built ${outFile}`);
