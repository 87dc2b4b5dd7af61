import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0001: agents, shifts, agent state log, settings, audit log', () => {
  it('creates the tables and enforces one open shift and one open state per shift', () => {
    const db = createRawDb();
    updateToVersion(db, 1);
    expect(currentVersion(db)).toBe(1);
    db.prepare(
      "INSERT INTO agents (id, employee_no, name, role, team, password_hash, created_at) VALUES ('a1', '1001', '张伟', 'agent', 't', 'h', 0)",
    ).run();
    db.prepare(
      "INSERT INTO shifts (id, agent_id, desk_id, started_at) VALUES ('s1', 'a1', 'd', 0)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO shifts (id, agent_id, desk_id, started_at) VALUES ('s2', 'a1', 'd', 1)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare(
      "INSERT INTO agent_state_log (id, agent_id, shift_id, status, reason, started_at) VALUES ('l1', 'a1', 's1', 'not_ready', 'login', 0)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO agent_state_log (id, agent_id, shift_id, status, reason, started_at) VALUES ('l2', 'a1', 's1', 'ready', NULL, 1)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    // A reason exactly where the state needs one; statuses only from the list; no orphan rows.
    expect(() =>
      db
        .prepare(
          "INSERT INTO agent_state_log (id, agent_id, shift_id, status, reason, started_at, ended_at) VALUES ('l3', 'a1', 's1', 'break', NULL, 1, 2)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO agent_state_log (id, agent_id, shift_id, status, reason, started_at, ended_at) VALUES ('l4', 'a1', 's1', 'asleep', NULL, 1, 2)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO agent_state_log (id, agent_id, shift_id, status, reason, started_at, ended_at) VALUES ('l5', 'zz', 's1', 'ready', NULL, 1, 2)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO agents (id, employee_no, name, role, team, password_hash, created_at) VALUES ('a2', '1002', 'x', 'boss', 't', 'h', 0)",
        )
        .run(),
    ).toThrow(/CHECK/);
    // A shift ends with a reason, or not at all.
    expect(() => db.prepare("UPDATE shifts SET ended_at = 5 WHERE id = 's1'").run()).toThrow(
      /CHECK/,
    );
  });
});
