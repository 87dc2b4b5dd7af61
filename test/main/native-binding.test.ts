import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { betterSqliteBindingPath, electronNativeKey } from '../../electron/main/native-binding';
import { openDatabase } from '../../electron/core/platform/db/database';
import { MemoryLogger } from '../../electron/core/platform/ports';

describe('better-sqlite3 binding per runtime (ADR 0003)', () => {
  it('points Electron at .electron-native/ in development and at resources/native when packaged', () => {
    const base = {
      appRoot: '/app',
      resourcesPath: '/opt/Courier Desk/resources',
      platform: 'linux',
      arch: 'x64',
      electronVersion: '40.10.2',
    };
    expect(betterSqliteBindingPath({ ...base, isPackaged: false })).toBe(
      join('/app', '.electron-native', 'linux-x64-electron-40.10.2', 'better_sqlite3.node'),
    );
    expect(betterSqliteBindingPath({ ...base, isPackaged: true })).toBe(
      join('/opt/Courier Desk/resources', 'native', 'better_sqlite3.node'),
    );
    expect(electronNativeKey('win32', 'arm64', '40.0.0')).toBe('win32-arm64-electron-40.0.0');
  });

  it('opens the database through an explicit nativeBinding path, and fails clearly for a missing one', () => {
    const require = createRequire(import.meta.url);
    const nodeBuild = join(
      dirname(require.resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    const db = openDatabase(':memory:', { logger: new MemoryLogger(), nativeBinding: nodeBuild });
    expect(db.pragma('foreign_keys')).toBe(1);
    db.close();
    expect(() =>
      openDatabase(':memory:', {
        logger: new MemoryLogger(),
        nativeBinding: '/nope/better_sqlite3.node',
      }),
    ).toThrow();
  });
});
