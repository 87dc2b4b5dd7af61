import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0010: the pick for after the call, auto-classified calls', () => {
  it('keeps existing shifts and calls (no pick, not auto-classified) and checks the new columns', () => {
    const db = createRawDb();
    updateToVersion(db, 9);
    db.prepare(
      "INSERT INTO agents (id, employee_no, name, role, team, password_hash, created_at) VALUES ('a1', '1001', '张伟', 'agent', 't', 'x', 1)",
    ).run();
    db.prepare(
      "INSERT INTO shifts (id, agent_id, desk_id, started_at) VALUES ('s1', 'a1', 'd1', 100)",
    ).run();
    db.prepare(
      "INSERT INTO calls (id, direction, remote_number, offered_at, disposition) VALUES ('k1', 'inbound', '13800000000', 100, 'other')",
    ).run();
    updateToVersion(db, 10);
    expect(currentVersion(db)).toBe(10);
    expect(
      db.prepare('SELECT after_call_status, after_call_reason, after_call_at FROM shifts').get(),
    ).toEqual({ after_call_status: null, after_call_reason: null, after_call_at: null });
    expect(db.prepare('SELECT acw_auto FROM calls').get()).toEqual({ acw_auto: 0 });

    const pick = db.prepare(
      "UPDATE shifts SET after_call_status = ?, after_call_reason = ?, after_call_at = ? WHERE id = 's1'",
    );
    pick.run('break', 'meal', 200);
    pick.run('offline', null, 200);
    pick.run(null, null, null);
    // A reason exactly for 示忙/小休, a time exactly with a pick, and only states one may pick.
    expect(() => pick.run('break', null, 200)).toThrow(/CHECK/);
    expect(() => pick.run('ready', 'meal', 200)).toThrow(/CHECK/);
    expect(() => pick.run('ready', null, null)).toThrow(/CHECK/);
    expect(() => pick.run('in_call', null, 200)).toThrow(/CHECK/);
    expect(() => pick.run(null, null, 200)).toThrow(/CHECK/);

    const auto = db.prepare("UPDATE calls SET acw_auto = ? WHERE id = 'k1'");
    auto.run(1);
    expect(() => auto.run(2)).toThrow(/CHECK/);
    expect(() => auto.run(null)).toThrow(/NOT NULL/);
  });
});
