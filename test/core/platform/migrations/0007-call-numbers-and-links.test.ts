import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0007: normalised call numbers, raw caller id, call links', () => {
  it('keeps existing calls, adds the raw column and the links table with its checks', () => {
    const db = createRawDb();
    updateToVersion(db, 6);
    db.prepare(
      "INSERT INTO calls (id, direction, remote_number, offered_at) VALUES ('k1', 'inbound', '+86 138 0000 0000', 100)",
    ).run();
    updateToVersion(db, 7);
    expect(currentVersion(db)).toBe(7);
    expect(
      db.prepare("SELECT remote_number, remote_number_raw FROM calls WHERE id = 'k1'").get(),
    ).toEqual({ remote_number: '+86 138 0000 0000', remote_number_raw: null });
    const link = db.prepare(
      'INSERT INTO call_links (call_id, kind, ref_id, linked_at) VALUES (?, ?, ?, 1)',
    );
    link.run('k1', 'waybill', 'w1');
    expect(() => link.run('k1', 'waybill', 'w1')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => link.run('k1', 'parcel', 'w2')).toThrow(/CHECK/);
    expect(() => link.run('nope', 'waybill', 'w3')).toThrow(/FOREIGN KEY/);
    const plan = (
      db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT call_id FROM call_links WHERE kind = 'waybill' AND ref_id = ?",
        )
        .all('w1') as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join(' ')).toContain('call_links_ref');
  });
});
