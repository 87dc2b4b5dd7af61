import type { z } from 'zod';
import type { Db, Statement } from './db/database';
import type { Logger } from './ports';

/** Key/value desk settings (desk id, time zone, lockout policy, …). */
export class SettingsRepo {
  private readonly getStmt: Statement<{ value: string }>;
  private readonly setStmt: Statement<never>;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (@key, @value, @at)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  get(key: string): string | undefined {
    return this.getStmt.get([key])?.value;
  }

  set(key: string, value: string, at: number): void {
    this.setStmt.run({ key, value, at });
  }

  /** Returns the stored value, storing `make()` first if there is none. */
  getOrInit(key: string, make: () => string, at: number): string {
    const existing = this.get(key);
    if (existing !== undefined) return existing;
    const value = make();
    this.set(key, value, at);
    return value;
  }

  /**
   * A JSON setting parsed with its schema. Absent → undefined; unreadable or of the wrong shape →
   * undefined and a warning naming the key, so one bad value never breaks the screens that read it.
   */
  getParsed<S extends z.ZodType>(key: string, schema: S, logger: Logger): z.output<S> | undefined {
    const text = this.get(key);
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      logger.warn('setting is not valid JSON; ignored', { key });
      return undefined;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      logger.warn('setting has the wrong shape; ignored', {
        key,
        issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      });
      return undefined;
    }
    return parsed.data;
  }
}
