import { describe, expect, it } from 'vitest';
import { updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0018: open complaints by customer', () => {
  it("a caller's open tickets are a seek per customer in the order of their next clock", () => {
    const db = createRawDb();
    updateToVersion(db, 18);
    const plan = (where: string) =>
      (
        db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT id FROM complaints t WHERE ${where}
             ORDER BY t.next_due_at LIMIT 5`,
          )
          .all() as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    const one = plan("t.closed_at IS NULL AND t.customer_id = 'c1'");
    expect(one).toMatch(/USING INDEX complaints_open_by_customer \(customer_id=\?\)/);
    expect(one).not.toMatch(/TEMP B-TREE/);
    expect(
      plan("t.closed_at IS NULL AND t.customer_id IN (SELECT value FROM json_each('[1,2]'))"),
    ).toMatch(/USING INDEX complaints_open_by_customer/);
    // Closed tickets are not in it (a partial index of the open ones).
    expect(plan("t.customer_id = 'c1'")).not.toMatch(/complaints_open_by_customer/);
  });
});
