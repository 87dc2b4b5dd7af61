import type { Db, Statement } from './db/database';

export interface AuditEntry {
  id: string;
  at: number;
  actorId: string | null;
  action: string;
  subject: string | null;
  detail: Record<string, unknown> | null;
}

interface AuditRow {
  id: string;
  at: number;
  actor_id: string | null;
  action: string;
  subject: string | null;
  detail: string | null;
}

/** Append-only record of security-relevant actions (sign-in, lockout, revealing a phone, …). */
export class AuditRepo {
  private readonly insertStmt: Statement<never>;
  private readonly recentStmt: Statement<AuditRow>;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (id, at, actor_id, action, subject, detail)
       VALUES (@id, @at, @actor_id, @action, @subject, @detail)`,
    );
    this.recentStmt = db.prepare('SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT ?');
  }

  append(entry: AuditEntry): void {
    this.insertStmt.run({
      id: entry.id,
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject,
      detail: entry.detail === null ? null : JSON.stringify(entry.detail),
    });
  }

  recent(limit: number): AuditEntry[] {
    return this.recentStmt.all([limit]).map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      subject: r.subject,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
    }));
  }
}
