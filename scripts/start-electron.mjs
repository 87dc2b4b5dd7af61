#!/usr/bin/env node
// `npm start`: the Electron console. Makes sure the Electron binary is there (npm install
// normally downloads it), builds the app, builds better-sqlite3 for Electron's ABI beside the
// Node build (docs/adr/0003), then runs Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

const step = (what, script, args = []) => {
  const r = spawnSync(process.execPath, [join(root, script), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error(`npm start: ${what} failed.`);
    process.exit(r.status ?? 1);
  }
};

if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log('npm start: the Electron binary is missing; downloading it…');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  if (r.status !== 0 || !existsSync(join(electronDir, 'path.txt'))) {
    console.error(
      'npm start: the Electron binary could not be downloaded (no internet access?).\n' +
        '  Run the console in a browser instead: npm run start:web',
    );
    process.exit(1);
  }
}
step('build', 'scripts/build.mjs');
step('better-sqlite3 for Electron', 'scripts/electron-native.mjs');

const electron = require('electron');
const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
