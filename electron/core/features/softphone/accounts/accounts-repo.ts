import type { Role } from '@shared/session/contract';
import type { Db, Statement } from '../../../platform/db/database';

/** One agent's SIP account as stored (migration 0009); the password only ever sealed. */
export interface SipAccountRow {
  agent_id: string;
  server: string;
  aor: string;
  auth_user: string;
  display_name: string | null;
  password_sealed: string;
  updated_at: number;
  updated_by: string | null;
}

export interface AgentRef {
  id: string;
  employee_no: string;
  name: string;
  role: Role;
}

/** An agent with their account's visible columns (no password) and who set it last. */
export interface AgentAccountRow extends AgentRef {
  server: string | null;
  aor: string | null;
  auth_user: string | null;
  display_name: string | null;
  updated_at: number | null;
  updater_employee_no: string | null;
  updater_name: string | null;
}

const listColumns = `a.id, a.employee_no, a.name, a.role,
  s.server, s.aor, s.auth_user, s.display_name, s.updated_at,
  u.employee_no AS updater_employee_no, u.name AS updater_name`;
const listFrom = `agents a
  LEFT JOIN agent_sip_accounts s ON s.agent_id = a.id
  LEFT JOIN agents u ON u.id = s.updated_by`;

/** Per-agent SIP accounts (ADR 0011), read with the agents they belong to. */
export class SipAccountsRepo {
  private readonly listStmt: Statement<AgentAccountRow>;
  private readonly entryStmt: Statement<AgentAccountRow>;
  private readonly getStmt: Statement<SipAccountRow>;
  private readonly byAorStmt: Statement<SipAccountRow>;
  private readonly agentStmt: Statement<AgentRef>;
  private readonly upsertStmt: Statement<never>;
  private readonly removeStmt: Statement<never>;

  constructor(db: Db) {
    this.listStmt = db.prepare(
      `SELECT ${listColumns} FROM ${listFrom} ORDER BY a.employee_no COLLATE NOCASE, a.id`,
    );
    this.entryStmt = db.prepare(`SELECT ${listColumns} FROM ${listFrom} WHERE a.id = ?`);
    this.getStmt = db.prepare('SELECT * FROM agent_sip_accounts WHERE agent_id = ?');
    // The column's NOCASE collation: one agent per address, whatever its case.
    this.byAorStmt = db.prepare('SELECT * FROM agent_sip_accounts WHERE aor = ?');
    this.agentStmt = db.prepare('SELECT id, employee_no, name, role FROM agents WHERE id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO agent_sip_accounts
         (agent_id, server, aor, auth_user, display_name, password_sealed, updated_at, updated_by)
       VALUES (@agent_id, @server, @aor, @auth_user, @display_name, @password_sealed, @updated_at,
               @updated_by)
       ON CONFLICT (agent_id) DO UPDATE SET
         server = excluded.server, aor = excluded.aor, auth_user = excluded.auth_user,
         display_name = excluded.display_name, password_sealed = excluded.password_sealed,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    this.removeStmt = db.prepare('DELETE FROM agent_sip_accounts WHERE agent_id = ?');
  }

  list(): AgentAccountRow[] {
    return this.listStmt.all();
  }

  entry(agentId: string): AgentAccountRow | undefined {
    return this.entryStmt.get([agentId]);
  }

  get(agentId: string): SipAccountRow | undefined {
    return this.getStmt.get([agentId]);
  }

  byAor(aor: string): SipAccountRow | undefined {
    return this.byAorStmt.get([aor]);
  }

  agent(id: string): AgentRef | undefined {
    return this.agentStmt.get([id]);
  }

  upsert(row: SipAccountRow): void {
    this.upsertStmt.run({ ...row });
  }

  remove(agentId: string): void {
    this.removeStmt.run([agentId]);
  }
}
