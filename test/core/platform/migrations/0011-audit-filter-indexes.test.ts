import { describe, expect, it } from 'vitest';
import { updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0011: audit log filter indexes', () => {
  it('one agent’s or one action’s entries, newest first, are read through an index', () => {
    const db = createRawDb();
    updateToVersion(db, 11);
    const plan = (where: string) =>
      (
        db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE ${where} ORDER BY at DESC LIMIT 50`,
          )
          .all() as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    expect(plan("actor_id = 'a1'")).toMatch(/USING INDEX audit_log_by_actor/);
    expect(plan("action = 'sign_in'")).toMatch(/USING INDEX audit_log_by_action/);
    expect(plan("actor_id = 'a1'")).not.toMatch(/TEMP B-TREE/);
  });
});
