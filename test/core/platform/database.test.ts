import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/platform/db/database';
import { latestVersion } from '../../../electron/core/platform/db/migrations';
import { MemoryLogger } from '../../../electron/core/platform/ports';
import { tempDir } from '../../helpers/desk';
import type { WriterHelper } from '../../helpers/killed-writer';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('desk database', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  // The kill -9 writer runs under plain Node: bundle it (and the product code it imports) once.
  let writerDir: { dir: string; remove(): void };
  let writerScript: string;
  beforeAll(async () => {
    writerDir = tempDir('courier-desk-writer-');
    writerScript = join(writerDir.dir, 'killed-writer.cjs');
    await build({
      absWorkingDir: root,
      entryPoints: ['test/helpers/killed-writer.ts'],
      outfile: writerScript,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      alias: { '@shared': './shared' },
      external: ['better-sqlite3'],
      logLevel: 'warning',
    });
  });
  afterAll(() => writerDir?.remove());

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

  /**
   * The product's writer, killed mid-stream: a child process (test/helpers/killed-writer.ts, bundled
   * once for plain Node) opens the database with `openDatabase` and commits two rows per
   * transaction through `helper`, acknowledging each commit after the helper returns; the parent
   * sends SIGKILL once `killAfter` commits are acknowledged, while the child is still writing.
   */
  async function killMidStream(helper: WriterHelper, killAfter: number) {
    const t = tempDir();
    dirs.push(t);
    const file = join(t.dir, 'desk.sqlite');
    const child = spawn(process.execPath, [writerScript, file, helper, String(killAfter * 100)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The bundle leaves better-sqlite3 external: load the project's copy.
      env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    });
    const acked: number[] = [];
    const other: string[] = [];
    let pragmas: unknown = null;
    let stderr = '';
    let pending = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (/^\d+$/.test(line)) acked.push(Number(line));
        else if (line.startsWith('{')) pragmas = (JSON.parse(line) as { pragmas: unknown }).pragmas;
        else other.push(line);
      }
      if (!killed && acked.length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    const [code, signal] = (await once(child, 'close')) as [number | null, string | null];
    expect({ code, signal, other, stderr }).toEqual({
      code: null,
      signal: 'SIGKILL',
      other: [],
      stderr: '',
    });
    return { file, pragmas, acked };
  }

  /** Transaction number → the halves of it ('a', 'b') found in the database. */
  function committedAfterKill(file: string): Map<number, string[]> {
    const db = openDatabase(file, { logger: new MemoryLogger() });
    try {
      expect(db.pragma('integrity_check')).toBe('ok');
      const rows = db
        .prepare<{ key: string; value: string }>(
          "SELECT key, value FROM settings WHERE key LIKE 'kill.%' ORDER BY key",
        )
        .all();
      const found = new Map<number, string[]>();
      for (const { key, value } of rows) {
        const [, i, half] = /^kill\.(\d+)\.([ab])$/.exec(key)!;
        expect(value).toBe(i);
        found.set(Number(i), [...(found.get(Number(i)) ?? []), half!]);
      }
      return found;
    } finally {
      db.close();
    }
  }

  it.each<[WriterHelper, number]>([
    ['transaction', 150],
    ['transactionSyncedLater', 400],
  ])(
    'keeps every commit made through %s when the writer is killed mid-stream (kill -9)',
    async (helper, killAfter) => {
      const { file, pragmas, acked } = await killMidStream(helper, killAfter);
      // The writer ran with the desk's own pragmas, not better-sqlite3's defaults.
      expect(pragmas).toEqual({
        journal_mode: 'wal',
        synchronous: 2,
        foreign_keys: 1,
        busy_timeout: 5000,
      });
      // Killed while still writing: acknowledged in order, and not all it would have written.
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      expect(acked).toEqual(acked.map((_, i) => i));
      const last = acked.length - 1;
      const found = committedAfterKill(file);
      // Every acknowledged commit survived, whole; at most the one commit in flight at the kill
      // (done but not yet acknowledged) is there besides; no transaction is there by half.
      const present = [...found.keys()].sort((a, b) => a - b);
      expect(present.slice(0, last + 1)).toEqual(acked);
      expect(present.length - acked.length).toBeLessThanOrEqual(1);
      if (present.length > acked.length) expect(present.at(-1)).toBe(last + 1);
      for (const [i, halves] of found) expect([i, halves]).toEqual([i, ['a', 'b']]);
    },
  );
});
