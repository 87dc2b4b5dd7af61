import { describe, expect, it } from 'vitest';
import { currentVersion, updateToVersion } from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

describe('migration 0004: lookup indexes, customer full-text, notes, problem reports, refresh queue', () => {
  it('indexes existing customers for full-text search and keeps the index in step', () => {
    const db = createRawDb();
    updateToVersion(db, 3);
    const insert = db.prepare(
      "INSERT INTO customers (id, name, company, class, province, city, address, created_at) VALUES (?, ?, ?, 'C', '浙江省', '杭州市', ?, 0)",
    );
    insert.run('c1', '欧阳娜娜', null, '浙江省杭州市西湖区文化路12号翠湖花园3栋');
    updateToVersion(db, 4);
    expect(currentVersion(db)).toBe(4);
    const match = (q: string) =>
      db
        .prepare(
          'SELECT c.id FROM customers_fts f JOIN customers c ON c.rowid = f.rowid WHERE customers_fts MATCH ?',
        )
        .all(q);
    expect(match('"文化路"')).toEqual([{ id: 'c1' }]); // rebuilt from the existing row
    insert.run('c2', '王芳', '杭州鼎盛贸易有限公司', '浙江省杭州市滨江区科技路8号');
    expect(match('"鼎盛贸易"')).toEqual([{ id: 'c2' }]); // insert trigger
    db.prepare(
      "UPDATE customers SET address = '浙江省宁波市鄞州区人民路1号' WHERE id = 'c1'",
    ).run();
    expect(match('"文化路"')).toEqual([]); // update trigger
    expect(match('"人民路"')).toEqual([{ id: 'c1' }]);
    // Trigram matches nothing under 3 characters — the reason for the name B-tree.
    expect(match('"王芳"')).toEqual([]);
    expect(db.prepare("SELECT id FROM customers WHERE name = '王芳'").all()).toEqual([
      { id: 'c2' },
    ]);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT customer_id FROM phones WHERE last4 = '5678'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toContain('phones_last4');
  });

  it('refuses empty or oversized notes, problem kinds outside the list, and orphans', () => {
    const db = createRawDb();
    updateToVersion(db, 4);
    db.prepare(
      "INSERT INTO agents (id, employee_no, name, role, team, password_hash, created_at) VALUES ('a1', '1001', '张伟', 'agent', 't', 'h', 0)",
    ).run();
    db.prepare(
      `INSERT INTO waybills (id, number, carrier, sender_name, sender_phone, sender_address, receiver_name, receiver_phone,
        receiver_address, origin_city, dest_city, service_type, item_description, weight_g, insured, freight_fen, status, created_at)
       VALUES ('w1', 'SF1000000000001', 'SF', 'a', 'p', 'a', 'b', 'p', 'a', 'o', 'd', 's', 'i', 1, 0, 0, 'IN_TRANSIT', 0)`,
    ).run();
    const note = db.prepare(
      "INSERT INTO waybill_notes (id, waybill_id, agent_id, at, text) VALUES (?, 'w1', 'a1', 0, ?)",
    );
    note.run('n1', '客户要求改派周末');
    expect(() => note.run('n2', '')).toThrow(/CHECK/);
    expect(() => note.run('n3', 'x'.repeat(2001))).toThrow(/CHECK/);
    const problem = db.prepare(
      'INSERT INTO problem_reports (id, waybill_id, kind, occurred_at, announced_at) VALUES (?, ?, ?, 10, ?)',
    );
    problem.run('p1', 'w1', 'no_parcel', null);
    expect(() => problem.run('p2', 'w1', 'gone', null)).toThrow(/CHECK/);
    expect(() => problem.run('p3', 'w1', 'no_label', 5)).toThrow(/CHECK/);
    expect(() => problem.run('p4', 'nope', 'no_label', null)).toThrow(/FOREIGN KEY/);
  });
});
