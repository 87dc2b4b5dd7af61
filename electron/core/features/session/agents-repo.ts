import type { Role } from '@shared/contract';
import type { Db, Statement } from '../../platform/db/database';

export interface AgentRow {
  id: string;
  employee_no: string;
  name: string;
  role: Role;
  team: string;
  password_hash: string;
  failed_attempts: number;
  locked_until: number | null;
  disabled: 0 | 1;
  created_at: number;
}

export type NewAgent = Pick<
  AgentRow,
  'id' | 'employee_no' | 'name' | 'role' | 'team' | 'password_hash' | 'created_at'
>;

export class AgentsRepo {
  private readonly byEmployeeNo: Statement<AgentRow>;
  private readonly byId: Statement<AgentRow>;
  private readonly insertStmt: Statement<never>;
  private readonly failureStmt: Statement<never>;
  private readonly successStmt: Statement<never>;
  private readonly countStmt: Statement<{ n: number }>;

  constructor(db: Db) {
    this.byEmployeeNo = db.prepare('SELECT * FROM agents WHERE employee_no = ?');
    this.byId = db.prepare('SELECT * FROM agents WHERE id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO agents (id, employee_no, name, role, team, password_hash, created_at)
       VALUES (@id, @employee_no, @name, @role, @team, @password_hash, @created_at)`,
    );
    this.failureStmt = db.prepare(
      'UPDATE agents SET failed_attempts = @failed_attempts, locked_until = @locked_until WHERE id = @id',
    );
    this.successStmt = db.prepare(
      'UPDATE agents SET failed_attempts = 0, locked_until = NULL WHERE id = ?',
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM agents');
  }

  findByEmployeeNo(employeeNo: string): AgentRow | undefined {
    return this.byEmployeeNo.get([employeeNo]);
  }

  findById(id: string): AgentRow | undefined {
    return this.byId.get([id]);
  }

  insert(agent: NewAgent): void {
    this.insertStmt.run(agent);
  }

  recordFailure(id: string, failedAttempts: number, lockedUntil: number | null): void {
    this.failureStmt.run({ id, failed_attempts: failedAttempts, locked_until: lockedUntil });
  }

  recordSuccess(id: string): void {
    this.successStmt.run([id]);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
