import { describe, expect, it } from 'vitest';
import { updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

const Q = 900_000;

describe('migration 0016: metrics', () => {
  function migrated() {
    const db = createRawDb();
    updateToVersion(db, 16);
    db.exec(`INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
             VALUES ('a1', '1001', '张伟', 'agent', '一组', 'x', 0, 0),
                    ('a2', '1002', '王芳', 'agent', '一组', 'x', 0, 0);
             INSERT INTO shifts (id, agent_id, desk_id, started_at) VALUES ('s1', 'a1', 'd', 0);`);
    return db;
  }
  const dirty = (db: ReturnType<typeof migrated>) =>
    db.prepare('SELECT agent_id, from_q, to_q FROM metric_dirty ORDER BY agent_id, from_q').all();

  it("marks the agent's quarter hours in the writer's own transaction: calls, holds, state spans", () => {
    const db = migrated();
    const t = 100 * Q + 5;
    db.prepare(
      `INSERT INTO calls (id, agent_id, shift_id, direction, remote_number, offered_at)
       VALUES ('c1', 'a1', 's1', 'inbound', '13800138000', ?)`,
    ).run(t);
    expect(dirty(db)).toEqual([{ agent_id: 'a1', from_q: 100, to_q: 100 }]);
    db.exec('DELETE FROM metric_dirty');
    db.exec(`UPDATE calls SET acw_ended_at = ${t + 50 * Q} WHERE id = 'c1'`); // late ACW: the call's day
    expect(dirty(db)).toEqual([{ agent_id: 'a1', from_q: 100, to_q: 100 }]);
    db.exec('DELETE FROM metric_dirty');
    db.exec(
      `INSERT INTO call_hold_segments (call_id, side, started_at) VALUES ('c1', 'agent', ${t})`,
    );
    expect(dirty(db)).toEqual([{ agent_id: 'a1', from_q: 100, to_q: 100 }]);
    db.exec('DELETE FROM metric_dirty');
    db.exec(`INSERT INTO agent_state_log (id, agent_id, shift_id, status, started_at)
             VALUES ('l1', 'a1', 's1', 'ready', ${t})`);
    db.exec(`UPDATE agent_state_log SET ended_at = ${t + 200 * Q} WHERE id = 'l1'`);
    expect(dirty(db)).toEqual([
      { agent_id: 'a1', from_q: 100, to_q: 100 },
      { agent_id: 'a1', from_q: 100, to_q: 300 },
    ]);
  });

  it("a new incoming call from a number marks that number's calls of the 7 days before (FCR)", () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO calls (id, agent_id, direction, remote_number, offered_at) VALUES (?, ?, 'inbound', ?, ?)`,
    );
    insert.run('old', 'a1', '13800138000', 10 * Q);
    insert.run('older', 'a1', '13800138000', 10 * Q - 8 * 96 * Q); // more than 7 days before
    insert.run('other', 'a1', '13900139000', 11 * Q);
    db.exec('DELETE FROM metric_dirty');
    insert.run('new', 'a2', '13800138000', 10 * Q + 3 * 96 * Q);
    expect(dirty(db)).toEqual([
      { agent_id: 'a1', from_q: 10, to_q: 10 },
      { agent_id: 'a2', from_q: 10 + 3 * 96, to_q: 10 + 3 * 96 },
    ]);
  });

  it('marks the history recorded before it, one range per agent (folded in by the first read)', () => {
    const db = createRawDb();
    updateToVersion(db, 15);
    db.exec(`INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
             VALUES ('a1', '1001', '张伟', 'agent', '一组', 'x', 0, 0);
             INSERT INTO shifts (id, agent_id, desk_id, started_at) VALUES ('s1', 'a1', 'd', 0);
             INSERT INTO calls (id, agent_id, direction, remote_number, offered_at)
               VALUES ('c1', 'a1', 'inbound', '', ${5 * Q}), ('c2', 'a1', 'inbound', '', ${900 * Q});
             INSERT INTO agent_state_log (id, agent_id, shift_id, status, started_at, ended_at)
               VALUES ('l1', 'a1', 's1', 'ready', ${2 * Q}, ${3 * Q}),
                      ('l2', 'a1', 's1', 'in_call', ${950 * Q}, ${960 * Q});`);
    updateToVersion(db, 16);
    expect(dirty(db)).toEqual([
      { agent_id: 'a1', from_q: 2, to_q: 960 },
      { agent_id: 'a1', from_q: 5, to_q: 900 },
    ]);
  });

  it('keeps queue calls keyed by the PBX call id, with known outcomes only', () => {
    const db = migrated();
    const insert = db.prepare(
      `INSERT INTO metric_queue_calls (call_id, queue, entered_at, outcome, wait_seconds, agent)
       VALUES (?, 'kefu', 0, ?, ?, NULL)`,
    );
    insert.run('q1', 'answered', 5);
    expect(() => insert.run('q1', 'answered', 5)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('q2', 'lost', 5)).toThrow(/CHECK/);
    expect(() => insert.run('q3', 'abandoned', -1)).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO metric_agent_days (agent_id, day) VALUES ('a1', '2026/12/02')`),
    ).toThrow(/CHECK|NOT NULL/);
  });
});
