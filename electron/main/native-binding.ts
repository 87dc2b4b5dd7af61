/**
 * Where Electron finds its own build of better-sqlite3 (docs/adr/0003-native-module-per-runtime.md).
 * node_modules keeps the Node build used by tests and the browser host; the Electron build lives
 * beside it under .electron-native/, so neither `npm test` nor `npm start` overwrites the other.
 */
import { join } from 'node:path';

export function electronNativeKey(platform: string, arch: string, electronVersion: string): string {
  return `${platform}-${arch}-electron-${electronVersion}`;
}

export function betterSqliteBindingPath(options: {
  isPackaged: boolean;
  appRoot: string;
  resourcesPath: string;
  platform: string;
  arch: string;
  electronVersion: string;
}): string {
  if (options.isPackaged) return join(options.resourcesPath, 'native', 'better_sqlite3.node');
  return join(
    options.appRoot,
    '.electron-native',
    electronNativeKey(options.platform, options.arch, options.electronVersion),
    'better_sqlite3.node',
  );
}
