import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/platform/db/database';
import { latestVersion } from '../../../electron/core/platform/db/migrations';
import { MemoryLogger } from '../../../electron/core/platform/ports';
import { tempDir } from '../../helpers/desk';

describe('desk database', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout, migrated to the latest version', () => {
    const t = tempDir();
    dirs.push(t);
    const db = openDatabase(join(t.dir, 'desk.sqlite'), { logger: new MemoryLogger() });
    expect(db.pragma('journal_mode')).toBe('wal');
    expect(db.pragma('synchronous')).toBe(2); // FULL
    expect(db.pragma('foreign_keys')).toBe(1);
    expect(db.pragma('busy_timeout')).toBe(5000);
    expect(db.pragma('user_version')).toBe(latestVersion);
    db.close();
  });

  it('logs statements slower than the threshold, with their SQL', () => {
    const logger = new MemoryLogger();
    const db = openDatabase(':memory:', { logger, slowQueryMs: 0 });
    db.prepare('SELECT count(*) FROM agents').get();
    const slow = logger.entries.find((e) => e.message === 'slow query');
    expect(slow?.fields?.['sql']).toBe('SELECT count(*) FROM agents');
    db.close();
  });

  it('rolls a failed transaction back whole', () => {
    const db = openDatabase(':memory:', { logger: new MemoryLogger() });
    const insert = db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, 'v', 0)");
    expect(() =>
      db.transaction(() => {
        insert.run(['a']);
        insert.run(['a']);
      }),
    ).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
    db.close();
  });

  it('commits a synced-later transaction without fsync and goes back to FULL, also when it fails', () => {
    const t = tempDir();
    dirs.push(t);
    const file = join(t.dir, 'desk.sqlite');
    const db = openDatabase(file, { logger: new MemoryLogger() });
    const insert = db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, 'v', 0)");
    let inside: unknown;
    db.transactionSyncedLater(() => {
      inside = db.pragma('synchronous');
      insert.run(['ring']);
    });
    expect(inside).toBe(1); // NORMAL for this commit only
    expect(db.pragma('synchronous')).toBe(2);
    // Committed: another connection sees it.
    const other = openDatabase(file, { logger: new MemoryLogger(), readonly: true });
    expect(other.prepare("SELECT count(*) AS n FROM settings WHERE key = 'ring'").get()).toEqual({
      n: 1,
    });
    other.close();
    expect(() =>
      db.transactionSyncedLater(() => {
        insert.run(['x']);
        insert.run(['x']);
      }),
    ).toThrow(/UNIQUE/);
    expect(db.pragma('synchronous')).toBe(2);
    expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'x'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  /** A child process commits `rows` rows one by one at `synchronous`, then dies by SIGKILL unclosed. */
  async function killedWriter(synchronous: 'NORMAL' | 'FULL', rows: number): Promise<string> {
    const t = tempDir();
    dirs.push(t);
    const file = join(t.dir, 'desk.sqlite');
    const { spawnSync } = await import('node:child_process');
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
         db.pragma('journal_mode = WAL'); db.pragma('synchronous = ${synchronous}');
         db.exec('CREATE TABLE t (i INTEGER)'); const s = db.prepare('INSERT INTO t VALUES (?)');
         for (let i = 0; i < ${rows}; i++) s.run(i);
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { cwd: process.cwd() },
    );
    expect(child.signal).toBe('SIGKILL');
    return file;
  }
  const countAfterKill = (file: string) => {
    const db = openDatabase(file, { logger: new MemoryLogger() });
    try {
      return db.prepare('SELECT count(*) AS n FROM t').get();
    } finally {
      db.close();
    }
  };

  it('keeps commits made without fsync (synchronous=NORMAL) when the process is killed (kill -9)', async () => {
    expect(countAfterKill(await killedWriter('NORMAL', 50))).toEqual({ n: 50 });
  });

  it('keeps every committed row after the process is killed without closing (kill -9)', async () => {
    expect(countAfterKill(await killedWriter('FULL', 200))).toEqual({ n: 200 });
  });
});
