/**
 * The desk's SQLite file. Pragmas follow docs/DESIGN.md §3: WAL with synchronous=FULL (better-sqlite3
 * defaults WAL to NORMAL, which can drop the last commits on power loss), foreign keys on,
 * a busy timeout, and every statement timed so slow ones (> 40 ms) reach the log.
 */
import Database from 'better-sqlite3';
import type { Logger } from '../ports';
import { migrateToLatest } from './migrations';

export type SqlParams = Record<string, unknown> | unknown[];

export interface Statement<Row> {
  get(params?: SqlParams): Row | undefined;
  all(params?: SqlParams): Row[];
  run(params?: SqlParams): Database.RunResult;
}

export interface OpenOptions {
  logger: Logger;
  /** Electron loads a better-sqlite3 binding built for its own ABI (docs/adr/0003). */
  nativeBinding?: string;
  slowQueryMs?: number;
  readonly?: boolean;
}

export class Db {
  private readonly slowQueryMs: number;

  constructor(
    readonly raw: Database.Database,
    private readonly logger: Logger,
    slowQueryMs = 40,
  ) {
    this.slowQueryMs = slowQueryMs;
  }

  /** Prepare once (at repository construction), run many times. */
  prepare<Row = unknown>(sql: string): Statement<Row> {
    const stmt = this.raw.prepare(sql);
    const args = (p?: SqlParams): unknown[] => (p === undefined ? [] : [p]);
    return {
      get: (p) => this.timed(sql, () => stmt.get(...args(p)) as Row | undefined),
      all: (p) => this.timed(sql, () => stmt.all(...args(p)) as Row[]),
      run: (p) => this.timed(sql, () => stmt.run(...args(p))),
    };
  }

  /** Runs fn in one IMMEDIATE transaction: all of it commits, or none of it does. */
  transaction<T>(fn: () => T): T {
    return this.raw.transaction(fn).immediate();
  }

  /**
   * Like transaction(), but this one commit is not fsynced (synchronous=NORMAL for it alone): it
   * survives a crash or kill of the desk at once (it is in the WAL, handed to the OS), and becomes
   * power-loss durable with the next fsynced commit, which also syncs every WAL frame before it.
   * Only for a write on a latency path whose follow-up commits soon — the ring of an incoming
   * call, made durable by its answer, refusal or ring timeout (ADR 0007).
   */
  transactionSyncedLater<T>(fn: () => T): T {
    this.raw.pragma('synchronous = NORMAL');
    try {
      return this.transaction(fn);
    } finally {
      this.raw.pragma('synchronous = FULL');
    }
  }

  pragma(name: string): unknown {
    return this.raw.pragma(name, { simple: true });
  }

  close(): void {
    if (this.raw.open) this.raw.close();
  }

  private timed<T>(sql: string, fn: () => T): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
      const ms = performance.now() - start;
      if (ms > this.slowQueryMs) {
        this.logger.warn('slow query', {
          ms: Math.round(ms * 10) / 10,
          sql: sql.replace(/\s+/g, ' ').trim().slice(0, 300),
        });
      }
    }
  }
}

export function openDatabase(file: string, options: OpenOptions): Db {
  const raw = new Database(file, {
    ...(options.nativeBinding && { nativeBinding: options.nativeBinding }),
    ...(options.readonly && { readonly: true }),
  });
  try {
    if (file !== ':memory:' && !options.readonly) raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    if (!options.readonly) migrateToLatest(raw, options.logger);
  } catch (err) {
    raw.close();
    throw err;
  }
  return new Db(raw, options.logger, options.slowQueryMs);
}
