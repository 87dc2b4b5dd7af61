import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0006: call details (remote name, transfer, refused offers)', () => {
  it('keeps existing calls, adds the columns with their checks, and indexes the Call-ID', () => {
    const db = createRawDb();
    updateToVersion(db, 5);
    db.prepare(
      "INSERT INTO calls (id, sip_call_id, direction, remote_number, offered_at) VALUES ('k1', 'abc@h', 'inbound', '13800000000', 100)",
    ).run();
    updateToVersion(db, 6);
    expect(currentVersion(db)).toBe(6);
    expect(
      db
        .prepare("SELECT remote_name, transfer_target, transfer_result FROM calls WHERE id = 'k1'")
        .get(),
    ).toEqual({
      remote_name: null,
      transfer_target: null,
      transfer_result: null,
    });
    const update = db.prepare(
      "UPDATE calls SET transfer_target = '2001', transfer_result = ? WHERE id = 'k1'",
    );
    update.run('completed');
    expect(() => update.run('maybe')).toThrow(/CHECK/);
    const plan = (
      db.prepare('EXPLAIN QUERY PLAN SELECT id FROM calls WHERE sip_call_id = ?').all('x') as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(plan.join(' ')).toContain('calls_sip_call_id');
    const shiftPlan = (
      db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM calls WHERE shift_id = ? AND end_cause = 'refused_not_ready'",
        )
        .all('s') as { detail: string }[]
    ).map((r) => r.detail);
    expect(shiftPlan.join(' ')).toContain('calls_shift_offered');
  });
});
