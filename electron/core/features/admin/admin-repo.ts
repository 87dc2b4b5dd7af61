/**
 * The admin feature's SQL: the team (table `agents`, shared with the session feature, which owns
 * sign-in and the lockout columns), the one setting it removes, and the audit log's filtered pages.
 */
import type { Role } from '@shared/contract';
import type { Db, Statement } from '../../platform/db/database';

export interface AdminAgentRow {
  id: string;
  employee_no: string;
  name: string;
  role: Role;
  team: string;
  disabled: 0 | 1;
  locked_until: number | null;
  failed_attempts: number;
  created_at: number;
}

export type NewAgentRow = Pick<
  AdminAgentRow,
  'id' | 'employee_no' | 'name' | 'role' | 'team' | 'created_at'
> & { password_hash: string };

export interface AuditFilter {
  actorId?: string;
  action?: string;
  from?: number;
  to?: number;
}

export interface AuditPageRow {
  id: string;
  at: number;
  action: string;
  subject: string | null;
  detail: string | null;
  actor_no: string | null;
  actor_name: string | null;
  subject_no: string | null;
  subject_name: string | null;
}

export interface LastAuditRow {
  at: number;
  employee_no: string;
  name: string;
}

const agentColumns =
  'id, employee_no, name, role, team, disabled, locked_until, failed_attempts, created_at';

export class AdminRepo {
  private readonly listStmt: Statement<AdminAgentRow>;
  private readonly byIdStmt: Statement<AdminAgentRow>;
  private readonly takenStmt: Statement<{ id: string }>;
  private readonly insertStmt: Statement<never>;
  private readonly disabledStmt: Statement<never>;
  private readonly passwordStmt: Statement<never>;
  private readonly unlockStmt: Statement<never>;
  private readonly deleteSettingStmt: Statement<never>;
  private readonly lastAuditStmt: Statement<LastAuditRow>;
  private readonly auditStmts = new Map<
    string,
    { count: Statement<{ n: number }>; page: Statement<AuditPageRow> }
  >();

  constructor(private readonly db: Db) {
    this.listStmt = db.prepare(
      `SELECT ${agentColumns} FROM agents ORDER BY disabled, role DESC, employee_no`,
    );
    this.byIdStmt = db.prepare(`SELECT ${agentColumns} FROM agents WHERE id = ?`);
    // 工号 that differ only in case would be told apart by sign-in but not by people: refused.
    this.takenStmt = db.prepare('SELECT id FROM agents WHERE employee_no = ? COLLATE NOCASE');
    this.insertStmt = db.prepare(
      `INSERT INTO agents (id, employee_no, name, role, team, password_hash, created_at)
       VALUES (@id, @employee_no, @name, @role, @team, @password_hash, @created_at)`,
    );
    this.disabledStmt = db.prepare('UPDATE agents SET disabled = @disabled WHERE id = @id');
    this.passwordStmt = db.prepare(
      `UPDATE agents SET password_hash = @password_hash, failed_attempts = 0, locked_until = NULL
       WHERE id = @id`,
    );
    this.unlockStmt = db.prepare(
      'UPDATE agents SET failed_attempts = 0, locked_until = NULL WHERE id = ?',
    );
    this.deleteSettingStmt = db.prepare('DELETE FROM settings WHERE key = ?');
    this.lastAuditStmt = db.prepare(
      `SELECT l.at, a.employee_no, a.name FROM audit_log l JOIN agents a ON a.id = l.actor_id
       WHERE l.action = ? ORDER BY l.at DESC, l.id DESC LIMIT 1`,
    );
  }

  /** The latest audit row of `action` made by an agent, with who made it. */
  lastAudit(action: string): LastAuditRow | undefined {
    return this.lastAuditStmt.get([action]);
  }

  agents(): AdminAgentRow[] {
    return this.listStmt.all();
  }

  agent(id: string): AdminAgentRow | undefined {
    return this.byIdStmt.get([id]);
  }

  employeeNoTaken(employeeNo: string): boolean {
    return this.takenStmt.get([employeeNo]) !== undefined;
  }

  insertAgent(row: NewAgentRow): void {
    this.insertStmt.run(row);
  }

  setDisabled(id: string, disabled: boolean): void {
    this.disabledStmt.run({ id, disabled: disabled ? 1 : 0 });
  }

  /** A new password hash; the failed attempts and any lockout go with the old password. */
  setPassword(id: string, passwordHash: string): void {
    this.passwordStmt.run({ id, password_hash: passwordHash });
  }

  /** Clears the lockout exactly as a successful sign-in does (AgentsRepo.recordSuccess). */
  unlock(id: string): void {
    this.unlockStmt.run([id]);
  }

  deleteSetting(key: string): void {
    this.deleteSettingStmt.run([key]);
  }

  /** One page of the audit log, newest first, with the actor's and an agent subject's names. */
  auditPage(
    filter: AuditFilter,
    limit: number,
    offset: number,
  ): { rows: AuditPageRow[]; total: number } {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.actorId !== undefined) {
      where.push('l.actor_id = @actorId');
      params['actorId'] = filter.actorId;
    }
    if (filter.action !== undefined) {
      where.push('l.action = @action');
      params['action'] = filter.action;
    }
    if (filter.from !== undefined) {
      where.push('l.at >= @from');
      params['from'] = filter.from;
    }
    if (filter.to !== undefined) {
      where.push('l.at < @to');
      params['to'] = filter.to;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const q = this.auditQueries(clause);
    const total = q.count.get(params)?.n ?? 0;
    const rows = q.page.all({ ...params, limit, offset });
    return { rows, total };
  }

  /** The two statements for one combination of filters (at most 16), prepared once each. */
  private auditQueries(clause: string): {
    count: Statement<{ n: number }>;
    page: Statement<AuditPageRow>;
  } {
    let q = this.auditStmts.get(clause);
    if (!q) {
      // Built from the fixed fragments in auditPage only; every value is a bound parameter.
      q = {
        count: this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM audit_log l ${clause}`),
        page: this.db.prepare<AuditPageRow>(
          `SELECT l.id, l.at, l.action, l.subject, l.detail,
                  actor.employee_no AS actor_no, actor.name AS actor_name,
                  subj.employee_no AS subject_no, subj.name AS subject_name
           FROM audit_log l
           LEFT JOIN agents actor ON actor.id = l.actor_id
           LEFT JOIN agents subj ON subj.id = l.subject
           ${clause}
           ORDER BY l.at DESC, l.id DESC
           LIMIT @limit OFFSET @offset`,
        ),
      };
      this.auditStmts.set(clause, q);
    }
    return q;
  }
}
