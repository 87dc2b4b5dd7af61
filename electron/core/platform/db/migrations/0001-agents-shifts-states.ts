import type { Migration } from './index';

/** Agents, shifts, the agent state log (feeds occupancy/adherence), settings and the audit log. */
export const migration0001: Migration = {
  version: 1,
  name: 'agents, shifts, agent state log, settings, audit log',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        employee_no TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'lead')),
        team TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE shifts (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        desk_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT CHECK (end_reason IN ('sign_out', 'recovered_after_restart')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX shifts_one_open_per_agent ON shifts(agent_id) WHERE ended_at IS NULL;
      CREATE INDEX shifts_agent_started ON shifts(agent_id, started_at);

      CREATE TABLE agent_state_log (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        shift_id TEXT NOT NULL REFERENCES shifts(id),
        status TEXT NOT NULL CHECK (status IN
          ('offline', 'ready', 'not_ready', 'break', 'ringing', 'in_call', 'after_call_work')),
        reason TEXT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        CHECK ((status IN ('not_ready', 'break')) = (reason IS NOT NULL)),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      ) STRICT;
      CREATE INDEX agent_state_log_agent_started ON agent_state_log(agent_id, started_at);
      CREATE INDEX agent_state_log_shift ON agent_state_log(shift_id, started_at);
      CREATE UNIQUE INDEX agent_state_log_one_open_per_shift
        ON agent_state_log(shift_id) WHERE ended_at IS NULL;

      CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at);
    `);
  },
};
