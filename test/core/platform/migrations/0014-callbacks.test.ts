import { describe, expect, it } from 'vitest';
import { updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0014: call-backs', () => {
  it('keeps a call-back open until it has both a time and an outcome', () => {
    const db = createRawDb();
    updateToVersion(db, 14);
    db.exec(`INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
             VALUES ('a1', '1001', '张伟', 'agent', '一组', 'x', 0, 0)`);
    const insert = db.prepare(
      `INSERT INTO callbacks (id, owner_id, created_by, created_at, number, reason, due_at)
       VALUES (?, 'a1', 'a1', 0, ?, ?, 0)`,
    );
    insert.run('b1', '13800138000', '回复理赔进度');
    expect(() => insert.run('b2', '12', '回复')).toThrow(/CHECK/);
    expect(() => insert.run('b3', '13800138000', '')).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE callbacks SET outcome = 'reached'")).toThrow(/CHECK/); // no time
    expect(() => db.exec('UPDATE callbacks SET closed_at = 1')).toThrow(/CHECK/); // no outcome
    db.exec("UPDATE callbacks SET closed_at = 1, outcome = 'reached'");
    expect(() => db.exec("UPDATE callbacks SET outcome = 'maybe'")).toThrow(/CHECK/);
  });
});
